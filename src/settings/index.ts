/**
 * Every stored setting in one place: names, types, defaults. Readers get a
 * complete, valid `Settings` object no matter what storage holds.
 */
import { storage } from '#imports';

export type HighlightStyle = 'underline' | 'background' | 'none';
export type MarkMode = 'every' | 'first';
export type ThemePreference = 'system' | 'light' | 'dark';

/** The reader's preferences. */
export interface Settings {
  /** Master switch: off means no marks and no cards anywhere. */
  enabled: boolean;
  /** Topic ids the reader turned off; topics added by later data default to on. */
  disabledTopics: string[];
  markMode: MarkMode;
  highlightStyle: HighlightStyle;
  /** How long the pointer rests on a mention before its card opens, 0–1500 ms. */
  hoverDelayMs: number;
  theme: ThemePreference;
  showBadge: boolean;
  /** Hostnames where the reader paused Policy Lens. */
  pausedSites: string[];
}

/** What a fresh install starts with. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledTopics: [],
  markMode: 'every',
  highlightStyle: 'underline',
  hoverDelayMs: 300,
  theme: 'system',
  showBadge: true,
  pausedSites: [],
});

const settingsItem = storage.defineItem<Partial<Settings>>('sync:settings', { fallback: {} });

/** Current settings, with defaults for anything missing. */
export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/** Calls `onChange` with the full settings whenever they change; returns the unsubscribe function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((stored) => onChange({ ...DEFAULT_SETTINGS, ...stored }));
}

/** Merges `patch` into the stored settings. */
export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  const current = await settingsItem.getValue();
  await settingsItem.setValue({ ...current, ...patch });
}
