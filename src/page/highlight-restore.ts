/**
 * Keeps our highlights registered: a page may clear `CSS.highlights` or put
 * its own highlight under one of our names. We look every second and
 * whenever the tab is shown again, and put back what went missing.
 */

/** How often (and on tab show) we check that the page left our highlights registered. */
export const RESTORE_INTERVAL_MS = 1000;

/** Calls `restore` every `intervalMs` and whenever the document becomes visible, until `signal` aborts. */
export function keepHighlightsRegistered(restore: () => void, signal: AbortSignal, intervalMs = RESTORE_INTERVAL_MS): void {
  if (signal.aborted) return;
  const timer = setInterval(restore, intervalMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  document.addEventListener('visibilitychange', restore, { signal });
}
