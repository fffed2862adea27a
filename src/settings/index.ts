/**
 * Every stored setting in one place: names, types, defaults, version,
 * migrations and repair. Readers get a complete, valid `Settings` object no
 * matter what storage holds; writers get a result that says whether the
 * browser accepted the write.
 */
export {
  DEFAULT_SETTINGS,
  HIGHLIGHT_STYLES,
  HOVER_DELAY_RANGE,
  MARK_MODES,
  MAX_LIST_ENTRIES,
  SETTING_KEYS,
  THEME_PREFERENCES,
  defaultSettings,
  repairSettings,
  type HighlightStyle,
  type MarkMode,
  type Settings,
  type ThemePreference,
} from './schema';
// The content script's cheap check of stored settings against the table (no schema library).
export { currentSettingsOrNull } from './fields';
export { SETTINGS_VERSION } from './migrations';
export { SETTINGS_STORAGE_KEY } from './storage-key';
export { isSiteListed, normalizeSiteList, normalizeSiteName } from './hostnames';
export {
  getSettings,
  replaceSettings,
  resetSettings,
  setTopicEnabled,
  startSettingsMigrations,
  updateSettings,
  watchSettings,
} from './store';
export { withTopicEnabled } from './topic-switch';
export type { WriteFailureReason, WriteResult } from './storage-write';
export { MAX_SETTINGS_FILE_BYTES, SETTINGS_FILE_FORMAT, parseSettingsFile, type ParseSettingsResult } from './settings-file';
export { exportSettings, importSettings, importSettingsFile, settingsFileName, type ImportResult } from './transfer';
export { exportBackup, importBackup, importBackupFile, type BackupExport, type BackupImportResult } from './backup';
