/**
 * The built-in notes' tables in storage.local: written by the background only
 * when storage holds another version, read by a page together with the
 * imported packs' index, and never trusted further than their id and layout.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dataset } from '@/src/data';
import { matcherSourceOf } from '@/src/data/matcher-source';
import type { ExtensionApi } from '@/src/extension/api';
import { compileMatcher, compileMatcherTables, loadMatcher, shipMatcher } from '@/src/matching';
import {
  BUILT_IN_TABLES_ID_KEY,
  BUILT_IN_TABLES_KEY,
  parseBuiltInTables,
  readPageStartData,
  storeBuiltInTables,
  type BuiltInTables,
} from '@/src/packs/built-in-tables';
import { PACKS_INDEX_KEY } from '@/src/packs/store';
import { snapshotArea } from '../support/storage';
import { storeExamplePack } from './support';

const api = fakeBrowser as unknown as ExtensionApi;
const json = JSON.stringify(shipMatcher(compileMatcherTables(matcherSourceOf(dataset))));
const version = (id: string): BuiltInTables => ({ id, json });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('storing the built-in tables', () => {
  it('writes the tables and their id once, and only reads the id when storage holds them', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await storeBuiltInTables(api, version('v1'))).toBe(true);
    expect(await fakeBrowser.storage.local.get([BUILT_IN_TABLES_KEY, BUILT_IN_TABLES_ID_KEY])).toEqual({ [BUILT_IN_TABLES_KEY]: json, [BUILT_IN_TABLES_ID_KEY]: 'v1' });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await storeBuiltInTables(api, version('v1'))).toBe(false);
    expect(set).toHaveBeenCalledTimes(1);
    expect(get.mock.calls).toEqual([[BUILT_IN_TABLES_ID_KEY]]);
  });

  it('replaces another version (an update) and leaves everything else in storage alone', async () => {
    await storeExamplePack(api);
    await storeBuiltInTables(api, { id: 'v0', json: '{"format":"old"}' });
    const packs = JSON.stringify(await fakeBrowser.storage.local.get(PACKS_INDEX_KEY));
    expect(await storeBuiltInTables(api, version('v1'))).toBe(true);
    expect((await fakeBrowser.storage.local.get(BUILT_IN_TABLES_KEY))[BUILT_IN_TABLES_KEY]).toBe(json);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(PACKS_INDEX_KEY))).toBe(packs);
  });
});

describe("a page's start data", () => {
  it('reads the packs index and the tables of its own version in one storage call', async () => {
    await storeExamplePack(api);
    await storeBuiltInTables(api, version('v1'));
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const data = await readPageStartData(api, 'v1');
    expect(get).toHaveBeenCalledTimes(1);
    expect(data.builtInJson).toBe(json);
    expect(data.packs.map((entry) => entry.meta.id)).toEqual(['us-collective-defense']);
  });

  it('takes no tables of another version, none at all, or ones that are not text', async () => {
    await storeBuiltInTables(api, version('v1'));
    expect((await readPageStartData(api, 'v2')).builtInJson).toBeUndefined();
    await fakeBrowser.storage.local.set({ [BUILT_IN_TABLES_KEY]: { format: 'x' } });
    expect((await readPageStartData(api, 'v1')).builtInJson).toBeUndefined();
    fakeBrowser.reset();
    expect(await readPageStartData(api, 'v1')).toEqual({ packs: [], builtInJson: undefined });
  });

  it('reads a corrupt packs index as no packs and still hands over the tables, writing nothing', async () => {
    await storeBuiltInTables(api, version('v1'));
    await fakeBrowser.storage.local.set({ [PACKS_INDEX_KEY]: 'not a list' });
    const before = await snapshotArea('local');
    expect(await readPageStartData(api, 'v1')).toEqual({ packs: [], builtInJson: json });
    expect(await snapshotArea('local')).toBe(before);
  });
});

describe('parsing the stored tables', () => {
  it('gives tables that find what a fresh compile finds', () => {
    const tables = parseBuiltInTables(json);
    expect(tables).toBeDefined();
    const sentence = 'JINSA backs a U.S.-Israel mutual defense treaty after Oct. 7.';
    expect(loadMatcher(tables!).find(sentence)).toEqual(compileMatcher(matcherSourceOf(dataset)).find(sentence));
  });

  it('refuses text that is not JSON, and tables of another layout', () => {
    for (const text of ['', '{', 'null', '42', '"tables"', '[]', '{"format":"policy-lens/0"}']) {
      expect(parseBuiltInTables(text), text).toBeUndefined();
    }
  });
});
