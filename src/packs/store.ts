/**
 * Where imported note packs are kept: `storage.local` (packs can be large and
 * belong to this device; which packs are on is a setting, and syncs). One
 * index lists them; each pack's notes and compiled tables sit under a key of
 * its own. Every change is one `storage.local.set` or `remove` call made only
 * after the pack was fully checked, so a refused import changes nothing.
 */
import type { ExtensionApi } from '@/src/extension/api';
import type { PackMeta } from '@/src/data';
import { SHIPPED_FORMAT, type ShippedMatcher } from '@/src/matching/index';
import type { CompiledPack, PackCounts } from './compile-pack';

/** The index of imported packs. */
export const PACKS_INDEX_KEY = 'packs';
/** Where one pack's notes and tables are kept. */
export function packKey(id: string): string {
  return `pack:${id}`;
}

/** One imported pack, as the index lists it. */
export interface PackEntry {
  meta: PackMeta;
  counts: PackCounts;
  /** When the reader imported this version (ISO time). */
  importedAt: string;
}

/** What is kept of one pack under its own key. */
export type StoredPack = Pick<CompiledPack, 'notes' | 'tables'>;

function isEntry(value: unknown): value is PackEntry {
  const entry = value as PackEntry | undefined;
  return typeof entry?.meta?.id === 'string' && typeof entry.counts?.topics === 'number';
}

/** The imported packs, in import order; an unreadable index reads as none. */
export async function listPacks(api: ExtensionApi): Promise<PackEntry[]> {
  const stored = await api.storage.local.get(PACKS_INDEX_KEY);
  return parsePackIndex(stored[PACKS_INDEX_KEY]);
}

/** The entries of a stored index (as `storage.local` returned it) that are readable. */
export function parsePackIndex(index: unknown): PackEntry[] {
  return Array.isArray(index) ? index.filter(isEntry) : [];
}

/** One imported pack's notes and tables, or undefined. */
export async function readPack(api: ExtensionApi, id: string): Promise<StoredPack | undefined> {
  const stored = await api.storage.local.get(packKey(id));
  const pack = stored[packKey(id)] as StoredPack | undefined;
  return pack && typeof pack === 'object' && pack.notes && pack.tables ? pack : undefined;
}

/** Whether stored tables are in the layout this version reads (see `refresh.ts` for the others). */
export function isCurrentTables(tables: unknown): boolean {
  return typeof tables === 'object' && tables !== null && (tables as { format?: unknown }).format === SHIPPED_FORMAT;
}

/** The compiled tables of these packs (those that are stored), for the content script. */
export async function readPackTables(api: ExtensionApi, ids: readonly string[]): Promise<ShippedMatcher[]> {
  if (ids.length === 0) return [];
  const stored = await api.storage.local.get(ids.map(packKey));
  return ids.flatMap((id) => {
    const pack = stored[packKey(id)] as StoredPack | undefined;
    // Tables of an older layout wait for the background to compile them again (`refresh.ts`).
    return pack?.tables && isCurrentTables(pack.tables) ? [pack.tables] : [];
  });
}

/** Adds a pack, or replaces the one with its id; one storage write. */
export function savePack(api: ExtensionApi, pack: CompiledPack, now: Date = new Date()): Promise<void> {
  return savePacks(api, [pack], now);
}

/**
 * Adds packs, or replaces those with their ids, in one storage write (a
 * settings file can carry several): either all of them are kept or none is.
 */
export async function savePacks(api: ExtensionApi, packs: readonly CompiledPack[], now: Date = new Date()): Promise<void> {
  const next = [...(await listPacks(api))];
  const items: Record<string, unknown> = {};
  for (const pack of packs) {
    const entry: PackEntry = { meta: pack.meta, counts: pack.counts, importedAt: now.toISOString() };
    const at = next.findIndex((existing) => existing.meta.id === pack.meta.id);
    if (at >= 0) next[at] = entry;
    else next.push(entry);
    items[packKey(pack.meta.id)] = { notes: pack.notes, tables: pack.tables } satisfies StoredPack;
  }
  await api.storage.local.set({ [PACKS_INDEX_KEY]: next, ...items });
}

/** Removes an imported pack: its entry and its notes. */
export async function removePack(api: ExtensionApi, id: string): Promise<void> {
  const index = await listPacks(api);
  await api.storage.local.set({ [PACKS_INDEX_KEY]: index.filter((entry) => entry.meta.id !== id) });
  await api.storage.local.remove(packKey(id));
}
