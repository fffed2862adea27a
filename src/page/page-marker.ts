/**
 * The page marker: reads the page block by block, marks mentions with
 * highlights, and keeps the marks right while the page changes. All work runs
 * in time slices; the mutation observer only queues. This file is the
 * coordinator; each part lives in its own file:
 *
 * - `observer.ts`           the one MutationObserver (document and open shadow roots)
 * - `mutation-planner.ts`   page changes -> jobs (only what changed is read again)
 * - `job-queue.ts`          blocks waiting to be read, merged per block, in page order
 * - `block-marker.ts`       one job: read, match, check, mark (owns the matcher and article context)
 * - `hidden-watch.ts`       blocks with hidden mentions, read again once shown
 * - `mark-store.ts`         every mention found, and the marks shown from them
 * - `highlights.ts`         the marks painted with CSS highlights
 * - `highlight-restore.ts`  puts back highlights the page removed
 * - `reveal.ts`             scroll a mark into view and flash it
 * - `scheduler.ts`          the time-sliced work loop
 */
import type { Matcher } from '@/src/matching';
import { BlockMarker } from './block-marker';
import { HiddenWatch } from './hidden-watch';
import { keepHighlightsRegistered } from './highlight-restore';
import { HighlightLayer } from './highlights';
import { JobQueue } from './job-queue';
import { DEFAULT_MAX_MARKS, MarkStore } from './mark-store';
import { markingOptionsFor, sameMarkingOptions, type MarkingOptions, type MarkingSettings } from './marking-options';
import { MentionChecker } from './mention-check';
import { MutationPlanner } from './mutation-planner';
import { PageObserver } from './observer';
import { revealMark } from './reveal';
import { createSliceRunner, type SliceHost } from './scheduler';
import type { MarkRegistry } from './types';

export { REVEAL_CHECK_DELAY_MS } from './hidden-watch';
export { RESTORE_INTERVAL_MS } from './highlight-restore';

/** What the page marker needs. */
export interface PageMarkerOptions {
  /** The matcher, or a function that builds it (called only once marking is first needed). */
  matcher: Matcher | (() => Matcher);
  /** Every topic id in the data, in data order. */
  topics: readonly string[];
  settings: MarkingSettings;
  /** Subtree to mark; the document's root element by default. */
  root?: Element;
  /** The page's hostname, for paused sites; `location.hostname` by default. */
  hostname?: string;
  /** Aborting it destroys the marker (pass the content-script context's signal). */
  signal?: AbortSignal;
  /** Cap on marks per page. */
  maxMarks?: number;
  /** The highlight registry; `CSS.highlights` by default. */
  highlights?: HighlightRegistry;
  /** Frame, yield and clock functions, for tests. */
  sliceHost?: Partial<SliceHost>;
  /** Length of one slice of work in ms. */
  budgetMs?: number;
  /**
   * Start each first scan (at start, or when marking is turned back on) in the next task rather than
   * on the next animation frame. The content script's first scan gains the wait for a frame (up to
   * 16 ms) and paints no later: a frame's callbacks run before its paint anyway. It is not run in the
   * caller's own task, which at start already holds the script's load and set-up: together they
   * made long tasks (npm run bench). Later batches (the page's changes) still wait for a frame, which
   * gathers bursts of mutations into one batch.
   */
  firstScanWithoutFrame?: boolean;
}

/** Counters for tests, benchmarks and diagnostics. */
export interface PageMarkerStats {
  /** Batches of work run (each starts on an animation frame, or in the next task: `firstScanWithoutFrame`). */
  batches: number;
  /** Block reads (a block's own text, walked and matched). */
  blocksRead: number;
  matcherCalls: number;
  /** Mentions stored, shown or not. */
  marks: number;
  /** Marks shown. */
  shown: number;
  /** Whether mentions were dropped at the cap. */
  capped: boolean;
  /** Highlight registrations put back after the page removed or replaced them. */
  restoredHighlights: number;
}

/** A running page marker. */
export interface PageMarker {
  /** The marks, for the hover card, keyboard navigation and the popup. */
  readonly registry: MarkRegistry;
  /** True while the first full scan (after start or re-activation) is running. */
  readonly scanning: boolean;
  /** Applies new settings at once (topics, mode, style, on/off, paused sites). */
  update(settings: MarkingSettings): void;
  /** Scrolls to and flashes the `index`th shown mark of `topic` (wrapping around); total 0 if none. */
  reveal(topic: string, index: number): { index: number; total: number };
  /** Resolves once every pending change has been processed (for tests and benchmarks). */
  settled(): Promise<void>;
  stats(): PageMarkerStats;
  /** Stops all work and removes every mark. */
  destroy(): void;
}

