// The content script's storage reads, started at document_start so they are answered by the time it runs
// at document_idle (src/content/start-reads.ts). Nothing else happens here: no page access, no listeners
// but one storage watch that the content script ends.
import builtInTablesId from 'virtual:policy-lens/built-in-tables-id';
import { startEarlyReads } from '@/src/content/start-reads';
import { findExtensionApi } from '@/src/extension/api';
import { NEWS_SITE_MATCHES } from '@/src/sites/news-sites';

export default defineContentScript({
  matches: [...NEWS_SITE_MATCHES],
  runAt: 'document_start',
  // See entrypoints/content/index.ts: WXT's start announcement to the page is not needed.
  noScriptStartedPostMessage: true,
  main: () => startEarlyReads(findExtensionApi(), builtInTablesId),
});
