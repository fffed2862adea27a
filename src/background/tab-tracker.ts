/**
 * Keeps each tab's reported state and badge current: content scripts report,
 * navigation and closing forget, the popup asks, and a change of the badge
 * setting repaints every tab.
 */
import { browser, type Browser } from 'wxt/browser';
import { onMessage } from '@/src/messaging/protocol';
import { getSettings, watchSettings } from '@/src/settings';
import { BADGE_COLOR, badgeAllowed, renderBadge } from './badge';
import { createTabStateStore, parseTabState, type TabStateStore } from './tab-state';

/**
 * Starts tracking tabs; returns the function that stops it. Every listener is
 * added synchronously, as MV3 requires for events that wake the worker.
 */
export function startTabTracking(store: TabStateStore = createTabStateStore()): () => void {
  // Read once per worker start, then kept current by the watcher below.
  let badgeVisible = getSettings().then(badgeAllowed);

  const forget = async (tabId: number, repaint: boolean) => {
    await store.delete(tabId);
    if (repaint) await renderBadge(tabId, null, false);
  };

  const stopReports = onMessage('reportPage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    // Only the top frame speaks for the tab; tab id -1 (TAB_ID_NONE) is not a tab.
    if (tabId === undefined || tabId < 0 || (sender.frameId ?? 0) !== 0) return;
    const state = parseTabState(data);
    if (!state) return;
    await store.set(tabId, state);
    await renderBadge(tabId, state, await badgeVisible);
  });

  const stopQueries = onMessage('getTabState', ({ data: tabId }) => store.get(tabId));

  // Without the `tabs` permission `changeInfo` carries no URL, but `status` is always there.
  const onUpdated = (tabId: number, changeInfo: Browser.tabs.OnUpdatedInfo) => {
    if (changeInfo.status === 'loading') void forget(tabId, true);
  };
  const onRemoved = (tabId: number) => void forget(tabId, false);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);

  const stopWatching = watchSettings((settings) => {
    const visible = badgeAllowed(settings);
    badgeVisible = Promise.resolve(visible);
    void store.entries().then((entries) =>
      Promise.all(entries.map(([tabId, state]) => renderBadge(tabId, state, visible))),
    );
  });

  void browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });

  return () => {
    stopReports();
    stopQueries();
    stopWatching();
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
  };
}
