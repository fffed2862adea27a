import { NEWS_SITE_MATCHES } from '@/src/sites/news-sites';

export default defineContentScript({
  matches: [...NEWS_SITE_MATCHES],
  runAt: 'document_idle',
  main() {
    // Wired to the page scanner in src/page.
  },
});
