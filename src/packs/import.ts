/**
 * Importing a note pack the reader chose: check it, compile it, show what it
 * would add or change, and keep it only once the reader confirms. Nothing is
 * written before then, and nothing at all when the pack is refused.
 */
import type { ExtensionApi } from '@/src/extension/api';
import { compilePack, type CompiledPack, type PackCounts } from './compile-pack';
import { listPacks, savePack, type PackEntry } from './store';
import { checkPackText } from './validate-pack';

/** A pack ready to keep, and what it would replace. */
export interface PackPreview {
  pack: CompiledPack;
  /** The imported pack with the same id, if any: keeping this one replaces it. */
  replaces: PackEntry | undefined;
}

export type PackImportResult = { ok: true; preview: PackPreview } | { ok: false; problems: string[] };

/** Checks and compiles a pack file's text against what is imported already; writes nothing. */
export async function preparePackImport(api: ExtensionApi, text: string): Promise<PackImportResult> {
  const checked = checkPackText(text);
  if (!checked.ok) return checked;
  let pack: CompiledPack;
  try {
    pack = compilePack(checked.pack);
  } catch (error) {
    return { ok: false, problems: [`the pack could not be compiled: ${(error as Error).message}`] };
  }
  const replaces = (await listPacks(api)).find((entry) => entry.meta.id === pack.meta.id);
  return { ok: true, preview: { pack, replaces } };
}

/** How a replacement changes the counts, for the confirmation ("topics 12 → 14"). */
export function countChanges(before: PackCounts, after: PackCounts): Array<{ what: keyof PackCounts; before: number; after: number }> {
  return (Object.keys(after) as Array<keyof PackCounts>).map((what) => ({ what, before: before[what], after: after[what] }));
}

/** Keeps a previewed pack (after the reader confirmed a replacement). */
export function confirmPackImport(api: ExtensionApi, preview: PackPreview): Promise<void> {
  return savePack(api, preview.pack);
}
