/**
 * Export and import of the stored settings. Import writes only after the
 * whole file passed every check; a refused file leaves storage untouched.
 * Enabled extra sites are not part of the file: they are browser permissions,
 * which only the reader can grant, site by site.
 */
import { fileTooLargeMessage, formatSettingsFile, MAX_SETTINGS_FILE_BYTES, parseSettingsFile } from './settings-file';
import type { Settings } from './schema';
import { getSettings, replaceSettings } from './store';
import type { WriteFailureReason } from './storage-write';

/** The outcome of an import: the settings now in force, or why nothing changed. */
export type ImportResult =
  | { ok: true; settings: Settings }
  | { ok: false; reason: 'invalid' | WriteFailureReason; message: string };

/** The current settings as the text of a settings file (pretty JSON with format marker and version). */
export async function exportSettings(): Promise<string> {
  return formatSettingsFile(await getSettings());
}

/** A dated file name for an export, e.g. "policy-lens-settings-2025-03-14.json". */
export function settingsFileName(date: Date = new Date()): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0'));
  return `policy-lens-settings-${day.join('-')}.json`;
}

/**
 * Validates a settings file's text and, only if it passes, replaces the
 * stored settings with it. The note packs a file may carry are left alone
 * here: `importBackup` (backup.ts), which the options page uses, imports them.
 */
export async function importSettings(text: string): Promise<ImportResult> {
  const parsed = parseSettingsFile(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.error };
  const written = await replaceSettings(parsed.settings);
  return written.ok ? { ok: true, settings: parsed.settings } : written;
}

/** `importSettings` for a chosen file; a file over 1 MB is refused before it is read into memory. */
export async function importSettingsFile(file: Blob): Promise<ImportResult> {
  if (file.size > MAX_SETTINGS_FILE_BYTES) return { ok: false, reason: 'invalid', message: fileTooLargeMessage() };
  return importSettings(await file.text());
}
