/**
 * The page scanner: reads the page block by block, marks mentions with
 * highlights, and keeps the marks right while the page changes. All work runs
 * in time slices; the mutation observer only queues. Only what changed is
 * read again: the blocks whose own text changed, and subtrees that are new.
 */
import type { Matcher } from '@/src/matching/types';
import { ArticleContext } from './article-context';
import type { BlockText } from './block-text';
import { readBlock } from './blocks';
import { blockOf, isBlockTag } from './display';
import { exclusionOf, isInOwnUi } from './exclusions';
import { isElement, isShadowRoot } from './flat-tree';
import { HighlightLayer } from './highlights';
import { markingOptionsFor, sameMarkingOptions, type MarkingOptions, type MarkingSettings } from './marking-options';
import { isShortBlock, matchBlock, matchShortBlock, type BlockMatch, type PendingDraft } from './match-block';
import { MentionChecker } from './mention-check';
import { PageObserver } from './observer';
import { DEFAULT_MAX_MARKS, MarkStore, type MarkDraft } from './registry';
import { scrollRangeIntoView } from './reveal';
import { createSliceRunner, type SliceHost } from './scheduler';
import { readSubtree } from './subtree-reader';
import type { MarkRegistry } from './types';

/** How often (and on tab show) we check that the page left our highlights registered. */
export const RESTORE_INTERVAL_MS = 1000;
/** Wait after a hiding attribute changes before looking for content it revealed (pages toggle classes a lot). */
export const REVEAL_CHECK_DELAY_MS = 250;
/** Most blocks with hidden mentions remembered for a later look; beyond this, content revealed later stays unmarked. */
const MAX_HIDDEN_REMEMBERED = 2000;
/** Mutation records planned between two chances to yield. */
const RECORDS_PER_STEP = 32;
/** Run through a new matcher once, off the clock of any real block. */
const MATCHER_WARM_UP_TEXT = 'Policy Lens reads the news.';
const TEXT_NODE = 3;

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
}

