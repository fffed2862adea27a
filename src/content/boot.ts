/**
 * The content script's one start: everything it owns is started here and
 * tied to `ctx`, whose invalidation (extension update, reload, removal, a
 * newer copy) tears it all down in one place:
 *
 * - the page marker (reads and marks the page; its MutationObserver and timers),
 * - the settings watch (storage.onChanged),
 * - the page reporter (topics to the background, for the badge and popup),
 * - the message answers (popup and keyboard-command requests),
 * - the hover-card controller (pointer, click and key listeners; the card
 *   itself loads on first use, see `card-loader.ts`),
 * - the orphan watch and the guard against forged WXT restarts.
 *
 * Nothing here reads a global the page could shadow: the extension API comes
 * from `src/extension/api.ts`, highlights from the marker's own registry
 * lookup, and messages go over `page-channel.ts`.
 */
import type { ContentScriptContext } from '#imports';
import { createHoverCardController } from '@/src/card/controller';
import type { ExtensionApi } from '@/src/extension/api';
import { loadMatcher, type ShippedMatcher } from '@/src/matching/index';
import { answerMessages, sendToBackground } from '@/src/messaging/page-channel';
import { createPageMarker, createPageReporter, supportsHighlights } from '@/src/page';
import type { Settings } from '@/src/settings/fields';
import { CONTENT_SCRIPT_GUARD_KEY } from '@/src/sites/guard';
import { createCardLoader } from './card-loader';
import { ignoreForgedRestarts } from './forged-restarts';
import { stopWhenOrphaned } from './orphan-watch';
import { readSettings, watchSettings } from './settings-feed';
import type { BenchTiming } from './timing';

export interface ContentScriptStart {
  ctx: ContentScriptContext;
  api: ExtensionApi | undefined;
  /** The compiled matcher tables of the enabled notes, loaded without building anything. */
  tables: ShippedMatcher;
  timing?: BenchTiming;
}

/** Starts Policy Lens on this page (once per page), until `ctx` is invalidated. */
export async function startContentScript({ ctx, api, tables, timing }: ContentScriptStart): Promise<void> {
  // First, before any await: from here on the page cannot stop us by forging WXT's restart event.
  ignoreForgedRestarts(ctx);
  // Without the Highlight API we could only mark by editing the page, which we never do.
  if (!api || !supportsHighlights()) return;
  // A site enabled by the reader may also be injected into an open tab: one instance per page, ever.
  if (Object.getOwnPropertyDescriptor(globalThis, CONTENT_SCRIPT_GUARD_KEY)) return;
  Object.defineProperty(globalThis, CONTENT_SCRIPT_GUARD_KEY, { value: true, configurable: true });
  ctx.onInvalidated(() => Reflect.deleteProperty(globalThis, CONTENT_SCRIPT_GUARD_KEY));
  // After an update, reload or disable, stop (and take our marks away) instead of lingering.
  stopWhenOrphaned(ctx);

  let settings: Settings = await readSettings(api);
  if (ctx.isInvalid) return;

  const topics = tables.topics.slice(0, tables.topicCount);
  const marker = createPageMarker({
    matcher: () => loadMatcher(tables),
    topics,
    settings,
    signal: ctx.signal,
  });
  watchSettings(
    api,
    (next) => {
      settings = next;
      marker.update(next);
    },
    ctx.signal,
  );

  if (timing) {
    const stopTiming = marker.registry.subscribe(() => {
      const now = performance.now();
      if (timing.firstMarks === null && marker.registry.marks().length > 0) timing.firstMarks = now;
      if (!marker.scanning && timing.settled === null) {
        timing.settled = now;
        stopTiming();
      }
    });
    ctx.onInvalidated(stopTiming);
  }

  const card = createHoverCardController({
    registry: marker.registry,
    loadSurface: createCardLoader(ctx, api),
    getSettings: () => settings,
    setTopicEnabled: (topic, enabled) => sendToBackground(api, 'setTopicEnabled', { topic, enabled }).then(() => undefined),
    openSettings: () => void sendToBackground(api, 'openOptionsPage', undefined).catch(() => undefined),
    signal: ctx.signal,
  });
  ctx.addEventListener(window, 'pagehide', () => card.close());

  const reporter = createPageReporter({
    marker,
    send: (report) => sendToBackground(api, 'reportPage', report),
    url: () => location.href,
    isValid: () => ctx.isValid,
    signal: ctx.signal,
  });
  // Single-page sites change the URL without reloading us.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    card.close();
    reporter.schedule();
  });
  reporter.schedule();

  answerMessages(
    api,
    {
      getPageReport: () => reporter.current(),
      revealMention: ({ topic, index }) => marker.reveal(topic, index),
      navigateMention: ({ direction }) => (direction === 'next' ? card.openNext() : card.openPrevious()),
    },
    ctx.signal,
  );
}
