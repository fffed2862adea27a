/** Where the settings live: the key in `storage.sync` (one object, all settings). */
export const SETTINGS_STORAGE_KEY = 'settings';
