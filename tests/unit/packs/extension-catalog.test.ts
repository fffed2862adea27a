import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dataset } from '@/src/data';
import type { ExtensionApi } from '@/src/extension/api';
import { BUILT_IN_PACK_ID, builtInCatalog, loadCatalog, type NotesCatalog } from '@/src/packs';
import { storeExamplePack } from './support';

const api = fakeBrowser as unknown as ExtensionApi;
const EXAMPLE = 'us-collective-defense';

const packIds = (catalog: NotesCatalog) => catalog.packs.map((pack) => pack.meta.id);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('builtInCatalog', () => {
  it('holds the bundled notes as the built-in pack', () => {
    const catalog = builtInCatalog(dataset);
    expect(packIds(catalog)).toEqual([BUILT_IN_PACK_ID]);
    expect(catalog.topics).toHaveLength(dataset.topics.length);
    const [topic] = dataset.topics;
    expect(catalog.packOf(topic!.id)?.builtIn).toBe(true);
  });
});

describe('loadCatalog', () => {
  it('with nothing imported, reads only the packs index', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const catalog = await loadCatalog(api, [], dataset);
    expect(packIds(catalog)).toEqual([BUILT_IN_PACK_ID]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('adds the imported packs that are on, after the built-in one, with namespaced ids', async () => {
    await storeExamplePack(api);
    const catalog = await loadCatalog(api, [], dataset);
    expect(packIds(catalog)).toEqual([BUILT_IN_PACK_ID, EXAMPLE]);
    expect(catalog.getTopic(`${EXAMPLE}/nato`)?.label).toBe('The North Atlantic Treaty (1949)');
    expect(catalog.getFindingsForTopic(`${EXAMPLE}/nato`).map((finding) => finding.id)).toEqual([
      `${EXAMPLE}/nato-article-5`,
      `${EXAMPLE}/nato-founding`,
    ]);
    expect(catalog.getReport(`${EXAMPLE}/north-atlantic-treaty`)?.publisher).toBe('NATO');
    expect(catalog.packOf(`${EXAMPLE}/nato-founding`)).toMatchObject({ builtIn: false, meta: { name: 'U.S. collective defense treaties' } });
    // The built-in notes are untouched by the import.
    expect(catalog.getTopic(dataset.topics[0]!.id)).toBe(dataset.topics[0]);
  });

  it('leaves out the packs the reader turned off, the built-in one included', async () => {
    await storeExamplePack(api);
    expect(packIds(await loadCatalog(api, [EXAMPLE], dataset))).toEqual([BUILT_IN_PACK_ID]);
    const importedOnly = await loadCatalog(api, [BUILT_IN_PACK_ID], dataset);
    expect(packIds(importedOnly)).toEqual([EXAMPLE]);
    expect(importedOnly.getTopic(dataset.topics[0]!.id)).toBeUndefined();
    expect(packIds(await loadCatalog(api, [BUILT_IN_PACK_ID, EXAMPLE], dataset))).toEqual([]);
  });

  it('falls back to the built-in pack when storage cannot be read, or there is no extension API', async () => {
    await storeExamplePack(api);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is gone'));
    expect(packIds(await loadCatalog(api, [], dataset))).toEqual([BUILT_IN_PACK_ID]);
    // A fallback never brings back a pack the reader turned off.
    expect(packIds(await loadCatalog(api, [BUILT_IN_PACK_ID], dataset))).toEqual([]);
    expect(packIds(await loadCatalog(undefined, [], dataset))).toEqual([BUILT_IN_PACK_ID]);
  });

  it('skips an imported pack whose notes are missing from storage', async () => {
    await storeExamplePack(api);
    await fakeBrowser.storage.local.remove(`pack:${EXAMPLE}`);
    expect(packIds(await loadCatalog(api, [], dataset))).toEqual([BUILT_IN_PACK_ID]);
  });
});
