import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  exportSettings,
  getSettings,
  importSettings,
  importSettingsFile,
  parseSettingsFile,
  resetSettings,
  SETTINGS_VERSION,
  settingsFileName,
  updateSettings,
  type Settings,
} from '@/src/settings';
import { locateJsonSyntaxError, maxNestingDepth } from '@/src/settings/json-text';
import { useRealMessages } from '../support/messages';
import { snapshotArea } from '../support/storage';

const CUSTOM: Partial<Settings> = {
  enabled: false,
  disabledTopics: ['iran-deal'],
  highlightStyle: 'background',
  hoverDelayMs: 750,
  theme: 'dark',
  pausedSites: ['example.com', 'cnn.com'],
};

/** A settings file as export writes it, with `settings` replaced or extended. */
function file(settings: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'policy-lens-settings', version: SETTINGS_VERSION, settings, ...envelope }, null, 2);
}

beforeEach(async () => {
  fakeBrowser.reset();
  useRealMessages();
  await updateSettings(CUSTOM);
});

describe('exportSettings', () => {
  it('writes pretty JSON with the format marker, the version and every setting in order', async () => {
    const text = await exportSettings();
    expect(text).toContain('\n  "format": "policy-lens-settings",\n  "version": 3,\n');
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as { format: string; version: number; settings: Settings };
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'settings']);
    expect(Object.keys(parsed.settings)).toEqual(Object.keys(DEFAULT_SETTINGS));
    expect(parsed.settings).toEqual({ ...DEFAULT_SETTINGS, ...CUSTOM });
  });

  it('survives a round trip through import', async () => {
    const before = await getSettings();
    const text = await exportSettings();
    await resetSettings();
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await importSettings(text)).toEqual({ ok: true, settings: before });
    expect(await getSettings()).toEqual(before);
  });

  it('names the file after the day', () => {
    expect(settingsFileName(new Date(2025, 2, 4, 23, 59))).toBe('policy-lens-settings-2025-03-04.json');
  });
});

