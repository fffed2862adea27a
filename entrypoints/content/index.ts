// Taken first, before anything else of ours runs: the page-cost benchmark times from here.
const startedAt = performance.now();
// The ::highlight() rules must reach the page through the manifest (CSP-proof, no <style> in the page):
// keep this script's cssInjectionMode at its default, 'manifest'. The build writes them from the topics
// (scripts/build/highlight-css.ts).
import 'virtual:policy-lens/highlights.css';
import tables from 'virtual:policy-lens/matcher-tables';
import { startContentScript } from '@/src/content/boot';
import { startBenchTiming } from '@/src/content/timing';
import { findExtensionApi } from '@/src/extension/api';
import { NEWS_SITE_MATCHES } from '@/src/sites/news-sites';

export default defineContentScript({
  matches: [...NEWS_SITE_MATCHES],
  runAt: 'document_idle',
  main: (ctx) => startContentScript({ ctx, api: findExtensionApi(), tables, timing: startBenchTiming(startedAt) }),
});
