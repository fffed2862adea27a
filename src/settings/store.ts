/**
 * The stored settings item: where it lives, how it is read (migrated, then
 * repaired), watched and written (serialized, coalesced, size-checked).
 * Importing this module touches no storage: the item is defined on first use.
 */
import { storage } from 'wxt/utils/storage';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION } from './migrations';
import { defaultSettings, repairSettings, type Settings } from './schema';
import { SETTINGS_STORAGE_KEY } from './storage-key';
import { withTopicEnabled } from './topic-switch';
import { guardedSyncWrite, writeFailure, type WriteResult } from './storage-write';

export { SETTINGS_STORAGE_KEY } from './storage-key';

/**
 * Settings are small and personal, so they live in `storage.sync` and follow
 * the reader across browsers. Per-device state (enabled extra sites, tab
 * state) lives elsewhere: granted permissions do not sync.
 */
const SETTINGS_KEY = `sync:${SETTINGS_STORAGE_KEY}` as const;

const defineSettingsItem = () =>
  storage.defineItem<unknown>(SETTINGS_KEY, {
    fallback: {},
    version: SETTINGS_VERSION,
    migrations: SETTINGS_MIGRATIONS,
  });
let item: ReturnType<typeof defineSettingsItem> | undefined;

/**
 * The settings item, defined on first use. Defining it starts the migrations
 * (once per extension context), and every read, watch and write of the item
 * waits for them to finish.
 */
function settingsItem(): ReturnType<typeof defineSettingsItem> {
  item ??= defineSettingsItem();
  return item;
}

/**
 * Starts the settings migrations now instead of on the first read. The
 * background calls it as the service worker starts (every start, including
 * the one after an update), so stored settings are upgraded even before
 * anything reads them.
 */
export function startSettingsMigrations(): void {
  settingsItem();
}

/** Current settings: migrated, repaired field by field, defaults for anything missing or damaged. */
export async function getSettings(): Promise<Settings> {
  try {
    return repairSettings(await settingsItem().getValue());
  } catch (error) {
    // Unreadable storage (e.g. sync disabled by policy) must not stop the extension.
    console.warn('[Policy Lens] settings could not be read; using defaults', error);
    return defaultSettings();
  }
}

/** Calls `onChange` with the full, repaired settings whenever they change; returns the unsubscribe function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem().watch((stored) => onChange(repairSettings(stored)));
}

type SettingsChange = (current: Settings) => Settings;
interface PendingBatch {
  changes: SettingsChange[];
  result: Promise<WriteResult>;
}

// At most one write is in flight; changes that arrive meanwhile are folded
// into a single follow-up write (sync storage limits writes per minute).
let pendingBatch: PendingBatch | undefined;
let lastWrite: Promise<unknown> = Promise.resolve();

function enqueue(change: SettingsChange): Promise<WriteResult> {
  if (pendingBatch) {
    pendingBatch.changes.push(change);
    return pendingBatch.result;
  }
  const changes = [change];
  const result = lastWrite.then(() => {
    pendingBatch = undefined;
    return applyChanges(changes);
  });
  pendingBatch = { changes, result };
  lastWrite = result;
  return result;
}

async function applyChanges(changes: SettingsChange[]): Promise<WriteResult> {
  let stored: unknown;
  try {
    stored = await settingsItem().getValue();
  } catch (error) {
    return writeFailure(error);
  }
  const next = repairSettings(changes.reduce((settings, change) => change(settings), repairSettings(stored)));
  if (JSON.stringify(next) === JSON.stringify(stored)) return { ok: true };
  return guardedSyncWrite(SETTINGS_STORAGE_KEY, next, () => settingsItem().setValue(next));
}

/**
 * Merges `patch` into the stored settings. Resolves to `{ ok: false, ... }`
 * with a message for the reader when storage refuses the write.
 */
export function updateSettings(patch: Partial<Settings>): Promise<WriteResult> {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return enqueue((current) => ({ ...current, ...defined }));
}

/** Turns a topic off or back on in the stored settings, against what is stored at the moment of writing. */
export function setTopicEnabled(topicId: string, enabled: boolean): Promise<WriteResult> {
  return enqueue((current) => ({ ...current, disabledTopics: withTopicEnabled(current.disabledTopics, topicId, enabled) }));
}

/** Replaces every setting (used by import); the same result contract as `updateSettings`. */
export function replaceSettings(settings: Settings): Promise<WriteResult> {
  return enqueue(() => settings);
}

/** Puts every setting back to its default. */
export function resetSettings(): Promise<WriteResult> {
  return enqueue(defaultSettings);
}
