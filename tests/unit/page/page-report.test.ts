// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '@/src/messaging/protocol';
import { createPageReporter, REPORT_DELAY_MS } from '@/src/page/page-report';
import type { MarkRegistry } from '@/src/page/types';

function fakeMarker(counts: Array<{ topic: string; count: number }>) {
  const listeners = new Set<() => void>();
  const registry: MarkRegistry = {
    marksAt: () => [],
    marks: () => [],
    topicCounts: () => counts,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { marker: { registry, scanning: false }, changed: () => listeners.forEach((listener) => listener()), listeners };
}

describe('createPageReporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one report after changes settle, and none when nothing changed', async () => {
    const { marker, changed } = fakeMarker([{ topic: 'jinsa', count: 2 }]);
    const sent: PageReport[] = [];
    const controller = new AbortController();
    createPageReporter({ marker, send: async (report) => void sent.push(report), url: () => 'https://news.example/a', isValid: () => true, signal: controller.signal });
    changed();
    changed();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(sent).toEqual([{ url: 'https://news.example/a', topics: [{ topic: 'jinsa', count: 2 }], scanning: false }]);
    changed();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(sent).toHaveLength(1);
  });

  it('swallows rejected and throwing sends, and retries on the next change', async () => {
    const { marker, changed } = fakeMarker([]);
    const controller = new AbortController();
    const send = vi
      .fn<(report: PageReport) => Promise<unknown>>()
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockImplementationOnce(() => {
        throw new Error('Extension context invalidated.');
      })
      .mockResolvedValue(undefined);
    createPageReporter({ marker, send, url: () => 'https://news.example/', isValid: () => true, signal: controller.signal });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      changed();
      vi.advanceTimersByTime(REPORT_DELAY_MS);
      await Promise.resolve();
    }
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('sends nothing once the context is invalid or the signal aborted', () => {
    const { marker, changed, listeners } = fakeMarker([]);
    const controller = new AbortController();
    let valid = false;
    const send = vi.fn(async () => undefined);
    createPageReporter({ marker, send, url: () => 'https://news.example/', isValid: () => valid, signal: controller.signal });
    changed();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send).not.toHaveBeenCalled();
    valid = true;
    changed();
    controller.abort();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send).not.toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });
});
