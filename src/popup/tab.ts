/**
 * Finding the popup's tab and asking its content script what is on the page.
 * Every call tolerates silence: restricted pages and sites that are not
 * enabled have no content script, and the URL is hidden without `tabs`.
 */
import { browser } from 'wxt/browser';
import { sendMessage, type PageReport } from '@/src/messaging/protocol';

/** What the popup knows about its tab. */
export interface TabInfo {
  id: number;
  /** Absent without the `tabs` permission or host access to the page. */
  url?: string;
  loading: boolean;
}

// A content script that exists answers in a few milliseconds; one that does not
// usually fails at once, but a frozen or discarded tab may never answer at all.
const REPORT_TIMEOUT_MS = 1500;

/** The tab id from `popup.html?tab=ID` (tests open the popup for a chosen tab), if valid. */
export function tabIdFromSearch(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** The tab the popup is about: the requested one, else the active tab of the current window. */
export async function resolveTab(requestedId: number | undefined): Promise<TabInfo | null> {
  try {
    const tab =
      requestedId === undefined
        ? (await browser.tabs.query({ active: true, currentWindow: true }))[0]
        : await browser.tabs.get(requestedId);
    if (tab?.id === undefined) return null;
    return { id: tab.id, url: tab.url || undefined, loading: tab.status === 'loading' };
  } catch {
    return requestedId === undefined ? null : { id: requestedId, loading: false };
  }
}

/** The content script's report for the tab, or null when no content script answered in time. */
export async function requestPageReport(tabId: number): Promise<PageReport | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), REPORT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([sendMessage('getPageReport', undefined, tabId).then(
        (report) => report ?? null,
        () => null,
      ), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The tab's URL as the background last heard it from a content script, when the popup cannot see it. */
export async function requestReportedUrl(tabId: number): Promise<string | undefined> {
  try {
    return (await sendMessage('getTabState', tabId))?.url || undefined;
  } catch {
    return undefined;
  }
}
