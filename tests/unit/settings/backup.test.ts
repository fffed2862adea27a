import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Dataset } from '@/src/data/schema';
import type { ExtensionApi } from '@/src/extension/api';
import { checkPackText, compilePack, confirmPackImport, listPacks, packKey, packSourceOf, preparePackImport, readPack } from '@/src/packs';
import { getSettings, MAX_SETTINGS_FILE_BYTES, parseSettingsFile, SETTINGS_VERSION, updateSettings } from '@/src/settings';
import { exportBackup, importBackup, importBackupFile, packFileTexts } from '@/src/settings/backup';
import { useRealMessages } from '../support/messages';
import { snapshotArea } from '../support/storage';

const api = fakeBrowser as unknown as ExtensionApi;
const EXAMPLE_FILE = join(__dirname, '..', '..', 'fixtures', 'packs', 'us-collective-defense.json');
const EXAMPLE_ID = 'us-collective-defense';

const exampleText = () => readFileSync(EXAMPLE_FILE, 'utf8');
const examplePack = () => JSON.parse(exampleText()) as Dataset;

function packText(change: (pack: Dataset) => void): string {
  const pack = examplePack();
  change(pack);
  return JSON.stringify(pack);
}

/** A settings file as export writes it, carrying `packs` (texts of pack files). */
function fileWith(packs: unknown, settings: Record<string, unknown> = { theme: 'dark' }): string {
  return JSON.stringify({ format: 'policy-lens-settings', version: SETTINGS_VERSION, settings, packs }, null, 2);
}

async function importPack(text: string): Promise<void> {
  const result = await preparePackImport(api, text);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  await confirmPackImport(api, result.preview);
}

/** Both storage areas, serialized: equal strings mean byte-identical storage. */
async function storageSnapshot(): Promise<string> {
  return JSON.stringify({ local: await snapshotArea('local'), sync: await snapshotArea('sync') });
}

beforeEach(async () => {
  fakeBrowser.reset();
  useRealMessages();
  await updateSettings({ highlightStyle: 'background', disabledPacks: [EXAMPLE_ID] });
});

describe('a kept pack as a pack file again', () => {
  it('gives back exactly the file that was imported, so it compiles to the same notes and tables', () => {
    const checked = checkPackText(exampleText());
    if (!checked.ok) throw new Error(checked.problems.join('\n'));
    const kept = compilePack(checked.pack);
    const source = packSourceOf(kept.notes);
    expect(source).toEqual(examplePack());
    expect(compilePack(source)).toEqual(kept);
  });
});

describe('exportBackup', () => {
  it('leaves the packs out unless asked, and out of a file when none are imported', async () => {
    await importPack(exampleText());
    const plain = await exportBackup(api, { includePacks: false });
    expect(plain.ok && Object.keys(JSON.parse(plain.text) as object)).toEqual(['format', 'version', 'settings']);
    fakeBrowser.reset();
    const none = await exportBackup(api, { includePacks: true });
    expect(none.ok && Object.keys(JSON.parse(none.text) as object)).toEqual(['format', 'version', 'settings']);
  });

  it('carries each imported pack as the text of a pack file that imports again', async () => {
    await importPack(exampleText());
    await importPack(packText((pack) => (pack.pack = { ...pack.pack, id: 'second-pack', name: 'Second' })));
    const exported = await exportBackup(api, { includePacks: true });
    if (!exported.ok) throw new Error(exported.message);
    const file = JSON.parse(exported.text) as { settings: { disabledPacks: string[] }; packs: string[] };
    expect(file.settings.disabledPacks).toEqual([EXAMPLE_ID]);
    expect(file.packs.map((text) => (JSON.parse(text) as Dataset).pack.id)).toEqual([EXAMPLE_ID, 'second-pack']);
    expect(JSON.parse(file.packs[0]!)).toEqual(examplePack());
    expect(await packFileTexts(api)).toEqual(file.packs);
  });

  it('refuses to write a file larger than import reads', async () => {
    // Two packs of many long findings: each inside a pack's limits, together more than one settings file may be.
    const long = (id: string) =>
      packText((pack) => {
        pack.pack = { ...pack.pack, id };
        pack.findings = [
          ...pack.findings,
          ...Array.from({ length: 300 }, (_, index) => ({ ...pack.findings[0]!, id: `long-${index}`, text: 'x '.repeat(900) })),
        ];
      });
    await importPack(long('long-notes'));
    expect((await exportBackup(api, { includePacks: true })).ok).toBe(true);
    await importPack(long('longer-notes'));
    expect(await exportBackup(api, { includePacks: true })).toEqual({
      ok: false,
      message: expect.stringMatching(/larger than 1 MB/),
    });
    expect((await exportBackup(api, { includePacks: false })).ok).toBe(true);
  });
});

