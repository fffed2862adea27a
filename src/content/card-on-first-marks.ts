/**
 * A session's hover-card controller, made when the page first shows a mark.
 * Most pages never have one, and on those the controller is never made: no
 * pointer, click or key listener of ours is on the page, nothing runs per
 * pointer move (the controller hit-tests once a frame while the pointer
 * moves), and its code is never compiled at page load (README, Benchmarks).
 * Once made, it stays for the session, as before: marks that go and come
 * back find it listening.
 */
import type { HoverCardController } from '@/src/card';
import type { MarkRegistry } from '@/src/page';

/** Makes the controller with `create` once `registry` has a mark; until then its commands find nothing to open. */
export function createCardOnFirstMarks(registry: MarkRegistry, create: () => HoverCardController, signal: AbortSignal): HoverCardController {
  let controller: HoverCardController | null = null;
  const hasMarks = () => registry.topicCounts().length > 0;
  const make = (): HoverCardController => {
    if (!controller) {
      stopWaiting();
      controller = create();
    }
    return controller;
  };
  const stopWaiting = registry.subscribe(() => {
    if (hasMarks() && !signal.aborted) make();
  });
  signal.addEventListener('abort', stopWaiting, { once: true });
  if (signal.aborted) stopWaiting();
  else if (hasMarks()) make();

  /** The controller, if the page has had marks (or has them now). */
  const current = (): HoverCardController | null => controller ?? (hasMarks() && !signal.aborted ? make() : null);
  return {
    openNext: () => current()?.openNext() ?? false,
    openPrevious: () => current()?.openPrevious() ?? false,
    close: () => controller?.close(),
    destroy: () => {
      stopWaiting();
      controller?.destroy();
    },
  };
}
