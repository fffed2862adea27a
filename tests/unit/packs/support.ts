import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataset } from '@/src/data';
import type { Dataset } from '@/src/data/schema';
import type { ExtensionApi } from '@/src/extension/api';
import {
  builtInCatalogPack,
  checkPackText,
  compilePack,
  createNotesCatalog,
  savePack,
  type CatalogPack,
  type CompiledPack,
  type NotesCatalog,
} from '@/src/packs';

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

let compiledExample: CompiledPack | undefined;
/** The example pack checked and compiled as an import would (ids namespaced `us-collective-defense/…`); compiled once per test file. */
export function compiledExamplePack(): CompiledPack {
  if (!compiledExample) {
    const checked = checkPackText(examplePackText());
    if (!checked.ok) throw new Error(checked.problems.join('\n'));
    compiledExample = compilePack(checked.pack);
  }
  return compiledExample;
}

/** The example pack as a catalog holds an imported pack. */
export function exampleCatalogPack(): CatalogPack {
  const { meta, notes } = compiledExamplePack();
  return { meta, notes, builtIn: false };
}

/** The catalog with the built-in notes and the example pack on, in that order. */
export function catalogWithExample(): NotesCatalog {
  return createNotesCatalog([builtInCatalogPack(dataset), exampleCatalogPack()]);
}

/** Imports the compiled example pack into the fake browser's storage.local, as the options page would. */
export async function storeExamplePack(api: ExtensionApi): Promise<void> {
  await savePack(api, compiledExamplePack());
}
