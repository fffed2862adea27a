/**
 * The schemas built from the settings table (`fields.ts`): how a damaged
 * stored value is repaired, and how an imported value is checked.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY_RANGE,
  MAX_LIST_ENTRIES,
  SETTING_FIELDS,
  SETTING_KEYS,
  defaultSettings,
  isPackId,
  isTopicId,
  type FieldKind,
  type Settings,
} from './fields';
import { normalizeSiteList, normalizeSiteName } from './hostnames';

export {
  DEFAULT_SETTINGS,
  HIGHLIGHT_STYLES,
  HOVER_DELAY_RANGE,
  MARK_MODES,
  MAX_LIST_ENTRIES,
  SETTING_KEYS,
  THEME_PREFERENCES,
  defaultSettings,
  type HighlightStyle,
  type MarkMode,
  type Settings,
  type ThemePreference,
} from './fields';

function clampNumber(ms: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(ms)));
}

// Unknown topic ids are kept on purpose: settings sync between browsers, and
// one running newer data may know topics this one does not.
function repairTopicList(entries: unknown[]): string[] {
  return [...new Set(entries.filter(isTopicId))].slice(0, MAX_LIST_ENTRIES);
}

function repairPackList(entries: unknown[]): string[] {
  return [...new Set(entries.filter(isPackId))].slice(0, MAX_LIST_ENTRIES);
}

function repairSiteList(entries: unknown[]): string[] {
  // Bounded work on a damaged list: look at no more than twice the entries that can be kept.
  return normalizeSiteList(entries.slice(0, MAX_LIST_ENTRIES * 2)).slice(0, MAX_LIST_ENTRIES);
}

/** How one kind of setting is repaired: a wrong value falls back to the field's own default. */
function repairField(field: FieldKind, fallback: unknown): v.GenericSchema {
  switch (field.kind) {
    case 'boolean':
      return v.fallback(v.boolean(), fallback as boolean);
    case 'choice':
      return v.fallback(v.picklist(field.options), fallback as string);
    case 'number':
      return v.fallback(
        v.pipe(
          v.number(),
          v.finite(),
          v.transform((value: number) => clampNumber(value, field.min, field.max)),
        ),
        fallback as number,
      );
    case 'topic-list':
      return v.fallback(v.pipe(v.array(v.unknown()), v.transform(repairTopicList)), () => []);
    case 'site-list':
      return v.fallback(v.pipe(v.array(v.unknown()), v.transform(repairSiteList)), () => []);
    case 'pack-list':
      return v.fallback(v.pipe(v.array(v.unknown()), v.transform(repairPackList)), () => []);
  }
}

// Each field falls back to its own default, so one damaged value never costs the others.
const RepairSchema = v.object(
  Object.fromEntries(SETTING_KEYS.map((key) => [key, repairField(SETTING_FIELDS[key], DEFAULT_SETTINGS[key])])),
) as unknown as v.GenericSchema<unknown, Settings>;

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
  refusal: 'settingsErrorTopic' | 'settingsErrorSite' | 'settingsErrorPack',
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

/** How one kind of setting is checked in an imported file: refused with a message naming it, never guessed. */
function strictField(key: keyof Settings, field: FieldKind): v.GenericSchema {
  switch (field.kind) {
    case 'boolean':
      return v.optional(v.boolean(say.boolean(key)));
    case 'choice':
      return v.optional(v.picklist(field.options, say.choice(key, field.options)));
    case 'number':
      return v.optional(
        v.pipe(
          v.number(say.number(key)),
          v.integer(say.number(key)),
          v.minValue(field.min, say.number(key)),
          v.maxValue(field.max, say.number(key)),
        ),
      );
    case 'topic-list':
      return strictList(key, (entry) => (isTopicId(entry) ? entry : null), 'settingsErrorTopic');
    case 'site-list':
      return strictList(key, (entry) => (typeof entry === 'string' ? normalizeSiteName(entry) : null), 'settingsErrorSite');
    case 'pack-list':
      return strictList(key, (entry) => (isPackId(entry) ? entry : null), 'settingsErrorPack');
  }
}

const StrictSettingsSchema = v.strictObject(
  Object.fromEntries(SETTING_KEYS.map((key) => [key, strictField(key, SETTING_FIELDS[key])])),
  (issue) =>
    issue.expected === 'never'
      ? browser.i18n.getMessage('settingsErrorUnknownSetting', [describeValue(issue.input)])
      : browser.i18n.getMessage('settingsErrorNotObject'),
) as unknown as v.GenericSchema<unknown, Partial<Settings>>;

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
