// The ::highlight() rules must reach the page through the manifest (CSP-proof, no <style> in the page):
// keep this script's cssInjectionMode at its default, 'manifest'.
import './highlights.css';
import { dataset } from '@/src/data';
import { compileMatcher } from '@/src/matching';
import { onMessage, sendMessage } from '@/src/messaging/protocol';
import { createHoverCard, listenForMentionNavigation } from '@/src/card';
import { createPageMarker, createPageReporter, supportsHighlights } from '@/src/page';
import { CONTENT_SCRIPT_GUARD_KEY } from '@/src/sites/extra-sites';
import { NEWS_SITE_MATCHES } from '@/src/sites/news-sites';
import { getSettings, watchSettings, type Settings } from '@/src/settings';
import { ignoreForgedRestarts } from './forged-restarts';
import { stopWhenOrphaned } from './orphan-watch';

export default defineContentScript({
  matches: [...NEWS_SITE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    // First, before any await: from here on the page cannot stop us by forging WXT's restart event.
    ignoreForgedRestarts(ctx);
    // Without the Highlight API we could only mark by editing the page, which we never do.
    if (!supportsHighlights()) return;
    // A site enabled by the reader may also be injected into an open tab: one instance per page, ever.
    const scope = globalThis as Record<string, unknown>;
    if (scope[CONTENT_SCRIPT_GUARD_KEY]) return;
    scope[CONTENT_SCRIPT_GUARD_KEY] = true;
    ctx.onInvalidated(() => delete scope[CONTENT_SCRIPT_GUARD_KEY]);
    // After an update, reload or disable, stop (and take our marks away) instead of lingering.
    stopWhenOrphaned(ctx);

    let settings: Settings = await getSettings();
    if (ctx.isInvalid) return;

    const marker = createPageMarker({
      matcher: () => compileMatcher(dataset),
      topics: dataset.topics.map((topic) => topic.id),
      settings,
      signal: ctx.signal,
    });
    // Cleanups run as the extension context dies; one that throws then must not surface in the page's console.
    const onInvalidated = (cleanup: () => void) =>
      ctx.onInvalidated(() => {
        try {
          cleanup();
        } catch {
          // The context is gone; so is what the cleanup would have removed.
        }
      });
    onInvalidated(
      watchSettings((next) => {
        settings = next;
        marker.update(next);
      }),
    );
    const card = createHoverCard({ ctx, registry: marker.registry, getSettings: () => settings });
    onInvalidated(listenForMentionNavigation(card));

    const reporter = createPageReporter({
      marker,
      send: (report) => sendMessage('reportPage', report),
      url: () => location.href,
      isValid: () => ctx.isValid,
      signal: ctx.signal,
    });
    // Single-page sites change the URL without reloading us.
    ctx.addEventListener(window, 'wxt:locationchange', () => reporter.schedule());
    reporter.schedule();

    onInvalidated(onMessage('getPageReport', () => reporter.current()));
    onInvalidated(onMessage('revealMention', ({ data }) => marker.reveal(data.topic, data.index)));
  },
});
