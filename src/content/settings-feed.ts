/**
 * The reader's settings as the content script sees them: read once at start
 * and again when they change. Read straight from `storage.sync` and checked
 * cheaply against the settings table (`fields.ts`); only when the stored
 * shape is not current (an older version, a damaged field) does the content
 * script ask the background, which migrates and repairs with the full schema.
 * That keeps the schema library off every page load.
 */
import type { ExtensionApi } from '@/src/extension/api';
import { sendToBackground } from '@/src/messaging/page-channel';
import { currentSettingsOrNull, defaultSettings, SETTINGS_STORAGE_KEY, SETTINGS_VERSION, type Settings } from '@/src/settings';

/** Where the storage library keeps the stored settings' version. */
const VERSION_KEY = `${SETTINGS_STORAGE_KEY}$`;

function storedVersion(meta: unknown): number {
  const version = (meta as { v?: unknown } | undefined)?.v;
  return typeof version === 'number' ? version : 1;
}

/** The settings the background makes of what is stored; the defaults if it cannot answer. */
async function askBackground(api: ExtensionApi): Promise<Settings> {
  try {
    return currentSettingsOrNull(await sendToBackground(api, 'getSettings', undefined)) ?? defaultSettings();
  } catch (error) {
    console.warn('[Policy Lens] settings could not be read; using defaults', error);
    return defaultSettings();
  }
}

/** The settings now. */
export async function readSettings(api: ExtensionApi): Promise<Settings> {
  let stored: Record<string, unknown>;
  try {
    stored = await api.storage.sync.get([SETTINGS_STORAGE_KEY, VERSION_KEY]);
  } catch (error) {
    // Unreadable storage (e.g. sync disabled by policy) must not stop the extension.
    console.warn('[Policy Lens] settings could not be read; using defaults', error);
    return defaultSettings();
  }
  const value = stored[SETTINGS_STORAGE_KEY];
  if (value === undefined) return defaultSettings();
  const current = storedVersion(stored[VERSION_KEY]) === SETTINGS_VERSION ? currentSettingsOrNull(value) : null;
  return current ?? askBackground(api);
}

/** Calls `onChange` with the full settings whenever they change, until `signal` aborts. */
export function watchSettings(api: ExtensionApi, onChange: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'sync' || !(SETTINGS_STORAGE_KEY in changes)) return;
    const value = changes[SETTINGS_STORAGE_KEY]?.newValue;
    const current = value === undefined ? defaultSettings() : currentSettingsOrNull(value);
    if (current) onChange(current);
    else void askBackground(api).then((settings) => signal.aborted || onChange(settings));
  };
  api.storage.onChanged.addListener(listener);
  signal.addEventListener(
    'abort',
    () => {
      try {
        api.storage.onChanged.removeListener(listener);
      } catch {
        // The extension is gone, and its listener with it.
      }
    },
    { once: true },
  );
}
