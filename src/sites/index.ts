/**
 * Where Policy Lens runs: the built-in news sites, the browser's access to
 * them, the sites the reader enabled beyond them, and the guard that keeps
 * the content script to one copy per page. The extension's code imports this
 * module only; nothing here touches the extension API or storage at import.
 *
 * Node-side tooling (wxt.config.ts, scripts, build and end-to-end tests)
 * imports `news-sites.ts` directly: it is plain data, while this module also
 * brings the extension's storage and messaging libraries. So does the content
 * script's entry point, whose options WXT reads in Node at build time (an
 * allowed deep import in eslint.config.js).
 */
export { isBuiltInNewsSite, matchPatternForDomain, NEWS_SITE_DOMAINS, NEWS_SITE_MATCHES } from './news-sites';
export { hasBuiltInSiteAccess, hasPageAccess, onHostAccessChanged, patternCovers, requestBuiltInSiteAccess, watchSiteAccess } from './access';
export {
  ALL_SITES_ORIGINS,
  contentScriptFiles,
  EXTRA_SITES_EARLY_READS_SCRIPT_ID,
  EXTRA_SITES_SCRIPT_ID,
  extraSiteOriginFor,
  extraSiteOrigins,
  getExtraSites,
  grantedExtraSites,
  injectIntoTab,
  isCoveredByExtraSites,
  removeExtraSites,
  requestExtraSites,
  syncExtraSiteRegistration,
  watchExtraSites,
  type SiteAccessResult,
} from './extra-sites';
export { CONTENT_SCRIPT_GUARD_KEY } from './guard';
