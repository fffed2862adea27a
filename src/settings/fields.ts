/**
 * Every setting in one table: its default, its kind (which says how a value
 * is checked, repaired and refused on import) and its allowed values. The
 * defaults object comes first and the `Settings` type follows from it;
 * `schema.ts` builds the repair and import schemas from this table, and
 * `isCurrentSettings` checks stored settings with it, cheaply, without a
 * schema library (the content script runs it on every page load).
 */
import { normalizeSiteName } from './hostnames';

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

// Frozen so that no caller can change the defaults through a shared array.
const NO_ENTRIES = Object.freeze([]) as readonly string[] as string[];

/** What a fresh install starts with; the shape of every stored setting. */
export const DEFAULT_SETTINGS = Object.freeze({
  /** Master switch: off means no marks and no cards anywhere. */
  enabled: true as boolean,
  /** Topic ids the reader turned off; topics added by later data default to on. */
  disabledTopics: NO_ENTRIES,
  markMode: 'every' as MarkMode,
  highlightStyle: 'underline' as HighlightStyle,
  /** How long the pointer rests on a mention before its card opens, 0–1500 ms. */
  hoverDelayMs: 300 as number,
  /** The colour scheme of the card, popup and options page. */
  theme: 'system' as ThemePreference,
  showBadge: true as boolean,
  /** Sites (normalized hostnames, see `normalizeSiteName`) where the reader paused Policy Lens. */
  pausedSites: NO_ENTRIES,
  /** Note packs the reader turned off (the built-in pack's id included); packs added later start on. */
  disabledPacks: NO_ENTRIES,
});

/** The reader's preferences. */
export type Settings = { -readonly [K in keyof typeof DEFAULT_SETTINGS]: (typeof DEFAULT_SETTINGS)[K] };

/** How a setting's values are checked. */
export type FieldKind =
  | { kind: 'boolean' }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'topic-list' }
  | { kind: 'site-list' }
  | { kind: 'pack-list' };

/** The kind of every setting. */
export const SETTING_FIELDS: { readonly [K in keyof Settings]: FieldKind } = Object.freeze({
  enabled: { kind: 'boolean' },
  disabledTopics: { kind: 'topic-list' },
  markMode: { kind: 'choice', options: MARK_MODES },
  highlightStyle: { kind: 'choice', options: HIGHLIGHT_STYLES },
  hoverDelayMs: { kind: 'number', ...HOVER_DELAY_RANGE },
  theme: { kind: 'choice', options: THEME_PREFERENCES },
  showBadge: { kind: 'boolean' },
  pausedSites: { kind: 'site-list' },
  disabledPacks: { kind: 'pack-list' },
});

/** The names of every setting, in a stable order (the order of exported files). */
export const SETTING_KEYS = Object.freeze(Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]);

// Same spelling as topic ids in the bundled data (src/data/schema.ts), with an optional pack namespace ("pack/topic").
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const MAX_TOPIC_ID_LENGTH = 160;

/** Whether a value is a topic id a setting may hold. */
export function isTopicId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TOPIC_ID_LENGTH && TOPIC_ID.test(value);
}

const PACK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a value is a note pack id a setting may hold. */
export function isPackId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && PACK_ID.test(value);
}

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, disabledTopics: [], pausedSites: [], disabledPacks: [] };
}

/** Whether a list entry is valid as stored. */
function isListEntry(kind: 'topic-list' | 'site-list' | 'pack-list', entry: unknown): boolean {
  if (kind === 'topic-list') return isTopicId(entry);
  if (kind === 'pack-list') return isPackId(entry);
  return typeof entry === 'string' && normalizeSiteName(entry) === entry;
}

/** Whether a stored value is already exactly what repair would make of it (the common case). */
function isCurrentValue(field: FieldKind, value: unknown): boolean {
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && field.options.includes(value);
    case 'number':
      return typeof value === 'number' && Number.isInteger(value) && value >= field.min && value <= field.max;
    case 'topic-list':
    case 'site-list':
    case 'pack-list': {
      if (!Array.isArray(value) || value.length > MAX_LIST_ENTRIES) return false;
      const seen = new Set<unknown>();
      for (const entry of value) {
        if (seen.has(entry)) return false;
        seen.add(entry);
        if (!isListEntry(field.kind, entry)) return false;
      }
      return true;
    }
  }
}

/**
 * The stored settings when they are whole and valid as they stand, else null
 * (then the full repair, with its schema, is needed). No value at all reads as
 * the defaults.
 */
export function currentSettingsOrNull(stored: unknown): Settings | null {
  if (stored === undefined || stored === null) return defaultSettings();
  if (typeof stored !== 'object' || Array.isArray(stored)) return null;
  const record = stored as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== SETTING_KEYS.length) return null;
  for (const key of SETTING_KEYS) {
    if (!(key in record) || !isCurrentValue(SETTING_FIELDS[key], record[key])) return null;
  }
  return {
    ...(record as unknown as Settings),
    disabledTopics: [...(record.disabledTopics as string[])],
    pausedSites: [...(record.pausedSites as string[])],
    disabledPacks: [...(record.disabledPacks as string[])],
  };
}
