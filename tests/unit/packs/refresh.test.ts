/**
 * An update that changes the compiled tables' layout must not break imported
 * packs: pages leave an out-of-date pack out instead of failing on it, and
 * the background compiles it again from its stored notes, once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ExtensionApi } from '@/src/extension/api';
import { loadMatcher, SHIPPED_FORMAT } from '@/src/matching/index';
import { confirmPackImport, preparePackImport } from '@/src/packs/import';
import { refreshStalePacks } from '@/src/packs/refresh';
import { packKey, readPackTables, type StoredPack } from '@/src/packs/store';
import { examplePackText } from './support';

const api = fakeBrowser as unknown as ExtensionApi;
const ID = 'us-collective-defense';
const SENTENCE = 'NATO allies invoked Article 5 under the North Atlantic Treaty.';

async function importExample(): Promise<StoredPack> {
  const result = await preparePackImport(api, examplePackText());
  if (!result.ok) throw new Error(result.problems.join('\n'));
  await confirmPackImport(api, result.preview);
  return (await fakeBrowser.storage.local.get(packKey(ID)))[packKey(ID)] as StoredPack;
}

/** Stores the pack as an older version would have: same notes, tables of another layout. */
async function makeStale(pack: StoredPack): Promise<void> {
  await fakeBrowser.storage.local.set({ [packKey(ID)]: { notes: pack.notes, tables: { format: SHIPPED_FORMAT - 1, main: { trie: 'ab' } } } });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('stored pack tables from an older version', () => {
  it('are left off the page until compiled again, rather than failing it', async () => {
    await makeStale(await importExample());
    expect(await readPackTables(api, [ID])).toEqual([]);
  });

  it('are compiled again from the stored notes, to the tables a fresh import gives', async () => {
    const fresh = await importExample();
    await makeStale(fresh);
    expect(await refreshStalePacks(api)).toEqual([ID]);
    const stored = (await fakeBrowser.storage.local.get(packKey(ID)))[packKey(ID)] as StoredPack;
    expect(stored).toEqual(fresh);
    const [tables] = await readPackTables(api, [ID]);
    expect(loadMatcher(tables!).find(SENTENCE).map((mention) => mention.topic)).toContain(`${ID}/nato`);
  });

  it('write nothing when every pack is current, or when there are none', async () => {
    expect(await refreshStalePacks(api)).toEqual([]);
    await importExample();
    const before = JSON.stringify(await fakeBrowser.storage.local.get(null));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await refreshStalePacks(api)).toEqual([]);
    expect(set).not.toHaveBeenCalled();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe(before);
  });

  it('stay as they are when their notes no longer compile', async () => {
    const fresh = await importExample();
    const broken = { notes: { ...fresh.notes, contexts: [{ id: 'x', reason: 'x', needs: [{ anyOf: ['@missing-list'], within: 'article' }] }] }, tables: { format: 0 } };
    await fakeBrowser.storage.local.set({ [packKey(ID)]: broken });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await refreshStalePacks(api)).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
    expect((await fakeBrowser.storage.local.get(packKey(ID)))[packKey(ID)]).toEqual(broken);
  });
});
