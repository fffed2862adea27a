/**
 * WXT stops a running content script when a newer copy of it starts: the newer copy dispatches
 * `<extension id>:<entrypoint>:wxt:content-script-started` on the document, and every older copy
 * that hears it invalidates itself. The page hears that event too (its listeners on the document
 * learn its exact name; we turn off WXT's extra `window.postMessage` announcement, but that changes
 * nothing here) and can dispatch it itself: one line of page script would switch Policy Lens off.
 * A genuine newer copy only replaces us once our extension context is gone (an update or reload
 * orphans this copy), so while our runtime is alive the event can only be forged, or come from a
 * duplicate injection, which the content script's guard already turns away.
 */
import type { ContentScriptContext } from '#imports';
import { findExtensionApi } from '@/src/extension/api';

/** WXT's short name for the event; `ctx.addEventListener` expands `wxt:` names exactly as WXT's own listener does. */
const SCRIPT_STARTED_EVENT = 'wxt:content-script-started';

/** Keeps the page from stopping this content script by forging WXT's "a newer copy started" event. */
export function ignoreForgedRestarts(ctx: ContentScriptContext): void {
  // A capturing listener on the window runs before WXT's listener on the document.
  ctx.addEventListener(
    window,
    SCRIPT_STARTED_EVENT,
    (event: Event) => {
      if (findExtensionApi() !== undefined) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
