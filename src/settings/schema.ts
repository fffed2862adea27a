/**
 * Every setting in one place: its name, type, default, allowed range, how a
 * damaged stored value is repaired and how an imported value is checked.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { normalizeSiteList, normalizeSiteName } from './hostnames';

/** Highlight styles, in the order the options page offers them. */
export const HIGHLIGHT_STYLES = ['underline', 'background', 'none'] as const;
/** Mark every mention of a topic, or only its first on the page. */
export const MARK_MODES = ['every', 'first'] as const;
/** Card and page themes. */
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
/** Allowed hover delay, in milliseconds. */
export const HOVER_DELAY_RANGE = Object.freeze({ min: 0, max: 1500 });
/** Longest list any list setting may hold; far more than a reader types, short enough to fit storage.sync. */
export const MAX_LIST_ENTRIES = 500;

/** How mentions are marked on the page. */
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
/** Which mentions of a topic are marked. */
export type MarkMode = (typeof MARK_MODES)[number];
/** The colour scheme of Policy Lens's own UI. */
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/** The reader's preferences. */
export interface Settings {
  /** Master switch: off means no marks and no cards anywhere. */
  enabled: boolean;
  /** Topic ids the reader turned off; topics added by later data default to on. */
  disabledTopics: string[];
  markMode: MarkMode;
  highlightStyle: HighlightStyle;
  /** How long the pointer rests on a mention before its card opens, 0–1500 ms. */
  hoverDelayMs: number;
  theme: ThemePreference;
  showBadge: boolean;
  /** Sites (normalized hostnames, see `normalizeSiteName`) where the reader paused Policy Lens. */
  pausedSites: string[];
}

// Frozen so that no caller can change the defaults through a shared array.
const NO_ENTRIES = Object.freeze([]) as readonly string[] as string[];

/** What a fresh install starts with. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledTopics: NO_ENTRIES,
  markMode: 'every',
  highlightStyle: 'underline',
  hoverDelayMs: 300,
  theme: 'system',
  showBadge: true,
  pausedSites: NO_ENTRIES,
});

/** The names of every setting, in a stable order (the order of exported files). */
export const SETTING_KEYS = Object.freeze(Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]);

// Same spelling as topic ids in the bundled data (src/data/schema.ts).
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_TOPIC_ID_LENGTH = 80;

function isTopicId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TOPIC_ID_LENGTH && TOPIC_ID.test(value);
}

function clampHoverDelay(ms: number): number {
  return Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, Math.round(ms)));
}

// Unknown topic ids are kept on purpose: settings sync between browsers, and
// one running newer data may know topics this one does not.
function repairTopicList(entries: unknown[]): string[] {
  return [...new Set(entries.filter(isTopicId))].slice(0, MAX_LIST_ENTRIES);
}

function repairSiteList(entries: unknown[]): string[] {
  // Bounded work on a damaged list: look at no more than twice the entries that can be kept.
  return normalizeSiteList(entries.slice(0, MAX_LIST_ENTRIES * 2)).slice(0, MAX_LIST_ENTRIES);
}

const D = DEFAULT_SETTINGS;

// Each field falls back to its own default, so one damaged value never costs the others.
const RepairSchema = v.object({
  enabled: v.fallback(v.boolean(), D.enabled),
  disabledTopics: v.fallback(v.pipe(v.array(v.unknown()), v.transform(repairTopicList)), () => []),
  markMode: v.fallback(v.picklist(MARK_MODES), D.markMode),
  highlightStyle: v.fallback(v.picklist(HIGHLIGHT_STYLES), D.highlightStyle),
  hoverDelayMs: v.fallback(v.pipe(v.number(), v.finite(), v.transform(clampHoverDelay)), D.hoverDelayMs),
  theme: v.fallback(v.picklist(THEME_PREFERENCES), D.theme),
  showBadge: v.fallback(v.boolean(), D.showBadge),
  pausedSites: v.fallback(v.pipe(v.array(v.unknown()), v.transform(repairSiteList)), () => []),
}) satisfies v.GenericSchema<unknown, Settings>;

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, disabledTopics: [], pausedSites: [] };
}

