/**
 * The hover card as the card script mounts it in a page: one closed
 * shadow-root host for the whole page, created when the first card opens,
 * with the notes wired in. This module and everything it imports (Preact,
 * Floating UI, the card's styles, the notes) make up the card script, which
 * the background injects on first use; the controller in `controller.ts`
 * runs with the page marker.
 *
 * Styles: the card's CSS is imported as text (`?inline`) and handed to WXT's
 * shadow-root UI, which puts it in a <style> inside the shadow root. The
 * page-level ::highlight() rules stay in the content script's manifest CSS,
 * and no card rule ever reaches the page.
 */
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import { dataset } from '@/src/data';
import { findExtensionApi } from '@/src/extension/api';
import { createNotesCatalog, loadEnabledNotes } from '@/src/packs';
import { POLICY_LENS_UI_TAG } from '@/src/page';
import tokensCss from '@/src/ui/tokens.css?inline';
import componentsCss from '@/src/ui/components.css?inline';
import cardCss from './card.css?inline';
import { createCardSurface, type CardHooks, type CardSurface } from './surface';

export {
  createHoverCardController,
  type CardSettings,
  type FirstCardTiming,
  type HoverCardController,
  type HoverCardControllerOptions,
} from './controller';
export type { CardHooks, CardSurface } from './surface';

/**
 * The card's surface in this page, for the controller's hooks. The notes are
 * those of every pack that is on: the bundled ones, and imported packs read
 * from `storage.local` now.
 *
 * One lifetime for the host and the card in it, owned by WXT's shadow-root
 * UI: the host is created on the first card, WXT removes it when `ctx` is
 * invalidated (the one place removal is registered), and its `onRemove`
 * tears the card down. A card destroyed first (its session ended: a note
 * pack was turned on or off) removes its host through the same `remove`.
 */
export async function createPageCardSurface(ctx: ContentScriptContext, hooks: CardHooks): Promise<CardSurface> {
  const api = findExtensionApi();
  const packs = api
    ? await loadEnabledNotes(api, dataset, hooks.getSettings().disabledPacks).catch(() => [])
    : [];
  const catalog = createNotesCatalog(packs.length > 0 ? packs : [{ meta: dataset.pack, notes: dataset, builtIn: true }]);
  let ui: ShadowRootContentScriptUi<void> | undefined;
  let destroyed = false;
  const tearDown = () => {
    if (destroyed) return;
    destroyed = true;
    surface.destroy();
  };
  const surface: CardSurface = createCardSurface({
    hooks,
    data: catalog,
    mountHost: async () => {
      const made = await createShadowRootUi(ctx, {
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
        // The surface draws into the container itself (see surface.tsx).
        onMount: () => undefined,
        onRemove: () => {
          ui = undefined;
          tearDown();
        },
      });
      // Destroyed while the host was being made: leave it unmounted.
      if (!destroyed) {
        ui = made;
        made.mount();
      }
      return { container: made.uiContainer, hostElement: made.shadowHost };
    },
  });
  return {
    ...surface,
    destroy() {
      tearDown();
      ui?.remove();
    },
  };
}
