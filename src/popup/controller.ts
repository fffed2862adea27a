/**
 * The popup's controller: finds the tab, asks its content script for a
 * report (again while the page is loading or scanning), loads the notes of
 * every pack that is on (once, as the popup opens), follows settings and
 * site access, and turns reader actions into settings writes and messages.
 * The view receives the result as plain props.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { dataset } from '@/src/data';
import { findExtensionApi } from '@/src/extension/api';
import { sendMessage, type PageReport, type TopicCount } from '@/src/messaging/protocol';
import { loadCatalog, type NotesCatalog } from '@/src/packs';
import { createSearchIndex, type SearchIndex } from '@/src/search';
import {
  DEFAULT_SETTINGS,
  getSettings,
  isSiteListed,
  updateSettings,
  watchSettings,
  withTopicEnabled,
  type Settings,
  type WriteResult,
} from '@/src/settings';
import { isBuiltInNewsSite, type SiteAccessResult } from '@/src/sites';
import type { AccessBannerState } from '@/src/ui/AccessBanner';
import { t } from '@/src/ui/i18n';
import { useBuiltInSiteAccess, type BuiltInAccessState } from '@/src/ui/use-built-in-site-access';
import { pageStatus, siteOf, type PageStatus } from './page-status';
import * as siteAccess from './site-access';
import { requestPageReport, requestReportedUrl, resolveTab, type TabInfo } from './tab';
import type { JumpPosition, PopupActions, SiteAccess, SiteView } from './types';
import { INITIAL_POPUP_UI, popupUiReducer } from './ui-state';
import type { PopupViewProps } from './PopupView';

// While the page loads or its first scan runs, ask again at this pace.
const REFRESH_INTERVAL_MS = 400;
// After a settings change the content script re-marks the page; ask once it has.
const SETTLE_DELAY_MS = 250;
const MAX_SEARCH_RESULTS = 30;
// Long enough for the first paint to come first, short enough to beat the reader's first keystroke.
const INDEX_WARMUP_DELAY_MS = 50;

/** Search indexes by the notes they cover: each catalog is indexed once, however often the popup renders. */
const searchIndexes = new WeakMap<NotesCatalog, SearchIndex>();
/** The search index of these notes, built after first paint (or on the first query if that comes sooner). */
function searchIndexOf(notes: NotesCatalog): SearchIndex {
  let index = searchIndexes.get(notes);
  if (!index) {
    index = createSearchIndex(notes);
    searchIndexes.set(notes, index);
  }
  return index;
}

/**
 * Keeps topics the reader just switched off in the page list (with their last
 * count): the content script stops reporting them, and a row must not vanish
 * from under the reader's pointer.
 */
function withSwitchedOffTopics(
  status: PageStatus,
  seen: ReadonlyMap<string, number>,
  disabledTopics: readonly string[],
): PageStatus {
  if (status.kind !== 'found' && status.kind !== 'no-mentions') return status;
  const reported = status.kind === 'found' ? status.topics : [];
  const kept: TopicCount[] = disabledTopics
    .filter((topic) => seen.has(topic) && !reported.some((entry) => entry.topic === topic))
    .map((topic) => ({ topic, count: seen.get(topic) ?? 0 }));
  if (kept.length === 0) return status;
  // Most mentioned first, as the content script sorts; a stable sort keeps equal counts in report order.
  const topics = [...reported, ...kept].sort((a, b) => b.count - a.count);
  return { kind: 'found', topics, scanning: status.kind === 'found' && status.scanning };
}

/**
 * The site-access banner for this tab: the outcome of the reader's request
 * where they just made one; otherwise the request itself where Policy Lens
 * cannot run for want of access to the built-in sites: a built-in site that
 * was not granted, or a page whose address the browser hides from us while
 * the built-in sites are not granted (it may well be one of them).
 */
export function accessBannerFor(
  newsAccess: BuiltInAccessState,
  pageAccess: SiteAccess,
  pageHidden: boolean,
): AccessBannerState | null {
  if (newsAccess.banner === 'granted' || newsAccess.banner === 'denied') return newsAccess.banner;
  const blocked = pageAccess === 'built-in-not-granted' || (pageHidden && newsAccess.granted === false);
  return blocked ? 'missing' : null;
}

/** What the popup renders: the view's props, and the theme for the page root. */
export interface PopupController {
  view: PopupViewProps;
  theme: Settings['theme'];
}

