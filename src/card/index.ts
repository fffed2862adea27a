/**
 * The hover card for the content script: one shadow-root host for the whole
 * page (created when the first card opens), hover/click/keyboard handling,
 * and the bundled data, settings and messaging wired in.
 *
 * Styles: the card's CSS is imported as text (`?inline`) and handed to WXT's
 * shadow-root UI, which puts it in a <style> inside the shadow root. The
 * content script keeps `cssInjectionMode: 'manifest'`, so the page-level
 * ::highlight() rules stay in the manifest CSS, and no card rule ever reaches
 * the page.
 */
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import { getFindingsForTopic, getReport, getTopic } from '@/src/data';
import { onMessage, sendMessage } from '@/src/messaging/protocol';
import { POLICY_LENS_UI_TAG } from '@/src/page/exclusions';
import type { MarkRegistry } from '@/src/page/types';
import { getSettings as readStoredSettings, updateSettings } from '@/src/settings';
import tokensCss from '@/src/ui/tokens.css?inline';
import componentsCss from '@/src/ui/components.css?inline';
import cardCss from './card.css?inline';
import { createHoverCardController, type CardSettings, type HoverCardController } from './controller';

export type { CardSettings, HoverCardController } from './controller';

/** What the content script passes to {@link createHoverCard}. */
export interface CreateHoverCardOptions {
  ctx: ContentScriptContext;
  registry: MarkRegistry;
  /** The current settings (the content script keeps them live). */
  getSettings(): CardSettings;
  /** Turns a topic off or back on everywhere; defaults to updating stored settings. */
  setTopicEnabled?(topicId: string, enabled: boolean): void | Promise<void>;
}

/** Starts the hover card on this page; it stops itself when `ctx` is invalidated. */
export function createHoverCard(options: CreateHoverCardOptions): HoverCardController {
  const { ctx } = options;
  const controller = createHoverCardController({
    registry: options.registry,
    getSettings: options.getSettings,
    data: { getTopic, getFindingsForTopic, getReport },
    setTopicEnabled: options.setTopicEnabled ?? setTopicEnabledInStorage,
    openSettings: () => void sendMessage('openOptionsPage', undefined).catch(() => undefined),
    signal: ctx.signal,
    mountHost: async () => {
      const ui = await createShadowRootUi(ctx, {
        // The page scanner never looks inside this element.
        name: POLICY_LENS_UI_TAG,
        // Closed, so page scripts cannot reach the card's controls: an open root let a page click
        // "Turn off this topic" and change the reader's synced settings.
        mode: 'closed',
        // The card positions itself (fixed, or in the top layer); WXT only appends the host.
        position: 'inline',
        anchor: 'html',
        append: 'last',
        css: [tokensCss, componentsCss, cardCss].join('\n'),
        // Keys typed in the card must not trigger the page's own shortcuts.
        isolateEvents: true,
        onMount: () => undefined,
      });
      ui.mount();
      ctx.onInvalidated(() => ui.remove());
      return { container: ui.uiContainer, hostElement: ui.shadowHost };
    },
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => controller.close());
  ctx.addEventListener(window, 'pagehide', () => controller.close());
  return controller;
}

/**
 * Answers the background's keyboard-command messages with the card's
 * next/previous navigation; returns the function that stops listening.
 */
export function listenForMentionNavigation(card: Pick<HoverCardController, 'openNext' | 'openPrevious'>): () => void {
  return onMessage('navigateMention', ({ data }) => (data.direction === 'next' ? card.openNext() : card.openPrevious()));
}

async function setTopicEnabledInStorage(topicId: string, enabled: boolean): Promise<void> {
  const { disabledTopics } = await readStoredSettings();
  const others = disabledTopics.filter((id) => id !== topicId);
  await updateSettings({ disabledTopics: enabled ? others : [...others, topicId] });
}