describe('importBackup', () => {
  it('brings back the settings and the packs an export carried, stored as a pack import stores them', async () => {
    await importPack(exampleText());
    const kept = await readPack(api, EXAMPLE_ID);
    const settings = await getSettings();
    const exported = await exportBackup(api, { includePacks: true });
    if (!exported.ok) throw new Error(exported.message);

    fakeBrowser.reset();
    const result = await importBackup(api, exported.text);
    expect(result).toMatchObject({ ok: true, settings, packs: [{ id: EXAMPLE_ID, version: '1.0.0' }] });
    expect(await getSettings()).toEqual(settings);
    expect(await readPack(api, EXAMPLE_ID)).toEqual(kept);
    expect((await listPacks(api)).map((entry) => entry.meta.id)).toEqual([EXAMPLE_ID]);
  });

  it('adds to the imported packs and replaces the one with the same id, keeping the others', async () => {
    await importPack(packText((pack) => (pack.pack = { ...pack.pack, id: 'kept-pack' })));
    await importPack(exampleText());
    const newer = packText((pack) => (pack.pack.version = '2.0'));
    const result = await importBackup(api, fileWith([newer]));
    expect(result.ok).toBe(true);
    expect((await listPacks(api)).map((entry) => `${entry.meta.id}@${entry.meta.version}`)).toEqual(['kept-pack@1.0.0', `${EXAMPLE_ID}@2.0`]);
  });

  it('refuses the whole file when one pack is invalid, naming it, and storage stays byte-identical', async () => {
    await importPack(exampleText());
    const before = await storageSnapshot();
    const local = vi.spyOn(fakeBrowser.storage.local, 'set');
    const sync = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const invalid = packText((pack) => {
      pack.pack = { ...pack.pack, id: 'broken-pack', name: 'Broken notes' };
      pack.findings[0]!.topics = ['no-such-topic'];
    });
    const result = await importBackup(api, fileWith([exampleText(), invalid]));
    expect(result).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'The note pack “Broken notes” (broken-pack) in this file is not valid: finding "nato-article-5": unknown topic "no-such-topic".',
    });
    expect(local).not.toHaveBeenCalled();
    expect(sync).not.toHaveBeenCalled();
    expect(await storageSnapshot()).toBe(before);
  });

  it('names an unreadable pack by its place, and shortens a long list of problems', async () => {
    const before = await storageSnapshot();
    expect(await importBackup(api, fileWith([exampleText(), '{ not json']))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The note pack number 2 in this file is not valid: the file is not JSON/),
    });
    const manyProblems = packText((pack) => pack.findings.slice(0, 6).forEach((finding) => (finding.topics = ['nowhere'])));
    const result = await importBackup(api, fileWith([manyProblems]));
    expect(result.ok === false && result.message).toMatch(/unknown topic "nowhere"; .*; .*; and \d+ more\.$/);
    expect(await storageSnapshot()).toBe(before);
  });

  it('refuses a file carrying the same pack twice, or packs that are not pack texts', async () => {
    const before = await storageSnapshot();
    expect(await importBackup(api, fileWith([exampleText(), exampleText()]))).toMatchObject({
      ok: false,
      message: 'The file carries the note pack "us-collective-defense" twice.',
    });
    for (const packs of [examplePack(), [examplePack()], [''], 'text']) {
      expect(await importBackup(api, fileWith(packs))).toMatchObject({ ok: false, message: expect.stringMatching(/"packs" must be a list of note packs/) });
    }
    expect(parseSettingsFile(fileWith([exampleText()]))).toMatchObject({ ok: true, packs: [exampleText()] });
    expect(await storageSnapshot()).toBe(before);
  });

  it('puts the packs back when the settings cannot be written', async () => {
    await importPack(exampleText());
    const before = await snapshotArea('local');
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const newer = packText((pack) => (pack.pack.version = '2.0'));
    const added = packText((pack) => (pack.pack = { ...pack.pack, id: 'new-pack' }));
    expect(await importBackup(api, fileWith([newer, added]))).toMatchObject({ ok: false, reason: 'quota' });
    expect(await snapshotArea('local')).toBe(before);
    expect(await fakeBrowser.storage.local.get(packKey('new-pack'))).toEqual({});
  });

  it('reports a refused pack write without touching the settings', async () => {
    const before = await storageSnapshot();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    expect(await importBackup(api, fileWith([exampleText()]))).toEqual({
      ok: false,
      reason: 'quota',
      message: 'The note packs could not be changed: QUOTA_BYTES quota exceeded',
    });
    expect(await storageSnapshot()).toBe(before);
  });

  it('imports a settings file without packs as before, and refuses an oversized file before reading it', async () => {
    expect(await importBackup(api, fileWith(undefined))).toMatchObject({ ok: true, packs: [], settings: { theme: 'dark' } });
    const text = vi.fn(async () => fileWith(undefined));
    expect(await importBackupFile(api, { size: MAX_SETTINGS_FILE_BYTES + 1, text } as unknown as Blob)).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(/larger than 1 MB/),
    });
    expect(text).not.toHaveBeenCalled();
  });
});
