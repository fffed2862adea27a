/**
 * The built-in notes' tables for this page, read once for all its sessions:
 * from storage when it holds this build's version (read with the imported
 * packs' index, see `src/packs/built-in-tables.ts`), else from the
 * background, which stores them for the pages after this one.
 */
import type { ExtensionApi } from '@/src/extension/api';
import type { ShippedMatcher } from '@/src/matching';
import { sendToBackground } from '@/src/messaging/page-channel';
import { parseBuiltInTables } from '@/src/packs';

/**
 * A loader for the built-in tables, given the JSON storage held (undefined when
 * it held none of this version). A failed load is tried again by the next
 * session instead of being kept.
 */
export function createBuiltInTablesLoader(api: ExtensionApi, stored: Promise<string | undefined>): () => Promise<ShippedMatcher | undefined> {
  let loading: Promise<ShippedMatcher | undefined> | undefined;
  const load = async (): Promise<ShippedMatcher | undefined> => {
    const json = await stored;
    const fromStorage = json === undefined ? undefined : parseBuiltInTables(json);
    if (fromStorage) return fromStorage;
    try {
      const tables = parseBuiltInTables(await sendToBackground(api, 'getBuiltInTables', undefined));
      if (!tables) throw new Error('the background sent tables of another layout');
      return tables;
    } catch (error) {
      loading = undefined;
      console.warn('[Policy Lens] the built-in notes could not be read; this page is marked without them', error);
      return undefined;
    }
  };
  return () => (loading ??= load());
}
