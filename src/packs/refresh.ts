/**
 * Imported packs keep their matcher compiled (`storage.local`). When an
 * update changes how compiled tables are laid out (`SHIPPED_FORMAT`), the
 * background compiles each stored pack's tables again from its stored notes,
 * once, at its first start after the update. Until then a page leaves the
 * out-of-date pack out rather than fail on it (`readPackTables`).
 */
import type { ExtensionApi } from '@/src/extension/api';
import { matcherSourceOf } from '@/src/data';
import { compileMatcherTables, shipMatcher } from '@/src/matching/index';
import { isCurrentTables, listPacks, packKey, type StoredPack } from './store';

/**
 * Compiles again the tables of every stored pack whose tables are of another
 * format, in one storage write; returns the ids it refreshed. A pack whose
 * notes no longer compile is left as it is (and stays off the page).
 */
export async function refreshStalePacks(api: ExtensionApi): Promise<string[]> {
  const ids = (await listPacks(api)).map((entry) => entry.meta.id);
  if (ids.length === 0) return [];
  const stored = await api.storage.local.get(ids.map(packKey));
  const items: Record<string, StoredPack> = {};
  for (const id of ids) {
    const pack = stored[packKey(id)] as StoredPack | undefined;
    if (!pack?.notes || isCurrentTables(pack.tables)) continue;
    try {
      items[packKey(id)] = { notes: pack.notes, tables: shipMatcher(compileMatcherTables(matcherSourceOf(pack.notes))) };
    } catch (error) {
      console.warn(`[Policy Lens] note pack "${id}" could not be compiled again; it stays off until it is imported again`, error);
    }
  }
  const refreshed = Object.keys(items);
  if (refreshed.length > 0) await api.storage.local.set(items);
  return refreshed.map((key) => key.slice(packKey('').length));
}
