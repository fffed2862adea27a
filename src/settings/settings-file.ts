/**
 * The exported settings file: its format, and the checks an imported file
 * must pass. Pure (no storage), so every refusal is testable on its own; a
 * refusal names the problem in words a reader can act on.
 *
 * A file may also carry note packs (`packs`): each as the text of a pack
 * file, so that the nesting and key checks here stay those of a settings
 * file, and each pack meets exactly the checks of a pack file when it is
 * imported (see backup.ts). Here they are only checked to be texts.
 */
import { browser } from 'wxt/browser';
import { locateJsonSyntaxError, maxNestingDepth } from './json-text';
import { migrateSettings, SETTINGS_VERSION } from './migrations';
import { SETTING_KEYS, validateSettingsStrictly, type Settings } from './schema';

/** The `format` marker of every settings file. */
export const SETTINGS_FILE_FORMAT = 'policy-lens-settings';
/** Largest file import will read: an exported file is well under 10 KB, or larger by the note packs it carries. */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;
// An exported file nests three levels (file, settings, lists); anything far deeper is not ours.
const MAX_NESTING_DEPTH = 8;
// Keys that mean something to JavaScript objects; no settings file has them.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FILE_KEYS = new Set(['format', 'version', 'settings', 'packs']);

/** The outcome of reading a settings file: its settings, and the texts of the note packs it carries (often none). */
export type ParseSettingsResult = { ok: true; settings: Settings; packs: string[] } | { ok: false; error: string };

/**
 * The file `exportSettings` writes: pretty JSON with a format marker and the
 * settings version, and `packs` (texts of pack files) only when there are any.
 */
export function formatSettingsFile(settings: Settings, packs: readonly string[] = []): string {
  const ordered = Object.fromEntries(SETTING_KEYS.map((key) => [key, settings[key]]));
  const file = { format: SETTINGS_FILE_FORMAT, version: SETTINGS_VERSION, settings: ordered, ...(packs.length > 0 ? { packs } : {}) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Whether a value is what a file's `packs` must be: a list of non-empty texts. */
function isPackTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string' && entry.trim() !== '');
}

/** The refusal for a file over `MAX_SETTINGS_FILE_BYTES`, also used before a large file is even read. */
export function fileTooLargeMessage(): string {
  return browser.i18n.getMessage('importErrorTooLarge');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function byteLength(text: string): number {
  // A UTF-16 code unit is never less than one UTF-8 byte: skip encoding huge strings.
  return text.length > MAX_SETTINGS_FILE_BYTES ? text.length : new TextEncoder().encode(text).length;
}

function findForbiddenKey(root: unknown): string | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/** A character as a reader can see it: invisible ones as their code point ("U+0009"). */
function printable(char: string): string {
  if (!/^[\s\p{C}]$/u.test(char)) return char;
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function describeSyntaxError(text: string): string {
  const error = locateJsonSyntaxError(text);
  if (error === null) return browser.i18n.getMessage('importErrorNotJson');
  if (error.found === null) return browser.i18n.getMessage('importErrorUnexpectedEnd');
  return browser.i18n.getMessage('importErrorSyntax', [String(error.line), String(error.column), printable(error.found)]);
}

function readEnvelope(data: unknown): ParseSettingsResult {
  if (!isPlainObject(data) || data.format !== SETTINGS_FILE_FORMAT) {
    return { ok: false, error: browser.i18n.getMessage('importErrorNotSettingsFile', [SETTINGS_FILE_FORMAT]) };
  }
  const unknownKey = Object.keys(data).find((key) => !FILE_KEYS.has(key));
  if (unknownKey !== undefined) {
    return { ok: false, error: browser.i18n.getMessage('importErrorUnknownKey', [unknownKey]) };
  }
  const { version } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: browser.i18n.getMessage('importErrorVersion', [String(SETTINGS_VERSION)]) };
  }
  if (version > SETTINGS_VERSION) {
    return { ok: false, error: browser.i18n.getMessage('importErrorNewerVersion', [String(version)]) };
  }
  if (!isPlainObject(data.settings)) {
    return { ok: false, error: browser.i18n.getMessage('settingsErrorNotObject') };
  }
  const packs = data.packs ?? [];
  if (!isPackTextList(packs)) return { ok: false, error: browser.i18n.getMessage('importErrorPacks') };
  const result = validateSettingsStrictly(migrateSettings(data.settings, version));
  return result.ok ? { ok: true, settings: result.settings, packs } : { ok: false, error: result.error };
}

/**
 * Reads a settings file. Refuses, with a message naming the problem, files
 * over 1 MB, empty files, invalid JSON (with line and column), deep nesting,
 * `__proto__`/`constructor`/`prototype` keys, other formats, unknown keys and
 * wrongly typed settings. Files from earlier settings versions are migrated.
 */
export function parseSettingsFile(text: string): ParseSettingsResult {
  if (byteLength(text) > MAX_SETTINGS_FILE_BYTES) return { ok: false, error: fileTooLargeMessage() };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: browser.i18n.getMessage('importErrorEmpty') };
  if (maxNestingDepth(body) > MAX_NESTING_DEPTH) {
    return { ok: false, error: browser.i18n.getMessage('importErrorTooDeep', [String(MAX_NESTING_DEPTH)]) };
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, error: describeSyntaxError(body) };
  }
  const forbidden = findForbiddenKey(data);
  if (forbidden !== undefined) {
    return { ok: false, error: browser.i18n.getMessage('importErrorForbiddenKey', [forbidden]) };
  }
  return readEnvelope(data);
}
