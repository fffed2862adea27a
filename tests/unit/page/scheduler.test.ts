// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createSliceRunner, createYieldToHost, type SliceHost } from '@/src/page/scheduler';

/** A host whose clock moves only when work steps run, and whose yields and frames are recorded. */
function scriptedHost() {
  let clock = 0;
  const events: string[] = [];
  const host: SliceHost = {
    now: () => clock,
    requestFrame: (callback) => {
      events.push('frame');
      queueMicrotask(callback);
    },
    yieldToHost: async () => {
      events.push('yield');
    },
  };
  return { host, events, advance: (ms: number) => (clock += ms) };
}

describe('createSliceRunner', () => {
  it('runs work in slices of at most the budget, yielding between them', async () => {
    const { host, events, advance } = scriptedHost();
    const steps: number[] = [];
    const runner = createSliceRunner({
      *work() {
        for (let step = 0; step < 20; step += 1) {
          advance(3);
          steps.push(step);
          yield;
        }
      },
      hasWork: () => false,
      onSliceEnd: () => events.push(`slice:${steps.length}`),
      budgetMs: 8,
      host,
    });
    runner.request();
    await runner.whenIdle();
    expect(steps).toHaveLength(20);
    // 3 ms steps against an 8 ms budget: three steps per slice.
    expect(events.slice(0, 5)).toEqual(['frame', 'slice:3', 'yield', 'slice:6', 'yield']);
    expect(events.filter((event) => event === 'frame')).toHaveLength(1);
    expect(events.at(-1)).toBe('slice:20');
  });

  it('coalesces requests into one frame and starts another batch for work that arrived meanwhile', async () => {
    const { host, events } = scriptedHost();
    let pending = 1;
    let batches = 0;
    const runner = createSliceRunner({
      *work() {
        batches += 1;
        pending -= 1;
        // Work arriving while this batch runs (a request now is absorbed by the running batch).
        if (batches === 1) {
          pending += 1;
          runner.request();
        }
        yield;
      },
      hasWork: () => pending > 0,
      host,
    });
    runner.request();
    runner.request();
    runner.request();
    await runner.whenIdle();
    expect(events.filter((event) => event === 'frame')).toHaveLength(2);
    expect(batches).toBe(2);
    expect(pending).toBe(0);
  });

  it('starts a batch asked for without a frame in the next task, never in the caller’s', async () => {
    const { host, events } = scriptedHost();
    let ran = 0;
    const runner = createSliceRunner({
      *work() {
        ran += 1;
        yield;
      },
      hasWork: () => false,
      host,
    });
    runner.request({ withoutFrame: true });
    // Coalesced like any request: one batch.
    runner.request();
    expect(ran).toBe(0);
    expect(events).toEqual(['yield']);
    await runner.whenIdle();
    expect(ran).toBe(1);
    expect(events).not.toContain('frame');
    // The next request waits for a frame again.
    runner.request();
    await runner.whenIdle();
    expect(events).toEqual(['yield', 'frame']);
    expect(ran).toBe(2);
  });

  it('stops a batch on cancel and does nothing after destroy', async () => {
    const { host } = scriptedHost();
    let steps = 0;
    let release: () => void = () => undefined;
    const runner = createSliceRunner({
      *work() {
        for (;;) {
          steps += 1;
          yield;
        }
      },
      hasWork: () => false,
      budgetMs: 0,
      host: { ...host, yieldToHost: () => new Promise((resolve) => (release = resolve)) },
    });
    runner.request();
    await vi.waitFor(() => expect(steps).toBe(1));
    runner.cancel();
    release();
    await runner.whenIdle();
    expect(steps).toBe(1);
    runner.destroy();
    runner.request();
    await runner.whenIdle();
    expect(steps).toBe(1);
  });

  it('survives a throwing batch and reports the error', async () => {
    const { host } = scriptedHost();
    const onError = vi.fn();
    let runs = 0;
    const runner = createSliceRunner({
      // eslint-disable-next-line require-yield
      *work() {
        runs += 1;
        throw new Error('boom');
      },
      hasWork: () => false,
      onError,
      host,
    });
    runner.request();
    await runner.whenIdle();
    runner.request();
    await runner.whenIdle();
    expect(runs).toBe(2);
    expect(onError).toHaveBeenCalledTimes(2);
  });
});

describe('createYieldToHost', () => {
  it('prefers scheduler.yield when the browser has it', async () => {
    const nativeYield = vi.fn(async () => undefined);
    vi.stubGlobal('scheduler', { yield: nativeYield });
    try {
      await createYieldToHost()();
      expect(nativeYield).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('falls back to a MessageChannel message, and releases waiters when aborted', async () => {
    const controller = new AbortController();
    const yieldToHost = createYieldToHost(controller.signal);
    const order: string[] = [];
    const yielded = yieldToHost().then(() => order.push('yield'));
    await Promise.resolve().then(() => order.push('microtask'));
    await yielded;
    expect(order).toEqual(['microtask', 'yield']);
    controller.abort();
    await yieldToHost();
  });
});
