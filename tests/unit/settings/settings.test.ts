import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  getSettings,
  isSiteListed,
  normalizeSiteName,
  repairSettings,
  resetSettings,
  SETTINGS_VERSION,
  updateSettings,
  watchSettings,
  type Settings,
} from '@/src/settings';
import { migrateSettings, SETTINGS_MIGRATIONS } from '@/src/settings/migrations';
import { classifyStorageError } from '@/src/settings/storage-write';
import { useRealMessages } from '../support/messages';
import { snapshotArea } from '../support/storage';

/** Puts raw data into storage.sync exactly as an earlier build (or a corruption) would have left it. */
async function storeRaw(value: unknown, version?: number) {
  await fakeBrowser.storage.sync.set({ settings: value, ...(version === undefined ? {} : { settings$: { v: version } }) });
}

/** Loads the settings module afresh, as a new service worker or page does: its migrations run on first use. */
async function freshSettingsModule() {
  vi.resetModules();
  return import('@/src/settings');
}

function settingsWritesOf(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter(([items]) => typeof items === 'object' && items !== null && 'settings' in items).length;
}

beforeEach(() => {
  fakeBrowser.reset();
  useRealMessages();
});

describe('defaults', () => {
  it('gives the documented defaults when nothing is stored', async () => {
    expect(await getSettings()).toEqual({
      enabled: true,
      disabledTopics: [],
      markMode: 'every',
      highlightStyle: 'underline',
      hoverDelayMs: 300,
      theme: 'system',
      showBadge: true,
      pausedSites: [],
      disabledPacks: [],
    });
  });

  it('never hands out the frozen default lists', async () => {
    const settings = await getSettings();
    settings.pausedSites.push('example.com');
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
    expect(Object.isFrozen(DEFAULT_SETTINGS.pausedSites)).toBe(true);
  });
});

