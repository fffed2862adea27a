// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ORPHAN_CHECK_INTERVAL_MS, stopWhenOrphaned } from '@/src/content/orphan-watch';

const runtime = fakeBrowser.runtime as { id?: string };
const liveId = runtime.id;
const contexts: ContentScriptContext[] = [];

function startContext(): ContentScriptContext {
  const ctx = new ContentScriptContext('content');
  contexts.push(ctx);
  return ctx;
}

afterEach(() => {
  runtime.id = liveId;
  for (const ctx of contexts.splice(0)) ctx.abort('test done');
  vi.useRealTimers();
  fakeBrowser.reset();
});

describe('stopWhenOrphaned', () => {
  it('shows why it exists: WXT alone does not notice an orphaned context on a quiet page', () => {
    vi.useFakeTimers();
    const ctx = startContext();
    runtime.id = undefined;
    vi.advanceTimersByTime(10 * ORPHAN_CHECK_INTERVAL_MS);
    expect(ctx.signal.aborted).toBe(false);
  });

  it('invalidates the context, running its cleanups, once the extension is gone', () => {
    vi.useFakeTimers();
    const ctx = startContext();
    const cleanup = vi.fn();
    ctx.onInvalidated(cleanup);
    stopWhenOrphaned(ctx);

    vi.advanceTimersByTime(3 * ORPHAN_CHECK_INTERVAL_MS);
    expect(ctx.signal.aborted).toBe(false);

    runtime.id = undefined;
    vi.advanceTimersByTime(ORPHAN_CHECK_INTERVAL_MS);
    expect(ctx.signal.aborted).toBe(true);
    expect(cleanup).toHaveBeenCalledOnce();
  });

  it('stops checking once the context ends for another reason', () => {
    vi.useFakeTimers();
    const ctx = startContext();
    stopWhenOrphaned(ctx);
    ctx.abort('replaced by a newer copy');
    expect(vi.getTimerCount()).toBe(0);
  });
});
