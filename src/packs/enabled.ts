/**
 * Which packs are on, read from an extension context: the built-in notes
 * (bundled) unless the reader turned them off, and the imported packs the
 * reader has not turned off (from `storage.local`).
 */
import type { Dataset } from '@/src/data';
import type { ExtensionApi } from '@/src/extension/api';
import type { CatalogPack } from './catalog';
import { listPacks, readPack, type PackEntry } from './store';
import { BUILT_IN_PACK_ID } from './validate-pack';

/** The imported packs that are on, in import order. */
export async function enabledImportedPacks(api: ExtensionApi, disabledPacks: readonly string[]): Promise<PackEntry[]> {
  return enabledOf(await listPacks(api), disabledPacks);
}

/** The entries of imported packs that are on (for a list already read). */
export function enabledOf(entries: readonly PackEntry[], disabledPacks: readonly string[]): PackEntry[] {
  const off = new Set(disabledPacks);
  return entries.filter((entry) => !off.has(entry.meta.id));
}

/** Whether the built-in notes are on. */
export function isBuiltInEnabled(disabledPacks: readonly string[]): boolean {
  return !disabledPacks.includes(BUILT_IN_PACK_ID);
}

/** The notes of every pack that is on, for a catalog. */
export async function loadEnabledNotes(api: ExtensionApi, builtIn: Dataset, disabledPacks: readonly string[]): Promise<CatalogPack[]> {
  const packs: CatalogPack[] = isBuiltInEnabled(disabledPacks) ? [{ meta: builtIn.pack, notes: builtIn, builtIn: true }] : [];
  for (const entry of await enabledImportedPacks(api, disabledPacks)) {
    const stored = await readPack(api, entry.meta.id);
    if (stored) packs.push({ meta: entry.meta, notes: stored.notes, builtIn: false });
  }
  return packs;
}
