import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '@/src/data/schema';

/** The example pack of the authors' guide (docs/note-packs.md), kept as a fixture. */
export const EXAMPLE_PACK_FILE = join(__dirname, '..', '..', 'fixtures', 'packs', 'us-collective-defense.json');
export const examplePackText = (): string => readFileSync(EXAMPLE_PACK_FILE, 'utf8');
export const examplePack = (): Dataset => JSON.parse(examplePackText()) as Dataset;

/** A copy of the example pack changed by `change`, as file text. */
export function packText(change: (pack: Dataset) => void): string {
  const pack = examplePack();
  change(pack);
  return JSON.stringify(pack);
}
