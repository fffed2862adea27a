// Taken first, before anything else of ours runs: the page-cost benchmark times from here.
const startedAt = performance.now();
// The ::highlight() rules must reach the page through the manifest (CSP-proof, no <style> in the page):
// keep this script's cssInjectionMode at its default, 'manifest'. The build writes them from the topics
// (scripts/build/highlight-css.ts).
import 'virtual:policy-lens/highlights.css';
// Only the id of the built-in notes' tables: the background keeps the tables in storage.local, and the
// content script reads them from there (src/packs/built-in-tables.ts).
import builtInTablesId from 'virtual:policy-lens/built-in-tables-id';
import { startContentScript } from '@/src/content/boot';
import { startBenchTiming } from '@/src/content/timing';
import { findExtensionApi } from '@/src/extension/api';
import { NEWS_SITE_MATCHES } from '@/src/sites/news-sites';

export default defineContentScript({
  matches: [...NEWS_SITE_MATCHES],
  runAt: 'document_idle',
  // WXT also announces each start to the page with window.postMessage (kept for content scripts of
  // older WXT versions, which we never ship). On a page whose own scripts have not run in the main
  // world, that one message costs about 7 ms of main-thread script (npm run bench, page cost); on
  // every page it wakes the page's own message listeners. The document event WXT still dispatches
  // is what a newer copy of this script listens for.
  noScriptStartedPostMessage: true,
  main: (ctx) => startContentScript({ ctx, api: findExtensionApi(), builtInTablesId, timing: startBenchTiming(startedAt) }),
});