describe('repair of damaged stored values', () => {
  it('repairs each wrongly typed field and keeps the valid ones', async () => {
    await storeRaw(
      {
        enabled: 'yes',
        showBadge: 0,
        highlightStyle: 'background',
        markMode: 'first',
        theme: 'dark',
        hoverDelayMs: '500',
        disabledTopics: ['abraham-accords'],
        pausedSites: 'nytimes.com',
      },
      SETTINGS_VERSION,
    );
    expect(await getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      highlightStyle: 'background',
      markMode: 'first',
      theme: 'dark',
      disabledTopics: ['abraham-accords'],
    });
  });

  it.each([
    ['NaN', Number.NaN, 300],
    ['Infinity', Number.POSITIVE_INFINITY, 300],
    ['a negative delay', -250, 0],
    ['a delay above the maximum', 99_999, 1500],
    ['a fractional delay', 412.6, 413],
    ['null', null, 300],
    ['a string', '500', 300],
  ])('repairs a hover delay of %s', (_, hoverDelayMs, expected) => {
    expect(repairSettings({ hoverDelayMs }).hoverDelayMs).toBe(expected);
  });

  it.each([['box'], ['Underline'], [''], [3], [null]])('replaces the unknown highlight style %j with the default', (style) => {
    expect(repairSettings({ highlightStyle: style }).highlightStyle).toBe('underline');
  });

  it('replaces lists that are not arrays', () => {
    const repaired = repairSettings({ disabledTopics: { 'iran-deal': true }, pausedSites: 42 });
    expect(repaired.disabledTopics).toEqual([]);
    expect(repaired.pausedSites).toEqual([]);
  });

  it('normalizes, deduplicates and filters site lists', () => {
    const repaired = repairSettings({
      pausedSites: [
        'WWW.Example.COM',
        'example.com',
        'https://news.ycombinator.com/item?id=1',
        'not a host',
        42,
        null,
        'bücher.de',
        'example.com.',
        '*.evil.example',
      ],
    });
    expect(repaired.pausedSites).toEqual(['example.com', 'news.ycombinator.com', 'xn--bcher-kva.de']);
  });

  it('keeps well-formed topic ids it does not know (they may come from newer data) and drops malformed ones', () => {
    const repaired = repairSettings({ disabledTopics: ['future-topic', 'future-topic', 'Bad Id', 7, '', 'iran-deal'] });
    expect(repaired.disabledTopics).toEqual(['future-topic', 'iran-deal']);
  });

  it.each([
    ['null', null],
    ['a string', 'garbage'],
    ['a number', 12],
    ['an array', [true, false]],
  ])('falls back to all defaults when the whole item is %s', (_, stored) => {
    expect(repairSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads a stored string item as defaults', async () => {
    await storeRaw('garbage', SETTINGS_VERSION);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('drops fields it does not know', () => {
    expect(repairSettings({ colour: 'red', enabled: false })).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it('still answers with defaults when storage cannot be read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('storage.sync is disabled'));
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

// Shapes stored by earlier development versions (see src/settings/migrations.ts).
const V1_STORED = {
  enabled: false,
  topics: { 'abraham-accords': true, 'iran-deal': false, 'mutual-defense-treaty': false },
  style: 'box',
  firstOnly: true,
  hoverDelay: 0.45,
  showBadge: false,
  pausedSites: ['www.cnn.com'],
};
const V2_STORED = {
  enabled: true,
  disabledTopics: ['iran-deal'],
  highlightStyle: 'none',
  markMode: 'every',
  hoverDelay: 1.2,
  showBadge: true,
  pausedSites: [],
};
const V1_MIGRATED: Settings = {
  enabled: false,
  disabledTopics: ['iran-deal', 'mutual-defense-treaty'],
  markMode: 'first',
  highlightStyle: 'background',
  hoverDelayMs: 450,
  theme: 'system',
  showBadge: false,
  pausedSites: ['cnn.com'],
  disabledPacks: [],
};

describe('migrations', () => {
  it('is at version 3, with a migration to each version after the first', () => {
    expect(SETTINGS_VERSION).toBe(3);
    expect(Object.keys(SETTINGS_MIGRATIONS).map(Number)).toEqual([2, 3]);
  });

  it('upgrades v1 settings (stored before versions were recorded) when the extension starts', async () => {
    await storeRaw(V1_STORED);
    const settings = await freshSettingsModule();
    expect(await settings.getSettings()).toEqual(V1_MIGRATED);
    const raw = await fakeBrowser.storage.sync.get(null);
    expect(raw.settings$).toEqual({ v: 3 });
    expect(raw.settings).not.toHaveProperty('topics');
    expect(raw.settings).not.toHaveProperty('hoverDelay');
  });

  it('touches no storage on import, and migrates on first use', async () => {
    await storeRaw(V1_STORED);
    const get = vi.spyOn(fakeBrowser.storage.sync, 'get');
    const settings = await freshSettingsModule();
    await new Promise((resolve) => setTimeout(resolve));
    expect(get).not.toHaveBeenCalled();
    expect(await settings.getSettings()).toEqual(V1_MIGRATED);
  });

  it('migrates without a read when the background starts the migrations', async () => {
    await storeRaw(V1_STORED);
    const settings = await freshSettingsModule();
    settings.startSettingsMigrations();
    await vi.waitFor(async () => expect((await fakeBrowser.storage.sync.get(null)).settings$).toEqual({ v: 3 }));
    expect((await fakeBrowser.storage.sync.get('settings')).settings).not.toHaveProperty('hoverDelay');
  });

  it('upgrades v2 settings', async () => {
    await storeRaw(V2_STORED, 2);
    const settings = await freshSettingsModule();
    expect(await settings.getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      disabledTopics: ['iran-deal'],
      highlightStyle: 'none',
      hoverDelayMs: 1200,
    });
  });

  it.each([
    ['fill', 'background'],
    ['underline', 'underline'],
    ['off', 'none'],
  ])('maps the v1 style %s to %s', (style, expected) => {
    expect(repairSettings(migrateSettings({ style }, 1)).highlightStyle).toBe(expected);
  });

  it('leaves current settings alone', async () => {
    const current = { ...DEFAULT_SETTINGS, theme: 'dark', hoverDelayMs: 800 };
    await storeRaw(current, 2);
    const settings = await freshSettingsModule();
    expect(await settings.getSettings()).toEqual(current);
  });

  it('is harmless to run twice, step by step and as a whole', async () => {
    for (const migrate of Object.values(SETTINGS_MIGRATIONS)) {
      for (const stored of [V1_STORED, V2_STORED, DEFAULT_SETTINGS, 'garbage', null]) {
        expect(migrate(migrate(stored))).toEqual(migrate(stored));
      }
    }
    expect(migrateSettings(migrateSettings(V1_STORED, 1), 1)).toEqual(migrateSettings(V1_STORED, 1));

    await storeRaw(V1_STORED);
    await (await freshSettingsModule()).getSettings();
    const afterFirstStart = await snapshotArea('sync');
    const again = await freshSettingsModule();
    expect(await again.getSettings()).toEqual(V1_MIGRATED);
    expect(await snapshotArea('sync')).toBe(afterFirstStart);
  });

  it('does not touch settings on a fresh install', async () => {
    await (await freshSettingsModule()).getSettings();
    expect(await snapshotArea('sync')).toBe('{}');
  });
});

describe('updateSettings', () => {
  it('merges a patch and keeps the other settings', async () => {
    expect(await updateSettings({ theme: 'dark' })).toEqual({ ok: true });
    expect(await updateSettings({ hoverDelayMs: 900 })).toEqual({ ok: true });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', hoverDelayMs: 900 });
  });

  it('stores repaired values only', async () => {
    await updateSettings({ hoverDelayMs: 5000, pausedSites: ['WWW.Example.com', 'example.com'] });
    const raw = (await fakeBrowser.storage.sync.get('settings')).settings as Settings;
    expect(raw.hoverDelayMs).toBe(1500);
    expect(raw.pausedSites).toEqual(['example.com']);
  });

  it('folds changes made while a write is pending into one write', async () => {
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const results = await Promise.all([
      updateSettings({ theme: 'light' }),
      updateSettings({ showBadge: false }),
      updateSettings({ markMode: 'first' }),
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(settingsWritesOf(set)).toBe(1);
    expect(await getSettings()).toMatchObject({ theme: 'light', showBadge: false, markMode: 'first' });
  });

  it('does not write when nothing changes', async () => {
    await updateSettings({ theme: 'dark' });
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    expect(await updateSettings({ theme: 'dark' })).toEqual({ ok: true });
    expect(settingsWritesOf(set)).toBe(0);
  });

  it('resets to defaults', async () => {
    await updateSettings({ enabled: false, pausedSites: ['example.com'] });
    expect(await resetSettings()).toEqual({ ok: true });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('write failures reach the caller', () => {
  it('reports a quota error as { ok: false, reason: "quota" } and keeps the stored settings', async () => {
    await updateSettings({ theme: 'dark' });
    const before = await snapshotArea('sync');
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('Resource::kQuotaBytesPerItem quota exceeded'));
    const result = await updateSettings({ theme: 'light' });
    expect(result).toEqual({ ok: false, reason: 'quota', message: expect.stringContaining('not saved') });
    expect(await snapshotArea('sync')).toBe(before);
    expect((await getSettings()).theme).toBe('dark');
  });

  it('reports the write-rate limit as reason "rate"', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(
      new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'),
    );
    expect(await updateSettings({ theme: 'light' })).toMatchObject({ ok: false, reason: 'rate' });
  });

  it('reports other errors as reason "unknown" with the browser message', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('IO error: disk full'));
    expect(await updateSettings({ theme: 'light' })).toEqual({
      ok: false,
      reason: 'unknown',
      message: 'Settings were not saved: IO error: disk full',
    });
  });

  it('refuses settings over 8 KB before asking the browser', async () => {
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const pausedSites = Array.from({ length: 400 }, (_, index) => `a-rather-long-subdomain-${index}.example.org`);
    expect(await updateSettings({ pausedSites })).toMatchObject({ ok: false, reason: 'quota' });
    expect(settingsWritesOf(set)).toBe(0);
  });

  // The Chromium messages were observed in Chromium 156; the others are the documented spellings.
  it.each([
    [new Error('Resource::kQuotaBytesPerItem quota exceeded'), 'quota'],
    [new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'), 'rate'],
    [new Error('Resource::kMaxWriteOperationsPerHour quota exceeded'), 'rate'],
    [new Error('QUOTA_BYTES quota exceeded'), 'quota'],
    [new DOMException('storage.sync API call exceeded its quota limitations.', 'QuotaExceededError'), 'quota'],
    [new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded'), 'rate'],
    ['weird', 'unknown'],
  ])('classifies %s as %s', (error, reason) => {
    expect(classifyStorageError(error)).toBe(reason);
  });
});

describe('watchSettings', () => {
  it('reports repaired settings on every change until unsubscribed', async () => {
    const seen: Settings[] = [];
    const unsubscribe = watchSettings((settings) => seen.push(settings));
    await updateSettings({ theme: 'dark' });
    await storeRaw({ ...DEFAULT_SETTINGS, hoverDelayMs: -5, enabled: 'nope' });
    unsubscribe();
    await updateSettings({ theme: 'light' });
    expect(seen).toEqual([
      { ...DEFAULT_SETTINGS, theme: 'dark' },
      { ...DEFAULT_SETTINGS, hoverDelayMs: 0 },
    ]);
  });
});

describe('site names', () => {
  it.each([
    ['Example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://www.bbc.co.uk/news/world', 'bbc.co.uk'],
    ['http://localhost:8080/', 'localhost'],
    ['www.com', 'www.com'],
    ['  sub.example.org.  ', 'sub.example.org'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeSiteName(input)).toBe(expected);
  });

  it.each([[''], ['not a host'], ['ftp://example.com'], ['javascript:alert(1)'], ['exa_mple.com'], ['-bad.com']])(
    'rejects %j',
    (input) => {
      expect(normalizeSiteName(input)).toBeNull();
    },
  );

  it('matches a listed site and its subdomains only', () => {
    expect(isSiteListed('https://www.example.com/a', ['example.com'])).toBe(true);
    expect(isSiteListed('news.example.com', ['example.com'])).toBe(true);
    expect(isSiteListed('https://notexample.com/', ['example.com'])).toBe(false);
    expect(isSiteListed('https://example.com.evil.test/', ['example.com'])).toBe(false);
  });
});
