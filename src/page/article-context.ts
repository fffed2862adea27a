/**
 * Context over the whole article: rules may take their words from anywhere
 * in the article a mention stands in (its nearest `article` or `main`
 * element, or the document where there is none), and always from the page
 * title and the main heading. Each block read brings its facts (how often
 * each counted word occurs) and the spans that wait on them; when an
 * article's facts change (more text arrived, a block was removed, a
 * single-page site navigated), its waiting spans are decided again.
 *
 * Only blocks that hold counted words or waiting spans are tracked: on most
 * pages, few or none.
 */
import { ArticleFacts, type Matcher } from '@/src/matching';
import type { PendingDraft } from './match-block';
import type { MarkDraft } from './mark-store';

/** Elements that bound an article. */
const ARTICLE_SELECTOR = 'article, main, [role="main"], [role="article"]';

interface TrackedBlock {
  region: Element | null;
  facts: Int32Array | null;
  /** The block's text nodes and its own drafts, to rebuild its marks when a waiting span is decided. */
  nodes: readonly Text[];
  drafts: readonly MarkDraft[];
  pending: readonly PendingDraft[] | null;
  /** What the waiting spans were last decided as, to redo only marks that change. */
  decided: string;
}

/** Where a block's marks go when its waiting spans are decided again. */
export type ReplaceBlockMarks = (block: Element, nodes: readonly Text[], drafts: readonly MarkDraft[]) => void;

/** The article a block belongs to: its nearest article or main element, or null for the document. */
function regionOf(block: Element): Element | null {
  return block.closest(ARTICLE_SELECTOR);
}

export class ArticleContext {
  private readonly blocks = new Map<Element, TrackedBlock>();
  private readonly regions = new Map<Element | null, ArticleFacts>();
  /** The page title's and main heading's facts, shared by every article of the page. */
  private pageFacts: Int32Array | null = null;
  private pageKey = '';
  private readonly dirty = new Set<Element | null>();
  private allDirty = false;
  private readonly scratch: Int32Array;

  constructor(
    private readonly matcher: Matcher,
    private readonly replace: ReplaceBlockMarks,
  ) {
    this.scratch = new Int32Array(matcher.factCount);
  }

  /**
   * Records what a block's text yielded and returns the drafts to mark now:
   * its own, plus its waiting spans decided by what the article holds so far.
   */
  blockRead(block: Element, nodes: readonly Text[], drafts: MarkDraft[], pending: readonly PendingDraft[] | null, facts: Int32Array | null): MarkDraft[] {
    const previous = this.blocks.get(block);
    if (!previous && !pending && !facts) return drafts;
    const region = previous?.region !== undefined ? previous.region : regionOf(block);
    if (previous) this.regionFacts(previous.region).add(previous.facts, -1);
    if (facts && this.regionFacts(region).add(facts)) this.dirty.add(region);
    else if (previous?.facts) this.dirty.add(region);
    if (!pending && !facts) {
      this.blocks.delete(block);
      return drafts;
    }
    const tracked: TrackedBlock = { region, facts, nodes, drafts, pending, decided: '' };
    this.blocks.set(block, tracked);
    if (!pending) return drafts;
    const decided = this.decide(tracked);
    tracked.decided = decided.key;
    return decided.drafts;
  }

  /**
   * Forgets blocks that left the page (their words no longer count), and
   * articles that left with them: a single-page site that swaps its article
   * on every navigation must not keep the old ones alive through this map.
   */
  sweep(): void {
    for (const [block, tracked] of this.blocks) {
      if (block.isConnected) continue;
      this.blocks.delete(block);
      if (tracked.facts) {
        this.regionFacts(tracked.region).add(tracked.facts, -1);
        this.dirty.add(tracked.region);
      }
    }
    for (const region of this.regions.keys()) {
      if (region === null || region.isConnected) continue;
      this.regions.delete(region);
      this.dirty.delete(region);
    }
  }

  /** Sets the words of the page title and main heading; every article hears of a change. */
  setPageText(title: string, heading: string): void {
    const key = `${title}\u0000${heading}`;
    if (key === this.pageKey) return;
    this.pageKey = key;
    const facts = new Int32Array(this.matcher.factCount);
    let any = false;
    for (const text of [title, heading]) {
      const found = text === '' ? null : this.matcher.scan(text).facts;
      if (!found) continue;
      any = true;
      for (let index = 0; index < found.length; index += 1) facts[index]! += found[index]!;
    }
    this.pageFacts = any ? facts : null;
    this.allDirty = true;
  }

  /** Decides again the waiting spans of every article whose words changed; replaces the marks that change. */
  flush(): void {
    if (!this.allDirty && this.dirty.size === 0) return;
    for (const [block, tracked] of this.blocks) {
      if (!tracked.pending || (!this.allDirty && !this.dirty.has(tracked.region))) continue;
      if (!block.isConnected) continue;
      const decided = this.decide(tracked);
      if (decided.key === tracked.decided) continue;
      tracked.decided = decided.key;
      this.replace(block, tracked.nodes, decided.drafts);
    }
    this.dirty.clear();
    this.allDirty = false;
  }

  /** Forgets everything (marking switched off). */
  clear(): void {
    this.blocks.clear();
    this.regions.clear();
    this.dirty.clear();
    this.allDirty = false;
  }

  private regionFacts(region: Element | null): ArticleFacts {
    let facts = this.regions.get(region);
    if (!facts) {
      facts = new ArticleFacts(this.matcher.factCount);
      this.regions.set(region, facts);
    }
    return facts;
  }

  /** The block's drafts with its waiting spans decided by its article's words, and a key of the decisions. */
  private decide(tracked: TrackedBlock): { drafts: MarkDraft[]; key: string } {
    const counts = this.scratch;
    counts.set(this.regionFacts(tracked.region).counts);
    if (this.pageFacts) for (let index = 0; index < counts.length; index += 1) counts[index]! += this.pageFacts[index]!;
    const added: MarkDraft[] = [];
    const keys: string[] = [];
    for (const item of tracked.pending ?? []) {
      // One span at a time: a long block's spans come from several windows, so their offsets may repeat.
      const mentions = this.matcher.resolve([item.span], counts);
      if (mentions.length === 0) continue;
      const topics = mentions.map((mention) => mention.topic);
      keys.push(`${item.span.start}:${topics.join(',')}`);
      added.push({ ...item.draft, topics, term: mentions[0]!.term });
    }
    if (added.length === 0) return { drafts: [...tracked.drafts], key: '' };
    const drafts = [...tracked.drafts, ...added].sort(compareDrafts);
    return { drafts, key: keys.join(';') };
  }
}

/** Document order within one block: by start node, then offset (drafts of one block share its text nodes). */
function compareDrafts(a: MarkDraft, b: MarkDraft): number {
  if (a.start.node === b.start.node) return a.start.offset - b.start.offset;
  const position = a.start.node.compareDocumentPosition(b.start.node);
  return position & 4 ? -1 : 1;
}
