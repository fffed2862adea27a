/**
 * The built-in notes' compiled matcher tables, kept in `storage.local` (the
 * uBlock Origin model: compiled data is stored and loaded, never rebuilt).
 *
 * The build writes the tables once, as JSON, into the background's bundle
 * (`scripts/build/compiled-notes.ts`); the background stores them at every
 * start where storage holds another version. The content script carries only
 * their id, and reads them in the same storage call as the imported packs'
 * index: its own script stays small, and a page pays for one string copied
 * and one `JSON.parse`, not for loading 171 kB of script. When storage does
 * not hold this version (the moments after an install or update), the
 * content script asks the background for them instead.
 */
import type { ExtensionApi } from '@/src/extension/api';
import type { ShippedMatcher } from '@/src/matching/index';
import { isCurrentTables, PACKS_INDEX_KEY, parsePackIndex, type PackEntry } from './store';

/** One version of the built-in tables, as the build wrote them. */
export interface BuiltInTables {
  /** A digest of `json`: the same tables always have the same id. */
  id: string;
  /** The tables (`ShippedMatcher`) as JSON. */
  json: string;
}

/** Where the tables' JSON is kept. */
export const BUILT_IN_TABLES_KEY = 'builtInTables';
/** Where the id of the stored tables is kept, apart, so that checking it reads a few bytes, not the tables. */
export const BUILT_IN_TABLES_ID_KEY = 'builtInTablesId';

/**
 * Stores `tables` unless storage holds them already (one small read when it
 * does); one write of both keys when it does not. Returns whether it wrote.
 */
export async function storeBuiltInTables(api: ExtensionApi, tables: BuiltInTables): Promise<boolean> {
  const stored = await api.storage.local.get(BUILT_IN_TABLES_ID_KEY);
  if (stored[BUILT_IN_TABLES_ID_KEY] === tables.id) return false;
  await api.storage.local.set({ [BUILT_IN_TABLES_KEY]: tables.json, [BUILT_IN_TABLES_ID_KEY]: tables.id });
  return true;
}

/** What a page reads from `storage.local` before its first marks. */
export interface PageStartData {
  /** The imported packs' index (an unreadable one reads as none). */
  packs: PackEntry[];
  /** The built-in tables' JSON, when storage holds the version this script was built with. */
  builtInJson: string | undefined;
}

/** The imported packs' index and the built-in tables of version `builtInId`, in one storage call. */
export async function readPageStartData(api: ExtensionApi, builtInId: string): Promise<PageStartData> {
  const stored = await api.storage.local.get([PACKS_INDEX_KEY, BUILT_IN_TABLES_KEY, BUILT_IN_TABLES_ID_KEY]);
  const json = stored[BUILT_IN_TABLES_KEY];
  const current = stored[BUILT_IN_TABLES_ID_KEY] === builtInId && typeof json === 'string';
  return { packs: parsePackIndex(stored[PACKS_INDEX_KEY]), builtInJson: current ? json : undefined };
}

/** The tables in `json`, or undefined when it is not tables of the layout this version reads. */
export function parseBuiltInTables(json: string): ShippedMatcher | undefined {
  try {
    const tables: unknown = JSON.parse(json);
    return isCurrentTables(tables) ? (tables as ShippedMatcher) : undefined;
  } catch {
    return undefined;
  }
}
