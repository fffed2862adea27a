/**
 * Runs one job of the page marker: reads the block (light DOM, or over the
 * flat tree where components are involved), matches its text, keeps the
 * mentions that may be marked (shown, not cut by CSS) and makes them the
 * block's marks, through the article context for rules that look beyond the
 * block. It owns the matcher (built on first use) and the article context.
 *
 * The hot path: `run` → `readSubtree` → `markShortBlock` → `keepMarkable`,
 * once per block; nothing here runs per node.
 */
import type { Matcher } from '@/src/matching';
import { ArticleContext } from './article-context';
import { isShadowRoot } from './flat-tree';
import type { HiddenWatch } from './hidden-watch';
import type { Job, JobQueue } from './job-queue';
import type { MarkDraft, MarkStore } from './mark-store';
import { isShortBlock, matchBlock, matchShortBlock, type BlockMatch, type PendingDraft } from './match-block';
import type { MentionChecker } from './mention-check';
import { readBlock, readSubtree, type BlockText } from './reading';

/** Run through a new matcher once, off the clock of any real block. */
const MATCHER_WARM_UP_TEXT = 'Policy Lens reads the news.';

/** What the block marker works with. */
export interface BlockMarkerParts {
  root: Element;
  /** The matcher, or a function that builds it (called by `prepare()`). */
  matcher: Matcher | (() => Matcher);
  store: MarkStore;
  checker: MentionChecker;
  queue: JobQueue;
  hidden: HiddenWatch;
  /** Called for each open shadow root a read enters, so it is watched like the document. */
  onShadowRoot(shadowRoot: ShadowRoot): void;
  /** False once marking stopped: a job in progress ends at the next block. */
  isActive(): boolean;
}

/** Whether a block must be read over the flat tree: it lives in a shadow tree or hosts one. */
function needsFlatTree(block: Element): boolean {
  return block.shadowRoot !== null || isShadowRoot(block.getRootNode());
}

/** Reads, matches and marks the blocks the queue hands out. */
export class BlockMarker {
  /** Block reads (a block's own text, walked and matched). */
  blocksRead = 0;
  matcherCalls = 0;
  private matcher: Matcher | null = null;
  /** Words of whole articles, for rules that look beyond a paragraph; made with the matcher. */
  private context: ArticleContext | null = null;
  private pageTextDue = true;
  private readonly countMatcherCall = () => {
    this.matcherCalls += 1;
  };

  constructor(private readonly parts: BlockMarkerParts) {
    if (typeof parts.matcher !== 'function') this.useMatcher(parts.matcher);
  }

  /** Whether the matcher is built; until then, `prepare()` comes before any job. */
  get ready(): boolean {
    return this.matcher !== null;
  }

  /** Builds the matcher, then gives it its first (cold) run: the costliest single steps, so each gets its own. */
  *prepare(): Generator<void, void> {
    const built = this.useMatcher((this.parts.matcher as () => Matcher)());
    yield;
    built.find(MATCHER_WARM_UP_TEXT);
    this.refreshPageText();
    yield;
  }

  /** Reads and marks `job`'s block (and, for a deep job, the blocks inside it). */
  *run(job: Job): Generator<void, void> {
    const { block } = job;
    const { checker, queue, hidden } = this.parts;
    const matcher = this.matcher as Matcher;
    if (!block.isConnected) return;
    if (!job.verified) {
      const exclusion = checker.inheritedExclusionOf(block);
      if (exclusion === 'hidden') hidden.remember(block, null);
      if (exclusion !== null) return;
    }
    if (job.flat || needsFlatTree(block)) {
      const read = yield* readBlock(block, { deep: job.deep, added: job.added, onShadowRoot: this.parts.onShadowRoot });
      yield* this.markBlock(block, read.text, matcher);
      // Reversed, so the stack reads nested blocks in document order.
      for (let index = read.nested.length - 1; index >= 0; index -= 1) {
        queue.add({ block: read.nested[index] as Element, deep: true, added: null, verified: true, flat: false });
      }
      return;
    }
    // A job carries the read options (`deep`, `added`).
    for (const batch of readSubtree(block, job)) {
      for (const read of batch) {
        if (read.components) {
          // Read over the flat tree; blocks inside the components are new to us, like added ones.
          queue.add({ block: read.block, deep: false, added: new Set(read.components), verified: true, flat: true });
        } else if (!read.text) {
          // A block with no text of its own now may have had marks, or counted words, before.
          this.context?.blockRead(read.block, [], [], null, null);
          this.parts.store.replaceBlock(read.block, [], []);
        } else if (isShortBlock(read.text)) {
          this.markShortBlock(read.block, read.text, matcher);
        } else {
          yield* this.markBlock(read.block, read.text, matcher);
        }
        if (!this.parts.isActive()) return;
      }
      yield;
    }
  }

  /** The page title or main heading may have changed: every article's context is read again at the next publish. */
  pageTextChanged(): void {
    this.pageTextDue = true;
  }

  /** Forgets blocks that left the page (their words no longer count). */
  sweep(): void {
    this.context?.sweep();
  }

  /** Decides again the spans that wait on article words that changed (with the page text, if due). */
  publish(): void {
    if (!this.context) return;
    if (this.pageTextDue) this.refreshPageText();
    this.context.flush();
  }

  /** Forgets every article's words (marking switched off). */
  clear(): void {
    this.context?.clear();
    this.pageTextDue = true;
  }

  private useMatcher(ready: Matcher): Matcher {
    const { store } = this.parts;
    this.matcher = ready;
    this.context = new ArticleContext(ready, (block, nodes, drafts) => store.replaceBlock(block, nodes, drafts));
    return ready;
  }

  /** Finds the mentions in one block's own text and makes them its marks; a long block in steps. */
  private *markBlock(block: Element, text: BlockText, matcher: Matcher): Generator<void, void> {
    const match = yield* matchBlock(text, matcher, this.countMatcherCall);
    if (this.parts.isActive()) this.keepMarkable(block, text, match);
  }

  /** `markBlock` for a short block, in one go (no generator: most blocks are short). */
  private markShortBlock(block: Element, text: BlockText, matcher: Matcher): void {
    this.matcherCalls += 1;
    this.keepMarkable(block, text, matchShortBlock(text, matcher));
  }

  /** Makes the drafts that pass the mention checks the block's marks, with the spans that wait on its article. */
  private keepMarkable(block: Element, text: BlockText, match: BlockMatch): void {
    this.blocksRead += 1;
    const markable = match.drafts.length === 0 ? match.drafts : match.drafts.filter((draft) => this.isMarkable(block, draft));
    let pending: PendingDraft[] | null = match.pending;
    if (pending) pending = pending.filter((item) => this.isMarkable(block, item.draft));
    if (block.localName === 'h1') this.pageTextDue = true;
    const drafts = this.context ? this.context.blockRead(block, text.nodes, markable, pending, match.facts) : markable;
    this.parts.store.replaceBlock(block, text.nodes, drafts);
  }

  /** Whether a mention may be marked (shown, not cut by CSS); remembers hidden ones to look at again. */
  private isMarkable(block: Element, draft: MarkDraft): boolean {
    const problem = this.parts.checker.problemOf(draft);
    if (problem === 'hidden') this.parts.hidden.remember(block, draft.nodes[0] ?? null);
    return problem === null;
  }

  /** Reads the page title and main heading again, for every article's context. */
  private refreshPageText(): void {
    this.pageTextDue = false;
    const page = this.parts.root.ownerDocument;
    this.context?.setPageText(page.title, page.querySelector('h1')?.textContent ?? '');
  }
}
