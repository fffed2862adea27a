/**
 * Loads the hover card on first use. The content script that marks pages
 * carries only the card's controller; the card itself (Preact, Floating UI,
 * its styles and the notes) is a second script that the background injects
 * into this frame's isolated world with `scripting.executeScript` when the
 * pointer first rests on a mark, a shortcut asks for a card, or the popup
 * does. Nothing is exposed to the page: no web-accessible file, no page
 * global. The two scripts meet on the isolated world's global object, which
 * the page cannot see.
 */
import type { ContentScriptContext } from '#imports';
import type { CardHooks, CardSurface } from '@/src/card';
import type { ExtensionApi } from '@/src/extension/api';
import { sendToBackground } from '@/src/messaging/page-channel';

/** Where the content script waits for the card script (a property of the isolated world's global object). */
export const CARD_BRIDGE_KEY = '__policyLensCardBridge';
/** How long to wait for the card script before giving up (it normally takes a few milliseconds). */
export const CARD_LOAD_TIMEOUT_MS = 5000;

/** Makes the card's surface in this page (once the notes of the packs that are on are read). */
export type CardSurfaceFactory = (ctx: ContentScriptContext, hooks: CardHooks) => Promise<CardSurface>;

/** What the content script leaves for the card script. */
export interface CardBridge {
  /** Called by the card script once it has run. */
  provide(factory: CardSurfaceFactory): void;
}

/** The bridge the content script left in this isolated world, if any (the card script's side). */
export function findCardBridge(): CardBridge | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, CARD_BRIDGE_KEY);
  return descriptor && 'value' in descriptor ? (descriptor.value as CardBridge) : undefined;
}

/**
 * A loader for the controller: the first call asks the background to run the
 * card script here and resolves once that script has handed over its factory.
 */
export function createCardLoader(ctx: ContentScriptContext, api: ExtensionApi): (hooks: CardHooks) => Promise<CardSurface> {
  let factory: Promise<CardSurfaceFactory> | undefined;
  const load = (): Promise<CardSurfaceFactory> =>
    new Promise<CardSurfaceFactory>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The card script did not start')), CARD_LOAD_TIMEOUT_MS);
      const bridge: CardBridge = {
        provide(provided) {
          clearTimeout(timer);
          resolve(provided);
        },
      };
      // Own, non-enumerable and not writable: only our scripts in this world can see it.
      Object.defineProperty(globalThis, CARD_BRIDGE_KEY, { value: bridge, configurable: true });
      ctx.onInvalidated(() => Reflect.deleteProperty(globalThis, CARD_BRIDGE_KEY));
      sendToBackground(api, 'loadCard', undefined).then(
        (ran) => {
          if (!ran) {
            clearTimeout(timer);
            reject(new Error('The background could not run the card script here'));
          }
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  return async (hooks) => {
    factory ??= load().catch((error: unknown) => {
      // A later hover may try again (the background may have been restarting).
      factory = undefined;
      throw error;
    });
    return (await factory)(ctx, hooks);
  };
}
