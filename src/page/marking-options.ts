/**
 * What the reader's settings mean for marking this page: whether to mark at
 * all, which topics, every mention or the first, and in which style.
 */
import { isSiteListed, type HighlightStyle, type MarkMode, type Settings } from '@/src/settings';

/** The settings the page marker obeys. */
export type MarkingSettings = Pick<Settings, 'enabled' | 'disabledTopics' | 'markMode' | 'highlightStyle' | 'pausedSites'>;

/** Marking decisions for one page. */
export interface MarkingOptions {
  /** False when switched off, paused on this site, or every topic is off: nothing is scanned or marked. */
  active: boolean;
  enabledTopics: ReadonlySet<string>;
  mode: MarkMode;
  style: HighlightStyle;
}

/** Derives the marking options for a page on `hostname` from the reader's settings. */
export function markingOptionsFor(settings: MarkingSettings, hostname: string, topics: readonly string[]): MarkingOptions {
  const disabled = new Set(settings.disabledTopics);
  const enabledTopics = new Set(topics.filter((topic) => !disabled.has(topic)));
  const paused = hostname !== '' && isSiteListed(hostname, settings.pausedSites);
  return {
    active: settings.enabled && !paused && enabledTopics.size > 0,
    enabledTopics,
    mode: settings.markMode,
    style: settings.highlightStyle,
  };
}

/** Whether two sets of options mark the page the same way. */
export function sameMarkingOptions(a: MarkingOptions, b: MarkingOptions): boolean {
  if (a.active !== b.active || a.mode !== b.mode || a.style !== b.style) return false;
  if (a.enabledTopics.size !== b.enabledTopics.size) return false;
  for (const topic of a.enabledTopics) if (!b.enabledTopics.has(topic)) return false;
  return true;
}
