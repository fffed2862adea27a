/**
 * The toolbar badge: how many topics the tab's page mentions. Per tab, so it
 * is right in every tab and window. The title says the same in words, for
 * screen readers and tooltips.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '@/src/settings';
import type { TabState } from './tab-state';

/** Badge background: the brand ink, readable with the default white text. */
export const BADGE_COLOR = '#1f2a44';
const MAX_SHOWN = 99;

/** Whether the settings allow a badge at all. */
export function badgeAllowed(settings: Pick<Settings, 'enabled' | 'showBadge'>): boolean {
  return settings.enabled && settings.showBadge;
}

/** Number of topics mentioned on the page. */
export function topicCount(state: TabState | null): number {
  return state ? state.topics.filter((topic) => topic.count > 0).length : 0;
}

/** Badge text for a tab: the topic count, "99+" past 99, empty for none. */
export function badgeText(state: TabState | null): string {
  const count = topicCount(state);
  if (count === 0) return '';
  return count > MAX_SHOWN ? `${MAX_SHOWN}+` : String(count);
}

function badgeTitle(count: number): string {
  if (count === 0) return browser.i18n.getMessage('actionTitle');
  return count === 1
    ? browser.i18n.getMessage('badgeTitleOneTopic')
    : browser.i18n.getMessage('badgeTitleTopics', [String(count)]);
}

/** Shows a tab's badge and title for its state (or clears them when `visible` is false or there is no state). */
export async function renderBadge(tabId: number, state: TabState | null, visible: boolean): Promise<void> {
  const shown = visible ? state : null;
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badgeText(shown) }),
      browser.action.setTitle({ tabId, title: badgeTitle(topicCount(shown)) }),
    ]);
  } catch {
    // The tab closed meanwhile; there is nothing left to label.
  }
}
