/**
 * The popup's view of site access: how Policy Lens comes to run on a page
 * (built-in list, a site the reader enabled, all sites) and the requests that
 * change it. Granting goes through `src/sites` (its extra sites), which asks the
 * browser and has the background register and inject the content script.
 */
import { sendMessage } from '@/src/messaging/protocol';
import {
  ALL_SITES_ORIGINS,
  extraSiteOriginFor,
  grantedExtraSites,
  hasPageAccess,
  isBuiltInNewsSite,
  isCoveredByExtraSites,
  removeExtraSites,
  requestExtraSites,
  type SiteAccessResult,
} from '@/src/sites';
import type { SiteAccess } from './types';

/** How Policy Lens comes to run on `pageUrl`, from what the browser has granted. */
export async function accessFor(pageUrl: string): Promise<SiteAccess> {
  if (isBuiltInNewsSite(pageUrl)) return (await hasPageAccess(pageUrl)) ? 'built-in' : 'built-in-not-granted';
  const granted = await grantedExtraSites();
  const allSites = ALL_SITES_ORIGINS.filter((origin) => granted.includes(origin));
  if (isCoveredByExtraSites(pageUrl, allSites)) return 'all-sites';
  return isCoveredByExtraSites(pageUrl, granted) ? 'site' : 'none';
}

/**
 * Asks for access to the site of `pageUrl` and runs Policy Lens in `tabId`.
 * Call straight from the click: the permission prompt needs its user gesture.
 */
export function enableSite(pageUrl: string, tabId: number): Promise<SiteAccessResult> {
  const origin = extraSiteOriginFor(pageUrl);
  if (origin === null) return Promise.resolve({ ok: true, injected: false });
  return requestExtraSites([origin], tabId);
}

/** Asks for access to every site and runs Policy Lens in `tabId`. Call straight from the click. */
export function enableAllSites(tabId: number | undefined): Promise<SiteAccessResult> {
  return requestExtraSites(ALL_SITES_ORIGINS, tabId);
}

/**
 * Runs Policy Lens in `tabId` now, after access to the built-in sites was
 * granted: the browser only starts content scripts on pages loaded after the
 * grant. Resolves whether it was injected; a page the browser will not let us
 * script stays as it is.
 */
export async function runInTab(tabId: number): Promise<boolean> {
  try {
    return (await sendMessage('activateExtraSites', { tabId })).injected;
  } catch {
    return false;
  }
}

/** Gives back access to the site of `pageUrl`. */
export async function revokeSite(pageUrl: string): Promise<boolean> {
  const origin = extraSiteOriginFor(pageUrl);
  return origin === null ? false : removeExtraSites([origin]);
}

/** Gives back access to all sites (sites enabled one by one stay enabled). */
export function revokeAllSites(): Promise<boolean> {
  return removeExtraSites(ALL_SITES_ORIGINS);
}
