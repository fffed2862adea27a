/**
 * Settings files that also carry the reader's imported note packs, as the
 * options page exports and imports them (transfer.ts moves the settings
 * alone). What is kept of a pack is its compiled notes, not the file it came
 * from, so export writes each pack back as a pack file (`packSourceOf`), and
 * import sends each through `preparePackImport`: the very checks a pack file
 * meets when it is imported on its own. One invalid pack refuses the whole
 * file, before anything is written.
 */
import { browser } from 'wxt/browser';
import type { ExtensionApi } from '@/src/extension/api';
import { listPacks, packKey, PACKS_INDEX_KEY, packSourceOf, preparePackImport, readPack, savePacks, type CompiledPack } from '@/src/packs';
import type { Settings } from './schema';
import { fileTooLargeMessage, formatSettingsFile, MAX_SETTINGS_FILE_BYTES, parseSettingsFile } from './settings-file';
import { getSettings, replaceSettings } from './store';
import { classifyStorageError, type WriteFailureReason } from './storage-write';

/** The text of an export, or why there is none. */
export type BackupExport = { ok: true; text: string } | { ok: false; message: string };

/** The outcome of an import: the settings now in force and the packs it added or replaced, or why nothing changed. */
export type BackupImportResult =
  | { ok: true; settings: Settings; packs: Array<CompiledPack['meta']> }
  | { ok: false; reason: 'invalid' | WriteFailureReason; message: string };

/** How many of an invalid pack's problems a refusal lists before "and N more" (the options page lists all of a pack file's). */
const PROBLEMS_LISTED = 3;
/** The longest pack name a refusal repeats; the name comes from the refused file. */
const NAME_SHOWN = 80;

/** Every imported pack as the text of a pack file that imports it again, in import order. */
export async function packFileTexts(api: ExtensionApi): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of await listPacks(api)) {
    const stored = await readPack(api, entry.meta.id);
    if (stored) texts.push(JSON.stringify(packSourceOf(stored.notes)));
  }
  return texts;
}

/**
 * The current settings as the text of a settings file, with the imported
 * note packs in it when `includePacks`. Refused when the packs make the file
 * larger than import reads: a file that cannot come back is no backup.
 */
export async function exportBackup(api: ExtensionApi, options: { includePacks: boolean }): Promise<BackupExport> {
  const settings = await getSettings();
  const packs = options.includePacks ? await packFileTexts(api) : [];
  const text = formatSettingsFile(settings, packs);
  if (packs.length > 0 && new TextEncoder().encode(text).length > MAX_SETTINGS_FILE_BYTES) {
    return { ok: false, message: browser.i18n.getMessage('exportErrorTooLarge') };
  }
  return { ok: true, text };
}

/** How a refusal names a pack of the file: its name and id when the text has them, else its place. */
function packLabel(text: string, index: number): string {
  try {
    const { pack } = JSON.parse(text) as { pack?: { id?: unknown; name?: unknown } };
    if (typeof pack?.name === 'string' && typeof pack.id === 'string') {
      const name = pack.name.length > NAME_SHOWN ? `${pack.name.slice(0, NAME_SHOWN)}…` : pack.name;
      return `“${name}” (${pack.id.slice(0, NAME_SHOWN)})`;
    }
  } catch {
    // Not JSON: its problems say so; it is named by its place.
  }
  return browser.i18n.getMessage('importErrorPackUnnamed', [String(index + 1)]);
}

/** The first few problems, then how many more there are. */
function problemSummary(problems: readonly string[]): string {
  const listed = problems.slice(0, PROBLEMS_LISTED);
  const more = problems.length - listed.length;
  return `${[...listed, ...(more > 0 ? [browser.i18n.getMessage('importErrorPackMore', [String(more)])] : [])].join('; ')}.`;
}

/** Checks and compiles every pack of a file; writes nothing. */
async function preparePacks(api: ExtensionApi, texts: readonly string[]): Promise<{ ok: true; packs: CompiledPack[] } | { ok: false; message: string }> {
  const packs: CompiledPack[] = [];
  for (const [index, text] of texts.entries()) {
    const result = await preparePackImport(api, text);
    if (!result.ok) {
      return { ok: false, message: browser.i18n.getMessage('importErrorPackInvalid', [packLabel(text, index), problemSummary(result.problems)]) };
    }
    const { pack } = result.preview;
    if (packs.some((earlier) => earlier.meta.id === pack.meta.id)) {
      return { ok: false, message: browser.i18n.getMessage('importErrorPackTwice', [pack.meta.id]) };
    }
    packs.push(pack);
  }
  return { ok: true, packs };
}

/** Puts these `storage.local` keys back as `before` held them (keys it lacked are removed). */
async function restoreLocal(api: ExtensionApi, keys: readonly string[], before: Record<string, unknown>): Promise<void> {
  // A key storage did not hold is missing from `before`, or (in some implementations) there as undefined.
  const absent = keys.filter((key) => before[key] === undefined);
  const held = Object.fromEntries(Object.entries(before).filter(([, value]) => value !== undefined));
  try {
    await api.storage.local.set(held);
    if (absent.length > 0) await api.storage.local.remove(absent);
  } catch {
    // Storage refuses writes altogether; the failure that led here is what the reader is told.
  }
}

/**
 * Validates a settings file's text, and every note pack it carries, and only
 * if all pass keeps the packs (added, or replacing those with their ids; other
 * imported packs stay) and replaces the stored settings. The packs go first,
 * in one write; if the settings then cannot be written, the packs' keys are
 * put back as they were.
 */
export async function importBackup(api: ExtensionApi, text: string): Promise<BackupImportResult> {
  const parsed = parseSettingsFile(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.error };
  const prepared = await preparePacks(api, parsed.packs);
  if (!prepared.ok) return { ok: false, reason: 'invalid', message: prepared.message };
  const { packs } = prepared;

  const keys = packs.length > 0 ? [PACKS_INDEX_KEY, ...packs.map((pack) => packKey(pack.meta.id))] : [];
  let before: Record<string, unknown> = {};
  if (packs.length > 0) {
    try {
      before = await api.storage.local.get(keys);
      await savePacks(api, packs);
    } catch (error) {
      // storage.local's own refusal (its quota is the device's, not sync's): the settings messages would misdirect.
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: classifyStorageError(error), message: browser.i18n.getMessage('optionsPackFailed', [detail]) };
    }
  }
  const written = await replaceSettings(parsed.settings);
  if (!written.ok) {
    if (packs.length > 0) await restoreLocal(api, keys, before);
    return written;
  }
  return { ok: true, settings: parsed.settings, packs: packs.map((pack) => pack.meta) };
}

/** `importBackup` for a chosen file; a file over 1 MB is refused before it is read into memory. */
export async function importBackupFile(api: ExtensionApi, file: Blob): Promise<BackupImportResult> {
  if (file.size > MAX_SETTINGS_FILE_BYTES) return { ok: false, reason: 'invalid', message: fileTooLargeMessage() };
  return importBackup(api, await file.text());
}