/** All state and actions of the popup for the tab `requestedTabId` (or the active tab). */
export function usePopupController(requestedTabId: number | undefined): PopupController {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notes, setNotes] = useState<NotesCatalog | null>(null);
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  const [report, setReport] = useState<PageReport | null | undefined>(undefined);
  // Bumped on every answer, so polling continues even when two answers are equal (e.g. both null).
  const [reportTick, setReportTick] = useState(0);
  // Without the `tabs` permission and without an answering content script, the background may still know the URL.
  const [reportedUrl, setReportedUrl] = useState<string | undefined>(undefined);
  // Which way Policy Lens runs on the site, with the address it was asked for (see `accessHere`).
  const [access, setAccess] = useState<{ url: string; access: SiteAccess } | null>(null);
  const [jumps, setJumps] = useState<Record<string, JumpPosition>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [ui, dispatch] = useReducer(popupUiReducer, INITIAL_POPUP_UI);
  const newsAccess = useBuiltInSiteAccess();
  const seenCounts = useRef(new Map<string, number>());
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();
  const closed = useRef(false);
  const accessAsked = useRef(0);

  const url = tab?.url || report?.url || reportedUrl || undefined;
  const site = siteOf(url);
  // The answer for this address only. The address can arrive late (Firefox shows a popup opened
  // without activeTab no tab URL, and a page the reader just enabled brings it with its first
  // report), and until its own answer comes the site line is left out rather than showing the
  // answer for no address ("Not enabled") next to the page's marks.
  const accessHere = access !== null && access.url === url ? access.access : undefined;
  // Where a yes or no is needed, an address not yet asked about counts as not enabled.
  const accessOrNone = accessHere ?? 'none';

  const refreshReport = useCallback(async (tabId: number, tabUrl: string | undefined) => {
    const next = await requestPageReport(tabId);
    const fallbackUrl = next || tabUrl ? undefined : await requestReportedUrl(tabId);
    if (closed.current) return;
    if (fallbackUrl) setReportedUrl(fallbackUrl);
    for (const { topic, count } of next?.topics ?? []) seenCounts.current.set(topic, count);
    setReport(next);
    setReportTick((tick) => tick + 1);
  }, []);

  const scheduleRefresh = useCallback(
    (delay: number) => {
      clearTimeout(refreshTimer.current);
      const tabId = tab?.id;
      if (tabId === undefined) return;
      const tabUrl = tab?.url;
      refreshTimer.current = setTimeout(() => void refreshReport(tabId, tabUrl), delay);
    },
    [tab?.id, tab?.url, refreshReport],
  );

  // Load: settings and the tab in parallel, then the notes of the packs that are on, and the page's report.
  useEffect(() => {
    closed.current = false;
    void getSettings().then(async (loaded) => {
      if (closed.current) return;
      setSettings(loaded);
      // Once per opening: which packs are on is read here; the popup closes long before a reader could change it elsewhere.
      const catalog = await loadCatalog(findExtensionApi(), loaded.disabledPacks, dataset);
      if (!closed.current) setNotes(catalog);
    });
    const unwatch = watchSettings((next) => setSettings(next));
    void resolveTab(requestedTabId).then((found) => {
      if (closed.current) return;
      setTab(found);
      if (found) void refreshReport(found.id, found.url);
      else setReport(null);
    });
    return () => {
      closed.current = true;
      unwatch();
      clearTimeout(refreshTimer.current);
    };
  }, [requestedTabId, refreshReport]);

  // Build the search index once the popup has painted with its notes, so the first keystroke is answered at once.
  useEffect(() => {
    if (!notes) return;
    const timer = setTimeout(() => searchIndexOf(notes), INDEX_WARMUP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [notes]);

  // The tab finished loading (or navigated): ask again. No `tabs` permission is needed for status.
  useEffect(() => {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    const onUpdated = (updatedId: number, change: { status?: string; url?: string }) => {
      if (updatedId !== tabId || (!change.status && !change.url)) return;
      setTab((current) =>
        current ? { ...current, loading: change.status === 'loading', url: change.url ?? current.url } : current,
      );
      scheduleRefresh(SETTLE_DELAY_MS);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => browser.tabs.onUpdated.removeListener(onUpdated);
  }, [tab?.id, scheduleRefresh]);

  // Which way Policy Lens runs on this site; asked again after every site action and permission change.
  const refreshAccess = useCallback(async () => {
    if (!url || !site) return;
    // Answers can come back out of order (one asked before a grant, one after); only the newest counts.
    const asked = ++accessAsked.current;
    const next = await siteAccess.accessFor(url);
    if (!closed.current && asked === accessAsked.current) setAccess({ url, access: next });
  }, [url, site]);
  useEffect(() => void refreshAccess(), [refreshAccess, newsAccess.granted]);

  const effectiveSettings = settings ?? DEFAULT_SETTINGS;
  const rawStatus: PageStatus =
    settings === null || notes === null || tab === undefined
      ? { kind: 'loading' }
      : pageStatus({
          tabUrl: tab?.url || reportedUrl,
          tabLoading: tab?.loading ?? false,
          report,
          enabled: settings.enabled,
          siteEnabled: () => accessOrNone !== 'none' && accessOrNone !== 'built-in-not-granted',
          sitePaused: (pageUrl) => isSiteListed(pageUrl, settings.pausedSites),
        });
  const status = withSwitchedOffTopics(rawStatus, seenCounts.current, effectiveSettings.disabledTopics);

  // Keep asking while there is more to learn: the page is loading or still being scanned.
  const waiting = rawStatus.kind === 'loading' || (rawStatus.kind === 'found' && rawStatus.scanning);
  useEffect(() => {
    if (waiting && report !== undefined) scheduleRefresh(REFRESH_INTERVAL_MS);
  }, [waiting, report, reportTick, scheduleRefresh]);

  const results = useMemo(
    () => (notes && ui.query.trim() ? searchIndexOf(notes).search(ui.query, { limit: MAX_SEARCH_RESULTS }) : []),
    [notes, ui.query],
  );

  const siteView: SiteView | null =
    site && url && settings && accessHere !== undefined
      ? { site, access: accessHere, paused: isSiteListed(url, settings.pausedSites) }
      : null;

  const write = (patch: Partial<Settings>) => {
    void updateSettings(patch).then((result: WriteResult) => {
      setNotice(result.ok ? null : result.message);
      if (result.ok) scheduleRefresh(SETTLE_DELAY_MS);
    });
  };

  /** After a site grant or revocation: show the outcome and, if access changed, look at the page afresh. */
  const afterSiteChange = (changed: boolean, message: string | null) => {
    if (closed.current) return;
    setNotice(message);
    if (!changed) return;
    void refreshAccess();
    // The content script was just injected (or lost its access): show "loading" until it answers.
    setReport(undefined);
    scheduleRefresh(SETTLE_DELAY_MS);
  };
  const afterGrant = (result: SiteAccessResult) => afterSiteChange(result.ok, result.ok ? null : result.message);
  const afterRevoke = (removed: boolean) =>
    afterSiteChange(removed, removed ? t('popupRevokedReload') : t('popupRevokeFailed'));

  const actions: PopupActions = {
    onQueryChange: (query) => dispatch({ type: 'query', query }),
    onMoveActive: (by) => dispatch({ type: 'move', by, count: results.length }),
    onActivate: (index) => dispatch({ type: 'activate', index }),
    onOpenResult: (index) => {
      const result = results[index];
      if (!result) return;
      dispatch({
        type: 'open',
        topic: result.kind === 'topic' ? { topicId: result.topicId } : { topicId: result.topicId, findingId: result.findingId },
      });
    },
    onCloseTopic: () => dispatch({ type: 'close' }),
    onToggleExpanded: (key) => dispatch({ type: 'toggle-expanded', topicId: key }),
    onSetEnabled: (enabled) => write({ enabled }),
    onSetTopicEnabled: (topicId, on) => {
      write({ disabledTopics: withTopicEnabled(effectiveSettings.disabledTopics, topicId, on) });
    },
    onJump: (topicId) => {
      const tabId = tab?.id;
      if (tabId === undefined) return;
      const previous = jumps[topicId];
      const index = previous && previous.total > 0 ? (previous.index + 1) % previous.total : 0;
      void sendMessage('revealMention', { topic: topicId, index }, tabId).then(
        (position) => !closed.current && setJumps((current) => ({ ...current, [topicId]: position })),
        () => !closed.current && setNotice(t('popupJumpFailed')),
      );
    },
    onPauseSite: () => {
      if (site) write({ pausedSites: [...effectiveSettings.pausedSites.filter((entry) => entry !== site), site] });
    },
    onResumeSite: () => {
      if (url) write({ pausedSites: effectiveSettings.pausedSites.filter((entry) => !isSiteListed(url, [entry])) });
    },
    // The permission prompt needs the click's user gesture: the request is made before any await.
    onEnableSite: () => {
      if (url && tab) void siteAccess.enableSite(url, tab.id).then(afterGrant);
    },
    onEnableAllSites: () => {
      void siteAccess.enableAllSites(tab?.id).then(afterGrant);
    },
    // The permission prompt needs the click's user gesture: the request is made before any await.
    onGrantSiteAccess: () => {
      const tabId = tab?.id;
      void newsAccess.grant().then(async (granted) => {
        // Run at once only where the grant is what this page lacked; any other page keeps its own access rules.
        if (!granted || tabId === undefined || (url !== undefined && !isBuiltInNewsSite(url))) return;
        await siteAccess.runInTab(tabId);
        afterSiteChange(true, null);
      });
    },
    onRevokeSite: () => {
      if (url) void siteAccess.revokeSite(url).then(afterRevoke, () => afterRevoke(false));
    },
    onRevokeAllSites: () => {
      void siteAccess.revokeAllSites().then(afterRevoke, () => afterRevoke(false));
    },
    onReload: () => {
      if (!tab) return;
      setReport(undefined);
      void browser.tabs.reload(tab.id).then(() => scheduleRefresh(SETTLE_DELAY_MS));
    },
    onOpenOptions: () => {
      void browser.runtime.openOptionsPage().then(() => window.close());
    },
  };

  const view: PopupViewProps = {
    status,
    site: siteView,
    accessBanner: accessBannerFor(newsAccess, accessOrNone, rawStatus.kind === 'unreachable'),
    enabled: effectiveSettings.enabled,
    disabledTopics: effectiveSettings.disabledTopics,
    notes,
    ui,
    results,
    jumps,
    notice,
    actions,
  };
  return { view, theme: effectiveSettings.theme };
}
