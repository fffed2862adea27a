/**
 * Runs our work in short slices so the page stays responsive: a batch starts
 * on the next animation frame (or in the next task, when asked), runs a generator for at most `budgetMs`, then
 * yields to the browser (`scheduler.yield()` where it exists, a MessageChannel
 * message otherwise) and continues until the generator is done.
 */

/** Default length of one slice; well under the 50 ms that makes a long task. */
export const SLICE_BUDGET_MS = 8;

/** How the runner waits and measures; injectable for tests. */
export interface SliceHost {
  requestFrame(callback: () => void): void;
  yieldToHost(): Promise<void>;
  now(): number;
}

/** What to run and when to report progress. */
export interface SliceRunnerOptions {
  /** Starts a batch: a generator that yields whenever it may be paused. */
  work(): Iterator<unknown>;
  /** Whether more work arrived; checked when a batch ends. */
  hasWork(): boolean;
  /** Called before each slice (e.g. to drop caches of page state). */
  onSliceStart?(): void;
  /** Called after each slice (e.g. to publish results). */
  onSliceEnd?(): void;
  /** Called when a batch throws; the batch is dropped and later work still runs. */
  onError?(error: unknown): void;
  budgetMs?: number;
  signal?: AbortSignal;
  host?: Partial<SliceHost>;
}

/** A time-sliced work loop. */
export interface SliceRunner {
  /**
   * Asks for a batch at the next frame (no-op while one is pending or running: it picks up new work);
   * with `withoutFrame`, in the next task the browser gives us (`yieldToHost`) instead: not in the
   * caller's task, which may be long already, and without waiting up to a frame.
   */
  request(options?: { withoutFrame?: boolean }): void;
  /** Stops the running batch after its current step. */
  cancel(): void;
  /** Resolves when no batch is pending or running. */
  whenIdle(): Promise<void>;
  /** Stops for good. */
  destroy(): void;
}

interface YieldingScheduler {
  yield(): Promise<void>;
}

import { ownGlobal } from '@/src/safe-globals';

/** Yields to the event loop so input and rendering can run, preferring `scheduler.yield()`. */
export function createYieldToHost(signal?: AbortSignal): () => Promise<void> {
  // Read past the page's named elements: `<img name="scheduler">` must not stand in for it.
  const scheduler = ownGlobal('scheduler') as Partial<YieldingScheduler> | undefined;
  if (scheduler && typeof scheduler.yield === 'function') {
    const nativeYield = scheduler.yield.bind(scheduler);
    return () => nativeYield();
  }
  // A message is a macrotask that, unlike setTimeout(0), is not clamped to 4 ms after nesting.
  let channel: MessageChannel | null = null;
  const waiting: Array<() => void> = [];
  signal?.addEventListener('abort', () => {
    channel?.port1.close();
    channel = null;
    for (const resolve of waiting.splice(0)) resolve();
  });
  return () =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => waiting.shift()?.();
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/** Creates the work loop. */
export function createSliceRunner(options: SliceRunnerOptions): SliceRunner {
  const stop = new AbortController();
  options.signal?.addEventListener('abort', () => destroy(), { once: true });
  const budget = options.budgetMs ?? SLICE_BUDGET_MS;
  const host: SliceHost = {
    requestFrame: options.host?.requestFrame ?? ((callback) => requestAnimationFrame(() => callback())),
    yieldToHost: options.host?.yieldToHost ?? createYieldToHost(stop.signal),
    now: options.host?.now ?? (() => performance.now()),
  };
  let framePending = false;
  let running = false;
  let cancelled = false;
  const idleWaiters: Array<() => void> = [];

  function settleIfIdle(): void {
    if (framePending || running) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function request({ withoutFrame = false }: { withoutFrame?: boolean } = {}): void {
    if (stop.signal.aborted || framePending || running) return;
    framePending = true;
    if (withoutFrame) void host.yieldToHost().then(runBatch);
    else host.requestFrame(() => void runBatch());
  }

  async function runBatch(): Promise<void> {
    framePending = false;
    if (stop.signal.aborted) return settleIfIdle();
    running = true;
    cancelled = false;
    const batch = options.work();
    try {
      let done = false;
      while (!done) {
        const deadline = host.now() + budget;
        options.onSliceStart?.();
        do done = batch.next().done === true;
        while (!done && host.now() < deadline);
        options.onSliceEnd?.();
        if (done) break;
        await host.yieldToHost();
        if (cancelled || stop.signal.aborted) {
          batch.return?.();
          break;
        }
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
    // Work queued while this batch ran (or after it was cancelled) gets a batch of its own.
    if (!stop.signal.aborted && options.hasWork()) request();
    settleIfIdle();
  }

  function destroy(): void {
    if (stop.signal.aborted) return;
    stop.abort();
    cancelled = true;
    framePending = false;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  return {
    request,
    cancel() {
      if (running) cancelled = true;
    },
    whenIdle() {
      if (!framePending && !running) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    destroy,
  };
}
