/**
 * Sites beyond the built-in news list where the reader turned Policy Lens on.
 *
 * What the browser granted (optional host permissions) decides which sites
 * are enabled; dynamic content-script registrations (one for each of the
 * manifest's content scripts) make Policy Lens run there, and the background
 * keeps them equal to the granted set (also when the reader revokes access in
 * the browser's own UI). `local:extraSites` mirrors
 * the set for the options page. It is local, not sync: permissions are granted
 * per browser and do not travel with synced settings.
 */
import { storage } from 'wxt/utils/storage';
import { browser, type Browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { sendMessage } from '@/src/messaging/protocol';
import { CONTENT_SCRIPT_GUARD_KEY } from './guard';
import { isBuiltInNewsSite, NEWS_SITE_MATCHES } from './news-sites';

/** Id of the dynamic registration that runs the content script on extra sites. */
export const EXTRA_SITES_SCRIPT_ID = 'policy-lens-extra-sites';
/** Id of the one beside it that starts the content script's storage reads at `document_start` there too. */
export const EXTRA_SITES_EARLY_READS_SCRIPT_ID = 'policy-lens-extra-sites-early-reads';
/** What "Enable on all sites" requests. */
export const ALL_SITES_ORIGINS: readonly string[] = Object.freeze(['https://*/*', 'http://*/*']);

/** The outcome of asking the reader for site access. */
export type SiteAccessResult =
  | { ok: true; injected: boolean }
  | { ok: false; reason: 'denied' | 'failed'; message: string };

// "https://host/*", "http://host/*", or the all-sites patterns; the only patterns this module requests.
const EXTRA_ORIGIN = /^https?:\/\/(?:\*|[a-z0-9.-]+)\/\*$/;
const BUILT_IN = new Set(NEWS_SITE_MATCHES);

const defineExtraSitesItem = () => storage.defineItem<string[]>('local:extraSites', { fallback: [] });
let extraSitesItem: ReturnType<typeof defineExtraSitesItem> | undefined;
/** The mirror in `local:extraSites`, defined on first use: defining a storage item reads storage at once. */
function extraSites() {
  extraSitesItem ??= defineExtraSitesItem();
  return extraSitesItem;
}

/** The origin pattern to request for a page ("https://www.example.com/*"), or null where none applies (built-in sites, non-web pages). */
export function extraSiteOriginFor(pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null;
  if (isBuiltInNewsSite(pageUrl)) return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/** Whether a page URL is covered by one of the granted extra-site patterns. */
export function isCoveredByExtraSites(pageUrl: string, origins: readonly string[]): boolean {
  return origins.some((origin) => {
    try {
      return new MatchPattern(origin).includes(pageUrl);
    } catch {
      return false;
    }
  });
}

/** Keeps the patterns this module manages, sorted and without duplicates or built-in sites. */
export function extraSiteOrigins(granted: readonly string[]): string[] {
  return [...new Set(granted)].filter((origin) => EXTRA_ORIGIN.test(origin) && !BUILT_IN.has(origin)).sort();
}

/**
 * Asks the reader for access to `origins`, then has the background register
 * the content script and run it in `tabId` at once. Call it directly from a
 * click handler: the browser only shows the prompt during a user gesture, so
 * nothing may be awaited before the request. If the popup closes while the
 * prompt is open, the background still registers the site (it listens for
 * granted permissions); the open tab then runs Policy Lens after a reload.
 */
export function requestExtraSites(origins: readonly string[], tabId?: number): Promise<SiteAccessResult> {
  let request: Promise<boolean>;
  try {
    request = browser.permissions.request({ origins: [...origins] });
  } catch (error) {
    request = Promise.reject(error);
  }
  return request.then(
    async (granted): Promise<SiteAccessResult> => {
      if (!granted) return { ok: false, reason: 'denied', message: browser.i18n.getMessage('extraSitesDenied') };
      try {
        const { injected } = await sendMessage('activateExtraSites', { tabId });
        return { ok: true, injected };
      } catch (error) {
        return { ok: false, reason: 'failed', message: failureMessage(error) };
      }
    },
    (error: unknown): SiteAccessResult => ({ ok: false, reason: 'failed', message: failureMessage(error) }),
  );
}

/** Gives back access to `origins`; the background then drops them from the registration. Resolves false if the browser refused. */
export async function removeExtraSites(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.remove({ origins: [...origins] });
}

/** The extra-site patterns the browser has granted now (the mirror, `getExtraSites`, may lag behind a grant). */
export async function grantedExtraSites(): Promise<string[]> {
  return extraSiteOrigins((await browser.permissions.getAll()).origins ?? []);
}

/** The enabled extra-site patterns as last mirrored by the background. */
export async function getExtraSites(): Promise<string[]> {
  return extraSites().getValue();
}

/** Calls `onChange` with the enabled extra-site patterns whenever they change; returns the unsubscribe function. */
export function watchExtraSites(onChange: (origins: string[]) => void): () => void {
  return extraSites().watch(onChange);
}

function failureMessage(error: unknown): string {
  return browser.i18n.getMessage('extraSitesFailed', [error instanceof Error ? error.message : String(error)]);
}

type RunAt = 'document_start' | 'document_idle';

/**
 * The dynamic registrations for extra sites, one per content script of the manifest, told apart by
 * when they run: the content script at `document_idle`, and the script that starts its storage reads
 * at `document_start` (src/content/start-reads.ts), so marks come as soon on an extra site as on a
 * built-in one.
 */
const EXTRA_SITE_SCRIPTS: ReadonlyArray<{ id: string; runAt: RunAt }> = [
  { id: EXTRA_SITES_SCRIPT_ID, runAt: 'document_idle' },
  { id: EXTRA_SITES_EARLY_READS_SCRIPT_ID, runAt: 'document_start' },
];

/**
 * A content script's files as the manifest declares them, so dynamic runs match the built-in ones: by
 * default its `document_idle` entry, the content script itself (what a tab is injected with: a script
 * started that late reads storage for itself). None for a `runAt` the manifest has no entry for.
 */
export function contentScriptFiles(runAt: RunAt = 'document_idle'): { js: string[]; css: string[] } {
  const declared = (browser.runtime.getManifest().content_scripts ?? []).find((script) => (script.run_at ?? 'document_idle') === runAt);
  const fallback = runAt === 'document_idle' ? ['content-scripts/content.js'] : [];
  return {
    js: (declared?.js ?? fallback).map(packagePath),
    css: (declared?.css ?? []).map(packagePath),
  };
}

/**
 * A file's path inside the package. Firefox's getManifest() gives content-script files as full
 * moz-extension:// URLs, which registerContentScripts refuses ("must be a relative URL").
 */
function packagePath(file: string): string {
  const root = browser.runtime.getURL('/');
  return file.startsWith(root) ? file.slice(root.length) : file;
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((item, index) => item === sortedB[index]);
}

/**
 * Background: makes the dynamic registrations (and the mirror) equal to the
 * extra sites the browser has granted; registers, updates or unregisters each
 * as needed. Returns the granted patterns.
 */
export async function syncExtraSiteRegistration(): Promise<string[]> {
  const origins = await grantedExtraSites();
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: EXTRA_SITE_SCRIPTS.map((script) => script.id) });
  for (const { id, runAt } of EXTRA_SITE_SCRIPTS) {
    const { js, css } = contentScriptFiles(runAt);
    const current = registered.find((script) => script.id === id);
    if (origins.length === 0 || js.length === 0) {
      if (current) await browser.scripting.unregisterContentScripts({ ids: [id] });
      continue;
    }
    const wanted: Browser.scripting.RegisteredContentScript = {
      id,
      matches: origins,
      // The manifest's own content scripts already cover these.
      excludeMatches: [...NEWS_SITE_MATCHES],
      js,
      // The early-reads script has no stylesheet: an empty list is left out rather than sent.
      ...(css.length > 0 ? { css } : {}),
      runAt,
      persistAcrossSessions: true,
    };
    if (!current) {
      await browser.scripting.registerContentScripts([wanted]);
    } else if (!sameList(current.matches, origins) || !sameList(current.js, js) || !sameList(current.css ?? [], css)) {
      await browser.scripting.updateContentScripts([wanted]);
    }
  }
  const mirror = extraSites();
  if (!sameList(await mirror.getValue(), origins)) await mirror.setValue(origins);
  return origins;
}

/**
 * Background: runs the content script (and its CSS) in an open tab now,
 * unless it already runs there. Needs host access to the tab's page. Returns
 * whether it injected.
 */
export async function injectIntoTab(tabId: number): Promise<boolean> {
  const target = { tabId };
  const [probe] = await browser.scripting.executeScript({
    target,
    func: (key: string) => Object.prototype.hasOwnProperty.call(globalThis, key),
    args: [CONTENT_SCRIPT_GUARD_KEY],
  });
  if (probe?.result === true) return false;
  const { js, css } = contentScriptFiles();
  if (css.length > 0) await browser.scripting.insertCSS({ target, files: css });
  // Paths come from the built manifest, so they are the extension's own files.
  await browser.scripting.executeScript({ target, files: js as ScriptPublicPath[] });
  return true;
}
