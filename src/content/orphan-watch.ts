/**
 * When the extension is reloaded, updated or disabled, Chrome leaves the content script in each
 * open tab running, cut off from the extension ("orphaned"), and tells it nothing. WXT notices
 * only when the context is next used (its location watcher now rides the Navigation API instead
 * of a timer), so on a quiet page an orphan kept its marks, page observer and hover card, whose
 * buttons then failed with "Extension context invalidated". A cheap look at the runtime once a
 * second lets an orphan stop itself: every `ctx.onInvalidated` cleanup runs and its marks go.
 * (Firefox unloads old content scripts itself and runs the new version in open tabs.)
 */
import type { ContentScriptContext } from '#imports';

/** How often a content script checks that its extension is still there. */
export const ORPHAN_CHECK_INTERVAL_MS = 1000;

/** Invalidates `ctx` (running its cleanups) soon after the extension context goes away. */
export function stopWhenOrphaned(ctx: ContentScriptContext, intervalMs = ORPHAN_CHECK_INTERVAL_MS): void {
  // Reading ctx.isInvalid is the check: WXT invalidates the context when the runtime id is gone.
  const timer = setInterval(() => {
    if (ctx.isInvalid) clearInterval(timer);
  }, intervalMs);
  ctx.onInvalidated(() => clearInterval(timer));
}
