/**
 * What the popup says about the current tab, decided from what it could learn:
 * the tab's URL (often hidden without the `tabs` permission), the content
 * script's report (or its silence) and the reader's settings. Pure, so every
 * state is testable without a browser.
 */
import type { PageReport, TopicCount } from '@/src/messaging/protocol';
import { normalizeSiteName } from '@/src/settings';

/** The popup's verdict on the current tab. */
export type PageStatus =
  /** Still asking the tab, or the page itself is still loading. */
  | { kind: 'loading' }
  /** A page no extension may touch: browser pages, web stores, PDFs, local files. */
  | { kind: 'restricted' }
  /** The master switch is off. */
  | { kind: 'off' }
  /** The reader paused Policy Lens on this site. */
  | { kind: 'paused'; site: string }
  /** A site outside the built-in list that the reader has not enabled. */
  | { kind: 'not-enabled'; site: string }
  /** The site is enabled, but the tab was opened before that: it needs a reload. */
  | { kind: 'needs-reload'; site: string }
  /** No content script answered and the URL is hidden: a restricted page or a site not enabled. */
  | { kind: 'unreachable' }
  /** Scanned (or partly scanned) and nothing found. */
  | { kind: 'no-mentions' }
  /** Topics found on the page; `scanning` while the first scan is still running. */
  | { kind: 'found'; topics: TopicCount[]; scanning: boolean };

/** Everything the verdict depends on. */
export interface PageFacts {
  /** The tab's URL, when the browser tells us. */
  tabUrl?: string;
  /** True while the tab's document is loading. */
  tabLoading: boolean;
  /** The content script's report; `undefined` while still asking, `null` when nothing answered. */
  report: PageReport | null | undefined;
  /** Master switch. */
  enabled: boolean;
  /** Whether Policy Lens may run on this URL (built-in site, enabled site or all sites). */
  siteEnabled: (url: string) => boolean;
  /** Whether the reader paused this URL's site. */
  sitePaused: (url: string) => boolean;
}

// Hosts where browsers refuse every extension, whatever its permissions.
const STORE_HOSTS = new Set(['chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

/** The site of an http(s) URL as shown to the reader ("nytimes.com"), or null. */
export function siteOf(url: string | undefined): string | null {
  return url ? normalizeSiteName(url) : null;
}

/**
 * Whether no extension can run on this URL: any non-web scheme (chrome:,
 * about:, moz-extension:, view-source:, file:, data: …), the web stores, and
 * PDFs, which browsers show in their own viewer.
 */
export function isRestrictedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true;
  if (STORE_HOSTS.has(parsed.hostname)) return true;
  if (parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore')) return true;
  return /\.pdf$/i.test(parsed.pathname);
}

/** Decides what the popup shows for the current tab. */
export function pageStatus(facts: PageFacts): PageStatus {
  const { report } = facts;
  const url = facts.tabUrl || report?.url || undefined;
  if (url && isRestrictedUrl(url)) return { kind: 'restricted' };
  if (!facts.enabled) return { kind: 'off' };
  const site = siteOf(url);
  if (url && site && facts.sitePaused(url)) return { kind: 'paused', site };
  if (report === undefined) return { kind: 'loading' };
  if (report === null) {
    if (facts.tabLoading) return { kind: 'loading' };
    if (!url || !site) return { kind: 'unreachable' };
    return facts.siteEnabled(url) ? { kind: 'needs-reload', site } : { kind: 'not-enabled', site };
  }
  if (report.topics.length > 0) return { kind: 'found', topics: report.topics, scanning: report.scanning };
  return report.scanning || facts.tabLoading ? { kind: 'loading' } : { kind: 'no-mentions' };
}