/** Counters for tests, benchmarks and diagnostics. */
export interface PageMarkerStats {
  /** Batches of work run (each starts on an animation frame). */
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

interface Job {
  block: Element;
  /** Read nested blocks too (a subtree nobody read yet). */
  deep: boolean;
  /** Nodes added since the last read of `block`: nested blocks inside them are read too. */
  added: Set<Node> | null;
  /** Already known to be markable (found by reading its parent block just now). */
  verified: boolean;
  /**
   * Read over the flat tree (`readBlock`) although the block is in the light DOM: its text runs through
   * a component. Blocks in a shadow tree or hosting one are read that way anyway (see `needsFlatTree`).
   */
  flat: boolean;
}

/** Whether a block must be read over the flat tree: it lives in a shadow tree or hosts one. */
function needsFlatTree(block: Element): boolean {
  return block.shadowRoot !== null || isShadowRoot(block.getRootNode());
}

/** Starts marking the page according to `settings`. */
export function createPageMarker(options: PageMarkerOptions): PageMarker {
  const root = options.root ?? document.documentElement;
  const hostname = options.hostname ?? location.hostname;
  const lifetime = new AbortController();
  const store = new MarkStore(options.maxMarks ?? DEFAULT_MAX_MARKS, options.topics);
  const layer = new HighlightLayer(options.highlights);
  const observer = new PageObserver(queueRecords);
  const checker = new MentionChecker(root);
  const stats = { batches: 0, blocksRead: 0, matcherCalls: 0, restoredHighlights: 0 };

  let matcher: Matcher | null = null;
  /** Words of whole articles, for rules that look beyond a paragraph; made with the matcher. */
  let context: ArticleContext | null = null;
  let pageTextDue = true;
  const useMatcher = (ready: Matcher): Matcher => {
    matcher = ready;
    context = new ArticleContext(ready, (block, nodes, drafts) => store.replaceBlock(block, nodes, drafts));
    return ready;
  };
  if (typeof options.matcher !== 'function') useMatcher(options.matcher);
  let marking: MarkingOptions = markingOptionsFor(options.settings, hostname, options.topics);
  let active = false;
  let scanning = false;
  let records: MutationRecord[] = [];
  const jobs: Job[] = [];
  const queued = new Map<Element, Job>();
  /** Blocks with a mention that is hidden now, and a text node of it, to check again when the page changes. */
  const hidden = new Map<Element, Text | null>();
  let revealTimer: ReturnType<typeof setTimeout> | undefined;
  let revealDue = false;

  const runner = createSliceRunner({
    work: pump,
    hasWork: () => active && (records.length > 0 || jobs.length > 0 || revealDue),
    onSliceStart: () => checker.reset(),
    onSliceEnd: publish,
    onError: (error) => console.error('[Policy Lens] page scan step failed', error),
    budgetMs: options.budgetMs,
    signal: lifetime.signal,
    host: options.sliceHost,
  });

  function queueRecords(batch: MutationRecord[]): void {
    for (let index = 0; index < batch.length; index += 1) records.push(batch[index] as MutationRecord);
    runner.request();
  }

  function enqueue(job: Job): void {
    const existing = queued.get(job.block);
    if (!existing) {
      queued.set(job.block, job);
      jobs.push(job);
      return;
    }
    existing.deep ||= job.deep;
    existing.verified &&= job.verified;
    existing.flat ||= job.flat;
    if (job.added) {
      if (existing.added) for (const node of job.added) existing.added.add(node);
      else existing.added = job.added;
    }
  }

  /** Re-read the own text of the block around `node`. */
  function enqueueBlockOf(node: Node, added: Set<Node> | null): void {
    const block = blockOf(node, root);
    enqueue({ block, deep: false, added, verified: false, flat: false });
  }

  function* pump(): Generator<void, void> {
    stats.batches += 1;
    while (active) {
      if (records.length > 0) {
        const batch = records;
        records = [];
        store.sweep();
        context?.sweep();
        forgetRemovedHidden();
        const planned = jobs.length;
        yield* planRecords(batch);
        inPageOrder(planned);
        continue;
      }
      if (revealDue) {
        revealDue = false;
        const planned = jobs.length;
        yield* planRevealed();
        inPageOrder(planned);
        continue;
      }
      if (jobs.length === 0) break;
      if (!matcher) {
        // Building the matcher, then its first (cold) run, are the costliest single steps: each gets its own.
        const built = useMatcher((options.matcher as () => Matcher)());
        yield;
        built.find(MATCHER_WARM_UP_TEXT);
        refreshPageText();
        yield;
        continue;
      }
      const job = jobs.pop() as Job;
      queued.delete(job.block);
      yield* runJob(job, matcher);
    }
    if (scanning && jobs.length === 0) {
      scanning = false;
      store.touch();
    }
  }

  /** Jobs are popped from the end: flips those planned since `from` so they run in the order planned. */
  function inPageOrder(from: number): void {
    const planned = jobs.splice(from).reverse();
    for (const job of planned) jobs.push(job);
  }

  function* planRecords(batch: readonly MutationRecord[]): Generator<void, void> {
    const added = new Set<Node>();
    for (let index = 0; index < batch.length; index += 1) {
      if (index % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
      const record = batch[index] as MutationRecord;
      const target = record.target;
      if (!target.isConnected || isInOwnUi(target)) continue;
      // A new title (a single-page site moved to another article) changes every article's context.
      if (isInTitle(target)) {
        pageTextDue = true;
        continue;
      }
      if (record.type === 'attributes') {
        scheduleRevealCheck();
      } else if (record.type === 'characterData') {
        enqueueBlockOf(target, null);
      } else {
        // Indexed loops: Firefox content scripts cannot always iterate page objects.
        const { addedNodes, removedNodes } = record;
        for (let node = 0; node < addedNodes.length; node += 1) planAdded(addedNodes[node] as Node, target, added);
        let heldText = false;
        for (let node = 0; node < removedNodes.length && !heldText; node += 1) heldText = mayHaveHeldText(removedNodes[node] as Node);
        if (heldText) enqueueBlockOf(target, null);
      }
    }
  }

  /** Plans reading a node that appeared under `parent`. */
  function planAdded(node: Node, parent: Node, added: Set<Node>): void {
    if (node.nodeType === TEXT_NODE) return enqueueBlockOf(parent, null);
    if (!isElement(node) || !node.isConnected) return;
    if (exclusionOf(node) === 'skipped') return;
    added.add(node);
    if (!isBlockTag(node.localName)) return enqueueBlockOf(parent, added);
    enqueue({ block: node, deep: true, added: null, verified: false, flat: false });
    // A block dropped into running text splits that text, so the text around it is read again.
    if (hasInlineNeighbour(node)) enqueueBlockOf(parent, null);
  }

  function hasInlineNeighbour(element: Element): boolean {
    for (const sibling of [element.previousSibling, element.nextSibling]) {
      if (!sibling) continue;
      if (sibling.nodeType === TEXT_NODE && /\S/.test((sibling as Text).data)) return true;
      if (isElement(sibling) && exclusionOf(sibling) === null && !isBlockTag(sibling.localName)) return true;
    }
    return false;
  }

  function* runJob(job: Job, jobMatcher: Matcher): Generator<void, void> {
    const { block } = job;
    if (!block.isConnected) return;
    if (!job.verified) {
      const exclusion = checker.exclusionOf(block);
      if (exclusion === 'hidden') rememberHidden(block, null);
      if (exclusion !== null) return;
    }
    if (job.flat || needsFlatTree(block)) {
      const read = yield* readBlock(block, {
        deep: job.deep,
        added: job.added,
        onShadowRoot: (shadowRoot) => observer.observe(shadowRoot),
      });
      yield* markBlock(block, read.text, jobMatcher);
      // Reversed, so the stack reads nested blocks in document order.
      for (let index = read.nested.length - 1; index >= 0; index -= 1) {
        const nested = read.nested[index] as Element;
        enqueue({ block: nested, deep: true, added: null, verified: true, flat: false });
      }
      return;
    }
    for (const batch of readSubtree(block, { deep: job.deep, added: job.added })) {
      for (const read of batch) {
        if (read.components) {
          // Read over the flat tree; blocks inside the components are new to us, like added ones.
          enqueue({ block: read.block, deep: false, added: new Set(read.components), verified: true, flat: true });
        } else if (!read.text) {
          // A block with no text of its own now may have had marks, or counted words, before.
          context?.blockRead(read.block, [], [], null, null);
          store.replaceBlock(read.block, [], []);
        } else if (isShortBlock(read.text)) {
          markShortBlock(read.block, read.text, jobMatcher);
        } else {
          yield* markBlock(read.block, read.text, jobMatcher);
        }
        if (!active) return;
      }
      yield;
    }
  }

  /** Finds the mentions in one block's own text and makes them its marks; a long block in steps. */
  function* markBlock(block: Element, text: BlockText, jobMatcher: Matcher): Generator<void, void> {
    const match = yield* matchBlock(text, jobMatcher, () => (stats.matcherCalls += 1));
    if (active) keepMarkable(block, text, match);
  }

  /** `markBlock` for a short block, in one go (no generator: most blocks are short). */
  function markShortBlock(block: Element, text: BlockText, jobMatcher: Matcher): void {
    stats.matcherCalls += 1;
    keepMarkable(block, text, matchShortBlock(text, jobMatcher));
  }

  /** Makes the drafts that pass the mention checks the block's marks, with the spans that wait on its article. */
  function keepMarkable(block: Element, text: BlockText, match: BlockMatch): void {
    stats.blocksRead += 1;
    const markable = match.drafts.length === 0 ? match.drafts : match.drafts.filter((draft) => isMarkable(block, draft));
    let pending: PendingDraft[] | null = match.pending;
    if (pending) pending = pending.filter((item) => isMarkable(block, item.draft));
    if (block.localName === 'h1') pageTextDue = true;
    const drafts = context ? context.blockRead(block, text.nodes, markable, pending, match.facts) : markable;
    store.replaceBlock(block, text.nodes, drafts);
  }

  /** Whether a mention may be marked (shown, not cut by CSS); remembers hidden ones to look at again. */
  function isMarkable(block: Element, draft: MarkDraft): boolean {
    const problem = checker.problemOf(draft);
    if (problem === 'hidden') rememberHidden(block, draft.nodes[0] ?? null);
    return problem === null;
  }

  /** Reads the page title and main heading again, for every article's context. */
  function refreshPageText(): void {
    pageTextDue = false;
    const heading = root.ownerDocument.querySelector('h1');
    context?.setPageText(root.ownerDocument.title, heading?.textContent ?? '');
  }

  function rememberHidden(block: Element, node: Text | null): void {
    if (hidden.size < MAX_HIDDEN_REMEMBERED || hidden.has(block)) hidden.set(block, node);
  }

  /**
   * Lets go of hidden content the page removed: a block kept here would keep its whole removed
   * subtree alive (a single-page site replaces its article on every navigation).
   */
  function forgetRemovedHidden(): void {
    for (const block of hidden.keys()) if (!block.isConnected) hidden.delete(block);
  }

  function scheduleRevealCheck(): void {
    if (revealTimer !== undefined || hidden.size === 0) return;
    revealTimer = setTimeout(() => {
      revealTimer = undefined;
      revealDue = true;
      runner.request();
    }, REVEAL_CHECK_DELAY_MS);
  }

  /** Reads again the blocks whose hidden mentions are now shown (a closed dialog's page, an expanded article). */
  function* planRevealed(): Generator<void, void> {
    let checked = 0;
    for (const [block, node] of [...hidden]) {
      checked += 1;
      if (checked % RECORDS_PER_STEP === 0) yield;
      if (!block.isConnected) {
        hidden.delete(block);
        continue;
      }
      if (!checker.isShownNow(node?.isConnected ? node : block)) continue;
      hidden.delete(block);
      enqueue({ block, deep: node === null, added: null, verified: false, flat: false });
    }
  }

  /** Publishes what changed: spans decided by new article context, registry listeners, then the highlights; and re-registers removed highlights. */
  function publish(): void {
    if (context && active) {
      if (pageTextDue) refreshPageText();
      context.flush();
    }
    if (store.commit()) layer.sync(store.shownRangesByTopic());
    stats.restoredHighlights += layer.restore();
  }

  function activate(): void {
    active = true;
    scanning = true;
    observer.observe(root);
    enqueue({ block: root, deep: true, added: null, verified: true, flat: false });
    runner.request();
  }

  function deactivate(): void {
    active = false;
    scanning = false;
    observer.disconnect();
    runner.cancel();
    records = [];
    jobs.length = 0;
    queued.clear();
    hidden.clear();
    context?.clear();
    pageTextDue = true;
    clearTimeout(revealTimer);
    revealTimer = undefined;
    revealDue = false;
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
    if (matcher && pageTextDue) refreshPageText();
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
  const restore = () => {
    if (active) stats.restoredHighlights += layer.restore();
  };
  const restoreTimer = setInterval(restore, RESTORE_INTERVAL_MS);
  lifetime.signal.addEventListener('abort', () => clearInterval(restoreTimer), { once: true });
  document.addEventListener('visibilitychange', restore, { signal: lifetime.signal });

  if (options.signal?.aborted) destroy();
  else update(options.settings);

  return {
    registry: store.registry,
    get scanning() {
      return scanning;
    },
    update,
    reveal(topic, index) {
      const marks = store.registry.marks(topic);
      const total = marks.length;
      if (total === 0) return { index: -1, total: 0 };
      const wrapped = ((Math.trunc(index) % total) + total) % total;
      const mark = marks[wrapped];
      if (mark) {
        scrollRangeIntoView(mark.range);
        layer.flash(mark.range);
      }
      return { index: wrapped, total };
    },
    async settled() {
      for (;;) {
        const pending = observer.takeRecords();
        if (pending.length > 0) queueRecords(pending);
        await runner.whenIdle();
        // A pending look for revealed content is work too: run it now rather than after its delay.
        if (revealTimer === undefined || lifetime.signal.aborted) return;
        clearTimeout(revealTimer);
        revealTimer = undefined;
        revealDue = true;
        runner.request();
      }
    },
    stats() {
      return {
        ...stats,
        marks: store.size,
        shown: store.registry.marks().length,
        capped: store.capped,
      };
    },
    destroy,
  };
}

/** Whether a node is the page's `<title>` or inside it. */
function isInTitle(node: Node): boolean {
  const element = isElement(node) ? node : node.parentElement;
  return element?.localName === 'title';
}

/** Whether a removed node may have been part of its parent's running text. */
function mayHaveHeldText(node: Node): boolean {
  if (node.nodeType === TEXT_NODE) return /\S/.test((node as Text).data);
  return isElement(node) && exclusionOf(node) !== 'skipped';
}
