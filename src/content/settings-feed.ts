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

/** How often a change in another shape is taken to the background before the page keeps what it has. */
export const BACKGROUND_ATTEMPTS = 2;
/** The wait before asking the background again. */
export const BACKGROUND_RETRY_MS = 1000;

/** The settings the background makes of what is stored; null (and a warning) if it cannot answer. */
async function askBackground(api: ExtensionApi): Promise<Settings | null> {
  try {
    return currentSettingsOrNull(await sendToBackground(api, 'getSettings', undefined));
  } catch (error) {
    console.warn('[Policy Lens] the background did not answer for the settings', error);
    return null;
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
  // At start there is nothing better to fall back on than the defaults.
  return current ?? (await askBackground(api)) ?? defaultSettings();
}

/**
 * Calls `onChange` with the full settings whenever they change, until `signal` aborts. A change
 * stored in another shape is repaired by the background; its answer counts only if no later change
 * came meanwhile (answers can arrive out of order), and if the background cannot answer (asked
 * twice, a second apart), the page keeps the settings it has rather than falling back to the
 * defaults (which could unpause a site or bring back topics the reader turned off).
 */
export function watchSettings(api: ExtensionApi, onChange: (settings: Settings) => void, signal: AbortSignal): void {
  let latest = 0;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'sync' || !(SETTINGS_STORAGE_KEY in changes)) return;
    const change = ++latest;
    const value = changes[SETTINGS_STORAGE_KEY]?.newValue;
    const current = value === undefined ? defaultSettings() : currentSettingsOrNull(value);
    if (current) {
      onChange(current);
      return;
    }
    repairInBackground(change, BACKGROUND_ATTEMPTS);
  };
  const isStale = (change: number) => signal.aborted || change !== latest;
  const repairInBackground = (change: number, attemptsLeft: number) => {
    // A retry that a newer change (or the page's end) overtook asks nothing.
    if (isStale(change)) return;
    void askBackground(api).then((settings) => {
      if (isStale(change)) return;
      if (settings) onChange(settings);
      // The background may be starting up or shutting down: ask once more before keeping what we have.
      else if (attemptsLeft > 1) setTimeout(() => repairInBackground(change, attemptsLeft - 1), BACKGROUND_RETRY_MS);
    });
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