describe('importSettings accepts', () => {
  it('a partial file, giving defaults to the settings it leaves out', async () => {
    expect(await importSettings(file({ highlightStyle: 'none' }))).toMatchObject({ ok: true });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, highlightStyle: 'none' });
  });

  it('a file from an earlier settings version, migrated', async () => {
    const v1 = file({ topics: { 'iran-deal': false }, style: 'off', hoverDelay: 0.2 }, { version: 1 });
    expect(await importSettings(v1)).toMatchObject({ ok: true });
    expect(await getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      disabledTopics: ['iran-deal'],
      highlightStyle: 'none',
      hoverDelayMs: 200,
    });
  });

  it('site names in any spelling, normalized and deduplicated', async () => {
    await importSettings(file({ pausedSites: ['WWW.Example.com', 'https://example.com/page', 'bbc.co.uk'] }));
    expect((await getSettings()).pausedSites).toEqual(['example.com', 'bbc.co.uk']);
  });

  it('a file saved with a byte-order mark', async () => {
    expect(await importSettings(`\uFEFF${file({ theme: 'light' })}`)).toMatchObject({ ok: true });
  });
});

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('importSettings refuses bad files, naming the problem, and changes nothing', () => {
  const cases: Array<[string, string, string | RegExp]> = [
    ['an empty file', '', 'This file is empty.'],
    ['a blank file', '  \n\t', 'This file is empty.'],
    [
      'a trailing comma',
      '{\n  "format": "policy-lens-settings",\n  "version": 3,\n  "settings": { "enabled": true, }\n}',
      'Line 4, column 34: unexpected "}". The file is not valid JSON.',
    ],
    ['single quotes', "{'format': 1}", 'Line 1, column 2: unexpected "\'". The file is not valid JSON.'],
    ['a tab inside a string', '{"format": "a\tb"}', 'Line 1, column 14: unexpected "U+0009". The file is not valid JSON.'],
    ['a cut-off file', '{"format": "policy-lens-settings", "vers', 'The file ends too early: it is cut off or not valid JSON.'],
    ['a JSON list', '[1, 2]', /not a Policy Lens settings file/],
    ['a JSON string', '"settings"', /not a Policy Lens settings file/],
    ['another format', file({}, { format: 'other-extension' }), /not a Policy Lens settings file/],
    ['an unknown top-level key', file({}, { exportedBy: 'me' }), 'The file has an unknown entry "exportedBy"; a settings file has only "format", "version" and "settings".'],
    ['a missing version', file({}, { version: undefined }), 'The file\'s "version" must be a whole number from 1 to 3.'],
    ['a version as text', file({}, { version: '3' }), 'The file\'s "version" must be a whole number from 1 to 3.'],
    ['a version from the future', file({}, { version: 4 }), /newer Policy Lens \(settings version 4\)/],
    ['settings that are not an object', file({}, { settings: ['enabled'] }), 'The file\'s "settings" must be a group of setting names and values.'],
    ['missing settings', file({}, { settings: undefined }), 'The file\'s "settings" must be a group of setting names and values.'],
    ['an unknown setting', file({ colour: 'red' }), '"colour" is not a Policy Lens setting.'],
    ['an unknown highlight style', file({ highlightStyle: 'box' }), '"highlightStyle" must be one of underline, background, none.'],
    ['a hover delay out of range', file({ hoverDelayMs: 2000 }), '"hoverDelayMs" must be a whole number from 0 to 1500.'],
    ['a fractional hover delay', file({ hoverDelayMs: 12.5 }), '"hoverDelayMs" must be a whole number from 0 to 1500.'],
    ['a hover delay as text', file({ hoverDelayMs: '300' }), '"hoverDelayMs" must be a whole number from 0 to 1500.'],
    ['a non-boolean switch', file({ enabled: 'yes' }), '"enabled" must be true or false.'],
    ['a null switch', file({ showBadge: null }), '"showBadge" must be true or false.'],
    ['a site list that is a string', file({ pausedSites: 'cnn.com' }), '"pausedSites" must be a list.'],
    ['a list entry that is not a site', file({ pausedSites: ['cnn.com', 'not a site'] }), '"pausedSites" contains "not a site", which is not a site name such as example.com.'],
    ['a list entry that is not a topic id', file({ disabledTopics: ['Iran Deal'] }), '"disabledTopics" contains "Iran Deal", which is not a topic id (lower-case words joined by hyphens).'],
    ['an over-long list', file({ disabledTopics: Array.from({ length: 501 }, (_, i) => `topic-${i}`) }), '"disabledTopics" has more than 500 entries.'],
    ['__proto__ at the top', '{"__proto__": {"enabled": false}, "format": "policy-lens-settings"}', 'The file contains the key "__proto__", which settings files never use.'],
    ['__proto__ inside settings', file({}).replace('"settings": {}', '"settings": {"__proto__": {"polluted": true}}'), /key "__proto__"/],
    ['a constructor key', file({ constructor: { prototype: { polluted: true } } }), /key "constructor"/],
    ['a prototype key deep inside', file({ pausedSites: [{ prototype: 1 }] }), /key "prototype"/],
    ['deep nesting', file({ pausedSites: JSON.parse(deep(20)) as unknown }), 'This file nests lists or groups more than 8 levels deep; a settings file never does.'],
    ['pathological nesting', deep(200_000), /more than 8 levels deep/],
    ['a file over 1 MB', file({ theme: 'dark' }) + ' '.repeat(1024 * 1024), /larger than 1 MB/],
    ['a file over 1 MB in multi-byte characters', file({ pausedSites: ['€'.repeat(400_000)] }), /larger than 1 MB/],
  ];

  it.each(cases)('%s', async (_, text, message) => {
    const before = await snapshotArea('sync');
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const result = await importSettings(text);
    expect(result).toEqual({ ok: false, reason: 'invalid', message: expect.any(String) });
    if (!result.ok) {
      if (typeof message === 'string') expect(result.message).toBe(message);
      else expect(result.message).toMatch(message);
      expect(parseSettingsFile(text)).toEqual({ ok: false, error: result.message });
    }
    expect(set).not.toHaveBeenCalled();
    expect(await snapshotArea('sync')).toBe(before);
  });

  it('refuses a file over 1 MB before reading it', async () => {
    const text = vi.fn(async () => file());
    const result = await importSettingsFile({ size: 2 * 1024 * 1024, text } as unknown as Blob);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/larger than 1 MB/) });
    expect(text).not.toHaveBeenCalled();
  });

  it('reads a small file and imports it', async () => {
    const result = await importSettingsFile(new Blob([file({ theme: 'light' })]));
    expect(result).toMatchObject({ ok: true, settings: { theme: 'light' } });
  });

  it('reports a storage failure while importing a valid file', async () => {
    const before = await snapshotArea('sync');
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    expect(await importSettings(file({ theme: 'light' }))).toMatchObject({ ok: false, reason: 'quota' });
    expect(await snapshotArea('sync')).toBe(before);
  });
});

describe('JSON text helpers', () => {
  const valid = [
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, 0, 0.1, true, false, null, "x\\u00e9\\n\\"y"]} ',
    '"just a string"',
    '-0',
    '{"nested": {"deeper": [[{}]]}}',
  ];
  const invalid = ['', '{', '{"a" 1}', '[1,]', '[01]', '{"a":1}}', 'tru', 'nul', '"\\x"', '"\\u12g4"', '1.', '.5', '[1 2]', '{,}', '+1', '"open'];

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of valid) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(locateJsonSyntaxError(text)).toBeNull();
    }
    for (const text of invalid) {
      expect(() => JSON.parse(text)).toThrow();
      expect(locateJsonSyntaxError(text)).not.toBeNull();
    }
  });

  it('points at the offending character by line and column', () => {
    expect(locateJsonSyntaxError('{\n  "a": 1,\n  "b": x\n}')).toEqual({ line: 3, column: 8, found: 'x' });
    expect(locateJsonSyntaxError('[1, 2')).toEqual({ line: 1, column: 6, found: null });
  });

  it('measures nesting without being fooled by brackets in strings', () => {
    expect(maxNestingDepth('{"a": "[[[[", "b": [[1]]}')).toBe(3);
    expect(maxNestingDepth('"\\"[["')).toBe(0);
  });
});
