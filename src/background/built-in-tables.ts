/**
 * Keeps the built-in notes' compiled tables in `storage.local`, where every
 * page's content script reads them (`src/packs/built-in-tables.ts`): written
 * at the worker's start when storage holds another version (after an install
 * or update), and handed straight to a content script that found none there.
 */
import { browser } from 'wxt/browser';
import type { ExtensionApi } from '@/src/extension/api';
import { onMessage } from '@/src/messaging/protocol';
import { storeBuiltInTables, type BuiltInTables } from '@/src/packs';

/** Stores `tables` if needed and answers for them; returns the function that stops answering. */
export function startBuiltInTables(tables: BuiltInTables): () => void {
  const store = () =>
    storeBuiltInTables(browser as unknown as ExtensionApi, tables).catch((error: unknown) => {
      console.warn('[Policy Lens] the built-in notes could not be stored; pages will ask for them', error);
    });
  void store();
  return onMessage('getBuiltInTables', () => {
    // A page found none (or another version) in storage: it may have asked before the write above
    // finished, or the write failed; a second try costs one small read when the first one landed.
    void store();
    return tables.json;
  });
}
