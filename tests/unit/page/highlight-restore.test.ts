// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepHighlightsRegistered, RESTORE_INTERVAL_MS } from '@/src/page/highlight-restore';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('keepHighlightsRegistered', () => {
  it('restores on every interval and whenever the tab is shown, until its signal aborts', () => {
    const restore = vi.fn();
    const lifetime = new AbortController();
    keepHighlightsRegistered(restore, lifetime.signal);
    vi.advanceTimersByTime(RESTORE_INTERVAL_MS * 3);
    expect(restore).toHaveBeenCalledTimes(3);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(restore).toHaveBeenCalledTimes(4);

    lifetime.abort();
    vi.advanceTimersByTime(RESTORE_INTERVAL_MS * 3);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(restore).toHaveBeenCalledTimes(4);
  });

  it('does nothing for a signal that already aborted', () => {
    const restore = vi.fn();
    keepHighlightsRegistered(restore, AbortSignal.abort());
    vi.advanceTimersByTime(RESTORE_INTERVAL_MS * 2);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(restore).not.toHaveBeenCalled();
  });
});