/** Starts marking the page according to `settings`. */
export function createPageMarker(options: PageMarkerOptions): PageMarker {
  const root = options.root ?? document.documentElement;
  const hostname = options.hostname ?? location.hostname;
  const stats = { batches: 0, restoredHighlights: 0 };
  let marking: MarkingOptions = markingOptionsFor(options.settings, hostname, options.topics);
  let active = false;
  let scanning = false;

  // What the marker owns; `deactivate` and `destroy` below tear each of them down.
  const lifetime = new AbortController();
  const store = new MarkStore(options.maxMarks ?? DEFAULT_MAX_MARKS, options.topics);
  const layer = new HighlightLayer(options.highlights);
  const queue = new JobQueue();
  const checker = new MentionChecker(root);
  const observer = new PageObserver(receive);
  const runner = createSliceRunner({
    work: pump,
    hasWork: () => active && (planner.hasRecords || queue.size > 0 || hidden.due),
    onSliceStart: () => checker.reset(),
    onSliceEnd: publish,
    onError: (error) => console.error('[Policy Lens] page scan step failed', error),
    budgetMs: options.budgetMs,
    signal: lifetime.signal,
    host: options.sliceHost,
  });
  const hidden = new HiddenWatch(checker, queue, () => runner.request());
  const blocks = new BlockMarker({
    root,
    matcher: options.matcher,
    store,
    checker,
    queue,
    hidden,
    onShadowRoot: (shadowRoot) => observer.observe(shadowRoot),
    isActive: () => active,
  });
  const planner = new MutationPlanner(root, queue, {
    titleChanged: () => blocks.pageTextChanged(),
    attributesChanged: () => hidden.scheduleCheck(),
  });

  function receive(records: MutationRecord[]): void {
    planner.receive(records);
    runner.request();
  }

  /** One batch of work: plan what changed, look for revealed content, then read the queued blocks. */
  function* pump(): Generator<void, void> {
    stats.batches += 1;
    while (active) {
      if (planner.hasRecords) {
        store.sweep();
        blocks.sweep();
        hidden.forgetRemoved();
        yield* planner.plan();
      } else if (hidden.due) {
        yield* hidden.planRevealed();
      } else if (queue.size === 0) {
        break;
      } else if (!blocks.ready) {
        yield* blocks.prepare();
      } else {
        yield* blocks.run(queue.next()!);
      }
    }
    if (scanning && queue.size === 0) {
      scanning = false;
      store.touch();
    }
  }

  /** Publishes what changed: spans decided by new article context, registry listeners, then the highlights; and re-registers removed highlights. */
  function publish(): void {
    if (active) blocks.publish();
    if (store.commit()) layer.sync(store.shownRangesByTopic());
    stats.restoredHighlights += layer.restore();
  }

  function activate(): void {
    active = true;
    scanning = true;
    observer.observe(root);
    queue.add({ block: root, deep: true, added: null, verified: true, flat: false });
    runner.request({ withoutFrame: options.firstScanWithoutFrame === true });
  }

  function deactivate(): void {
    active = false;
    scanning = false;
    observer.disconnect();
    runner.cancel();
    planner.clear();
    queue.clear();
    hidden.clear();
    blocks.clear();
    store.clear();
    store.touch();
    publish();
    layer.clear();
  }

  function update(settings: MarkingSettings): void {
    if (lifetime.signal.aborted) return;
    const next = markingOptionsFor(settings, hostname, options.topics);
    // Settings that do not concern marking (hover delay, theme...) change nothing here.
    if (sameMarkingOptions(next, marking) && next.active === active) return;
    marking = next;
    store.setFilter({ enabledTopics: marking.enabledTopics, mode: marking.mode });
    layer.setStyle(marking.style);
    if (!marking.active) {
      if (active) deactivate();
      return;
    }
    if (!active) activate();
    publish();
  }

  function destroy(): void {
    if (lifetime.signal.aborted) return;
    if (active) deactivate();
    lifetime.abort();
    observer.disconnect();
    layer.clear();
  }

  options.signal?.addEventListener('abort', destroy, { once: true, signal: lifetime.signal });
  keepHighlightsRegistered(() => {
    if (active) stats.restoredHighlights += layer.restore();
  }, lifetime.signal);

  if (options.signal?.aborted) destroy();
  else update(options.settings);

  return {
    registry: store.registry,
    get scanning() {
      return scanning;
    },
    update,
    reveal: (topic, index) => revealMark(store.registry.marks(topic), index, layer),
    async settled() {
      for (;;) {
        const pending = observer.takeRecords();
        if (pending.length > 0) receive(pending);
        await runner.whenIdle();
        // A pending look for revealed content is work too: run it now rather than after its delay.
        if (lifetime.signal.aborted || !hidden.checkNow()) return;
      }
    },
    stats: () => ({
      ...stats,
      blocksRead: blocks.blocksRead,
      matcherCalls: blocks.matcherCalls,
      marks: store.size,
      shown: store.registry.marks().length,
      capped: store.capped,
    }),
    destroy,
  };
}
