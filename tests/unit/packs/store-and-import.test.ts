import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ExtensionApi } from '@/src/extension/api';
import { loadMatcher } from '@/src/matching/index';
import { namespacedId, packOfId } from '@/src/packs/compile-pack';
import { confirmPackImport, countChanges, preparePackImport } from '@/src/packs/import';
import { PACKS_INDEX_KEY, listPacks, packKey, readPack, readPackTables, removePack } from '@/src/packs/store';
import { examplePackText, packText } from './support';

const api = fakeBrowser as unknown as ExtensionApi;

/** Everything storage.local holds, as text: "byte-identical" means this string does not change. */
async function storageSnapshot(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

async function importExample(text = examplePackText()): Promise<void> {
  const result = await preparePackImport(api, text);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  await confirmPackImport(api, result.preview);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('importing a note pack', () => {
  it('compiles it with its ids in its own namespace, and keeps it only when confirmed', async () => {
    const result = await preparePackImport(api, examplePackText());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await storageSnapshot()).toBe('{}');
    const { pack } = result.preview;
    expect(pack.counts).toEqual({ topics: 6, terms: 17, findings: 8 });
    expect(pack.notes.topics.map((topic) => topic.id)).toContain('us-collective-defense/nato');
    expect(pack.notes.findings[0]!.topics).toEqual(['us-collective-defense/nato']);
    expect(pack.notes.findings[0]!.citation.report).toBe('us-collective-defense/north-atlantic-treaty');
    await confirmPackImport(api, result.preview);
    expect((await listPacks(api)).map((entry) => entry.meta.id)).toEqual(['us-collective-defense']);
    expect((await readPack(api, 'us-collective-defense'))?.notes.pack.name).toBe('U.S. collective defense treaties');
  });

  it('loads the stored tables without compiling, and they mark the pack\'s own ids', async () => {
    await importExample();
    const [tables] = await readPackTables(api, ['us-collective-defense', 'not-imported']);
    const mentions = loadMatcher(tables!).find('NATO allies invoked Article 5 under the North Atlantic Treaty.');
    expect(mentions.map((mention) => mention.topic)).toEqual(['us-collective-defense/nato', 'us-collective-defense/nato']);
  });

  it('namespaces ids so that no pack can shadow another or a built-in id', () => {
    expect(namespacedId('a', 'b')).toBe('a/b');
    expect(packOfId('a/b')).toBe('a');
    expect(packOfId('mutual-defense-treaty')).toBeUndefined();
  });

  it('previews a newer version of the same pack as a replacement, with what changes', async () => {
    await importExample();
    const newer = packText((pack) => {
      pack.pack.version = '1.1.0';
      pack.topics[0]!.terms.push({ text: 'Atlantic Alliance' });
    });
    const result = await preparePackImport(api, newer);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.preview.replaces?.meta.version).toBe('1.0.0');
    expect(countChanges(result.preview.replaces!.counts, result.preview.pack.counts)).toContainEqual({ what: 'terms', before: 17, after: 18 });
    await confirmPackImport(api, result.preview);
    const packs = await listPacks(api);
    expect(packs.map((entry) => `${entry.meta.id}@${entry.meta.version}`)).toEqual(['us-collective-defense@1.1.0']);
  });

  it('removes a pack and leaves nothing of it in storage', async () => {
    await importExample();
    await removePack(api, 'us-collective-defense');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ [PACKS_INDEX_KEY]: [] });
    expect(await fakeBrowser.storage.local.get(packKey('us-collective-defense'))).toEqual({});
  });

  it('refuses an invalid pack with the problems named, and storage stays byte-identical', async () => {
    await importExample();
    const before = await storageSnapshot();
    const result = await preparePackImport(api, packText((pack) => (pack.findings[0]!.topics = ['no-such-topic'])));
    expect(result).toEqual({ ok: false, problems: ['finding "nato-article-5": unknown topic "no-such-topic"'] });
    expect(await storageSnapshot()).toBe(before);
  });
});

describe('the importer under malformed and oversized input (fuzzed)', () => {
  it('never throws and never changes storage, whatever JSON value it is given', async () => {
    await importExample();
    const before = await storageSnapshot();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const result = await preparePackImport(api, JSON.stringify(value));
        expect(result.ok).toBe(false);
        expect(await storageSnapshot()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid pack with one field replaced by anything', async () => {
    const base = JSON.parse(examplePackText()) as Record<string, unknown>;
    const paths: string[][] = [['pack', 'id'], ['pack', 'homepage'], ['topics'], ['topics', '0', 'terms'], ['topics', '0', 'terms', '0', 'text'], ['contexts', '0', 'needs'], ['contexts', '0', 'notBefore'], ['wordLists'], ['findings', '0', 'topics'], ['reports', '0', 'url'], ['version']];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), async (path, value) => {
        const copy = structuredClone(base);
        let node: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
        node[path.at(-1)!] = value;
        const result = await preparePackImport(api, JSON.stringify(copy));
        if (result.ok) expect(result.preview.pack.meta.id).toMatch(/^[a-z0-9-]+$/);
        else expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text, truncations and huge inputs', async () => {
    const text = examplePackText();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), async (garbage) => {
        expect((await preparePackImport(api, garbage)).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
    for (let cut = 0; cut < text.length; cut += 97) expect((await preparePackImport(api, text.slice(0, cut))).ok).toBe(false);
    const huge = `{"version":1,"topics":[${Array.from({ length: 200_000 }, () => '{}').join(',')}]}`;
    const result = await preparePackImport(api, huge);
    expect(result.ok).toBe(false);
  });
});
