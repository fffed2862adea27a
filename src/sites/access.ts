/**
 * Whether the browser lets Policy Lens run on the built-in news sites.
 *
 * Chrome grants the content-script hosts at install (unless the reader
 * restricts site access); Firefox treats them as host permissions the reader
 * may withhold or revoke at any time (about:addons, the extensions panel), and
 * without them the content script silently does not run. The pages that can
 * help (welcome, popup) ask here and offer the one-click grant. The manifest's
 * optional host permission for every HTTPS site is what makes these patterns
 * requestable in both browsers.
 *
 * Granted access is read from `permissions.getAll()`, not `contains()`:
 * Chrome's `contains()` answers false for content-script hosts even while
 * they run (it only weighs `host_permissions`), whereas both browsers list
 * granted content-script hosts in `getAll()` and drop the ones withheld.
 */
import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { NEWS_SITE_MATCHES } from './news-sites';

interface ParsedPattern {
  scheme: string;
  host: string;
  path: string;
}

function parsePattern(pattern: string): ParsedPattern | null {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', path: '/*' };
  const parts = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/i.exec(pattern);
  return parts ? { scheme: parts[1]!.toLowerCase(), host: parts[2]!.toLowerCase(), path: parts[3]! } : null;
}

/**
 * Whether a granted match pattern covers every URL another pattern matches:
 * all HTTPS sites cover "https://*.nytimes.com/*", "https://www.nytimes.com/*" does not.
 */
export function patternCovers(granted: string, wanted: string): boolean {
  const held = parsePattern(granted);
  const asked = parsePattern(wanted);
  if (!held || !asked) return false;
  const schemeOk =
    held.scheme === asked.scheme || (held.scheme === '*' && (asked.scheme === 'http' || asked.scheme === 'https'));
  return schemeOk && hostCovers(held.host, asked.host) && (held.path === '/*' || held.path === asked.path);
}

function hostCovers(held: string, asked: string): boolean {
  if (held === '*') return true;
  if (asked === '*') return false;
  if (!held.startsWith('*.')) return held === asked;
  const domain = held.slice(2);
  const askedDomain = asked.startsWith('*.') ? asked.slice(2) : asked;
  return askedDomain === domain || askedDomain.endsWith(`.${domain}`);
}

async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/** Whether the browser has granted access to every built-in news site. */
export async function hasBuiltInSiteAccess(): Promise<boolean> {
  const granted = await grantedOrigins();
  return NEWS_SITE_MATCHES.every((wanted) => granted.some((held) => patternCovers(held, wanted)));
}

/**
 * Whether the browser lets Policy Lens run on this one page's site. Firefox's
 * extensions panel can grant or revoke a single site, so a page can be allowed
 * while the news sites as a whole are not (and the other way round).
 */
export async function hasPageAccess(pageUrl: string): Promise<boolean> {
  if (!/^https?:\/\/[^/]/i.test(pageUrl)) return false;
  const granted = await grantedOrigins();
  return granted.some((held) => {
    try {
      return new MatchPattern(held).includes(pageUrl);
    } catch {
      return false;
    }
  });
}

/**
 * Asks the reader for access to every built-in news site; resolves whether it
 * was granted. Call it directly from a click handler: browsers show the
 * prompt only during the user gesture, so nothing may be awaited before it.
 * Rejects when the browser refuses to ask at all.
 */
export function requestBuiltInSiteAccess(): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: [...NEWS_SITE_MATCHES] });
  } catch (error) {
    // The polyfill throws synchronously for some refusals; callers get one failure path.
    return Promise.reject(error);
  }
}

/**
 * Calls `onChange` whenever host permissions are granted or revoked (in our
 * pages or the browser's own UI); returns the function that stops listening.
 */
export function onHostAccessChanged(onChange: () => void): () => void {
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
  return () => {
    browser.permissions.onAdded.removeListener(onChange);
    browser.permissions.onRemoved.removeListener(onChange);
  };
}

/**
 * Calls `onChange` with the answer of {@link hasBuiltInSiteAccess} now and
 * again whenever host permissions change (granted or revoked here or in the
 * browser's own UI). Returns the function that stops watching.
 */
export function watchSiteAccess(onChange: (granted: boolean) => void): () => void {
  // Answers may come back out of order; only the newest one counts.
  let latest = 0;
  let stopped = false;
  const recheck = () => {
    const asked = ++latest;
    hasBuiltInSiteAccess().then(
      (granted) => {
        if (!stopped && asked === latest) onChange(granted);
      },
      (error: unknown) => console.error('[Policy Lens] could not check site access', error),
    );
  };
  const stopListening = onHostAccessChanged(recheck);
  recheck();
  return () => {
    stopped = true;
    stopListening();
  };
}