/**
 * Turns whatever storage holds into valid settings, field by field: a wrongly
 * typed field gets its default, numbers are clamped, lists are cleaned and
 * deduplicated, unknown fields are dropped, and everything valid is kept.
 */
export function repairSettings(stored: unknown): Settings {
  const input = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
  const result = v.safeParse(RepairSchema, input);
  return result.success ? result.output : defaultSettings();
}

// --- Strict checks for imported files: refuse and say why, never guess. ---

const say = {
  boolean: (key: string) => () => browser.i18n.getMessage('settingsErrorBoolean', [key]),
  choice: (key: string, options: readonly string[]) => () =>
    browser.i18n.getMessage('settingsErrorChoice', [key, options.join(', ')]),
  number: (key: string) => () =>
    browser.i18n.getMessage('settingsErrorNumber', [key, String(HOVER_DELAY_RANGE.min), String(HOVER_DELAY_RANGE.max)]),
  list: (key: string) => () => browser.i18n.getMessage('settingsErrorList', [key]),
  tooMany: (key: string) => () => browser.i18n.getMessage('settingsErrorTooMany', [key, String(MAX_LIST_ENTRIES)]),
};

/** A short, printable rendering of a value for an error message. */
function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** A list whose entries `accept` turns into their stored form, or refuses with `refusal`'s message. */
function strictList(
  key: keyof Settings,
  accept: (entry: unknown) => string | null,
  refusal: 'settingsErrorTopic' | 'settingsErrorSite',
) {
  const entry = v.pipe(
    v.unknown(),
    v.rawTransform<unknown, string>(({ dataset, addIssue, NEVER }) => {
      const accepted = accept(dataset.value);
      if (accepted !== null) return accepted;
      addIssue({ message: browser.i18n.getMessage(refusal, [key, describeValue(dataset.value)]) });
      return NEVER;
    }),
  );
  return v.optional(
    v.pipe(
      v.array(v.unknown(), say.list(key)),
      v.maxLength(MAX_LIST_ENTRIES, say.tooMany(key)),
      v.array(entry),
      v.transform((list: string[]) => [...new Set(list)]),
    ),
  );
}

const boolean = (key: keyof Settings) => v.optional(v.boolean(say.boolean(key)));
const choice = <const T extends readonly string[]>(key: keyof Settings, options: T) =>
  v.optional(v.picklist(options, say.choice(key, options)));

const StrictSettingsSchema = v.strictObject(
  {
    enabled: boolean('enabled'),
    disabledTopics: strictList('disabledTopics', (entry) => (isTopicId(entry) ? entry : null), 'settingsErrorTopic'),
    markMode: choice('markMode', MARK_MODES),
    highlightStyle: choice('highlightStyle', HIGHLIGHT_STYLES),
    hoverDelayMs: v.optional(
      v.pipe(
        v.number(say.number('hoverDelayMs')),
        v.integer(say.number('hoverDelayMs')),
        v.minValue(HOVER_DELAY_RANGE.min, say.number('hoverDelayMs')),
        v.maxValue(HOVER_DELAY_RANGE.max, say.number('hoverDelayMs')),
      ),
    ),
    theme: choice('theme', THEME_PREFERENCES),
    showBadge: boolean('showBadge'),
    pausedSites: strictList(
      'pausedSites',
      (entry) => (typeof entry === 'string' ? normalizeSiteName(entry) : null),
      'settingsErrorSite',
    ),
  },
  (issue) =>
    issue.expected === 'never'
      ? browser.i18n.getMessage('settingsErrorUnknownSetting', [describeValue(issue.input)])
      : browser.i18n.getMessage('settingsErrorNotObject'),
);

/**
 * Checks settings read from a file without repairing anything: the first
 * problem is returned as a message naming the setting. Settings the file
 * leaves out take their defaults.
 */
export function validateSettingsStrictly(input: unknown): { ok: true; settings: Settings } | { ok: false; error: string } {
  const result = v.safeParse(StrictSettingsSchema, input, { abortEarly: true });
  if (!result.success) return { ok: false, error: result.issues[0].message };
  return { ok: true, settings: repairSettings({ ...defaultSettings(), ...result.output }) };
}
