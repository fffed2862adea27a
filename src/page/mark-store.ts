/**
 * Every mention found on the page, in document order, and the subset the
 * reader sees (enabled topics; with "first mention only", the first of each
 * topic). Mentions of disabled topics are kept, so turning a topic back on is
 * instant. Implements the `MarkRegistry` the hover card and popup read.
 */
import type { MarkMode } from '@/src/settings';
import type { TextPosition } from './reading';
import { compareTreeOrder } from './flat-tree';
import type { MarkedMention, MarkRegistry } from './types';

/** Most marks kept on one page, so a pathological page cannot make us slow. */
export const DEFAULT_MAX_MARKS = 2000;

/** A mention found in a block, before it becomes a mark. */
export interface MarkDraft {
  topics: string[];
  term: string;
  text: string;
  start: TextPosition;
  end: TextPosition;
  /** Every text node the mention touches. */
  nodes: Text[];
}

/** Which found mentions the reader sees. */
export interface MarkFilter {
  enabledTopics: ReadonlySet<string>;
  mode: MarkMode;
}

interface StoredMark {
  id: number;
  block: Element;
  range: Range;
  start: TextPosition;
  end: TextPosition;
  nodes: Text[];
  topics: string[];
  term: string;
  text: string;
  /** The public view while the mark is shown, with only the topics it is shown for. */
  view: MarkedMention | null;
}

/** The found mentions of one page and the marks shown from them. */
export class MarkStore {
  /** The read-only view handed to the rest of the content script. */
  readonly registry: MarkRegistry;
  private marks: StoredMark[] = [];
  private readonly byBlock = new Map<Element, Set<StoredMark>>();
  private byText = new WeakMap<Text, StoredMark[]>();
  private filter: MarkFilter = { enabledTopics: new Set(), mode: 'every' };
  private shown: MarkedMention[] = [];
  private shownByTopic = new Map<string, MarkedMention[]>();
  private counts: Array<{ topic: string; count: number }> = [];
  private readonly listeners = new Set<() => void>();
  private readonly topicRank: ReadonlyMap<string, number>;
  private nextId = 1;
  private changed = false;
  /** Whether mentions were dropped because the page reached the cap. */
  capped = false;

  constructor(
    private readonly maxMarks: number,
    topicOrder: readonly string[],
  ) {
    this.topicRank = new Map(topicOrder.map((topic, index) => [topic, index]));
    this.registry = {
      marksAt: (node, offset) => this.marksAt(node, offset),
      marks: (topic) => [...(topic === undefined ? this.shown : (this.shownByTopic.get(topic) ?? []))],
      topicCounts: () => this.counts.map((entry) => ({ ...entry })),
      subscribe: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    };
  }

  /** How many mentions are stored (shown or not). */
  get size(): number {
    return this.marks.length;
  }

  /** Replaces what `block`'s own text yielded last time (and any marks on `readNodes`) with `drafts`. */
  replaceBlock(block: Element, readNodes: readonly Text[], drafts: readonly MarkDraft[]): void {
    let stale: Set<StoredMark> | undefined;
    const owned = this.byBlock.get(block);
    if (owned) stale = new Set(owned);
    for (const node of readNodes) {
      const onNode = this.byText.get(node);
      if (onNode) for (const mark of onNode) (stale ??= new Set()).add(mark);
    }
    if (stale) this.remove(stale);
    for (const draft of drafts) {
      if (this.marks.length >= this.maxMarks) {
        this.capped = true;
        break;
      }
      const mark = this.createMark(block, draft);
      if (mark) this.insert(mark);
    }
  }

  /** Drops marks whose text left the page or was moved or edited (their live range no longer fits). */
  sweep(): void {
    const stale = new Set<StoredMark>();
    for (const mark of this.marks) if (!isIntact(mark)) stale.add(mark);
    if (stale.size > 0) this.remove(stale);
  }

  /** Forgets every mark. */
  clear(): void {
    if (this.marks.length === 0 && !this.capped) return;
    this.marks = [];
    this.byBlock.clear();
    this.byText = new WeakMap();
    this.capped = false;
    this.changed = true;
  }

  /** Sets which topics are shown and how. */
  setFilter(filter: MarkFilter): void {
    this.filter = filter;
    this.changed = true;
  }

  /** Makes the next `commit()` notify listeners even if no mark changed. */
  touch(): void {
    this.changed = true;
  }

  /** Publishes changes since the last commit: recomputes shown marks and counts, notifies listeners. */
  commit(): boolean {
    if (!this.changed) return false;
    this.changed = false;
    this.recomputeShown();
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        // One failing listener must not stop the others or our work loop; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return true;
  }

  /** Ranges of the shown marks, by topic. */
  shownRangesByTopic(): Map<string, Range[]> {
    const ranges = new Map<string, Range[]>();
    for (const [topic, marks] of this.shownByTopic) ranges.set(topic, marks.map((mark) => mark.range));
    return ranges;
  }

  private marksAt(node: Node, offset: number): MarkedMention[] {
    const candidates = this.byText.get(node as Text);
    if (candidates) {
      return candidates
        .filter((mark) => mark.view !== null && containsPoint(mark, node, offset))
        .map((mark) => mark.view as MarkedMention);
    }
    // A caret beside an element rather than in text: ask the ranges themselves.
    return this.shown.filter((mark) => {
      try {
        return mark.range.isPointInRange(node, offset);
      } catch {
        return false;
      }
    });
  }

  private createMark(block: Element, draft: MarkDraft): StoredMark | null {
    const range = draft.start.node.ownerDocument.createRange();
    try {
      range.setStart(draft.start.node, draft.start.offset);
      range.setEnd(draft.end.node, draft.end.offset);
    } catch {
      // The text changed under us; the mutation that changed it brings a rescan.
      return null;
    }
    const { topics, term, text, start, end, nodes } = draft;
    return { id: this.nextId++, block, range, start: { ...start }, end: { ...end }, nodes, topics, term, text, view: null };
  }

  private insert(mark: StoredMark): void {
    // Marks mostly arrive in document order, so try the end first.
    let index = this.marks.length;
    const last = this.marks[index - 1];
    if (last && compareMarks(last, mark) > 0) {
      let low = 0;
      let high = index;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (compareMarks(this.marks[middle] as StoredMark, mark) <= 0) low = middle + 1;
        else high = middle;
      }
      index = low;
    }
    this.marks.splice(index, 0, mark);
    let owned = this.byBlock.get(mark.block);
    if (!owned) this.byBlock.set(mark.block, (owned = new Set()));
    owned.add(mark);
    for (const node of mark.nodes) {
      const onNode = this.byText.get(node);
      if (onNode) onNode.push(mark);
      else this.byText.set(node, [mark]);
    }
    this.changed = true;
  }

  private remove(stale: ReadonlySet<StoredMark>): void {
    this.marks = this.marks.filter((mark) => !stale.has(mark));
    for (const mark of stale) {
      const owned = this.byBlock.get(mark.block);
      owned?.delete(mark);
      if (owned?.size === 0) this.byBlock.delete(mark.block);
      for (const node of mark.nodes) {
        const remaining = this.byText.get(node)?.filter((other) => other !== mark) ?? [];
        if (remaining.length > 0) this.byText.set(node, remaining);
        else this.byText.delete(node);
      }
    }
    this.changed = true;
  }

  private recomputeShown(): void {
    const { enabledTopics, mode } = this.filter;
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    this.shown = [];
    this.shownByTopic = new Map();
    for (const mark of this.marks) {
      const topics: string[] = [];
      for (const topic of mark.topics) {
        if (!enabledTopics.has(topic)) continue;
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
        if (mode === 'first' && seen.has(topic)) continue;
        seen.add(topic);
        topics.push(topic);
      }
      if (topics.length === 0) {
        mark.view = null;
        continue;
      }
      if (!mark.view || mark.view.topics.join(' ') !== topics.join(' ')) {
        mark.view = Object.freeze({ id: mark.id, topics, term: mark.term, text: mark.text, range: mark.range });
      }
      this.shown.push(mark.view);
      for (const topic of topics) {
        const list = this.shownByTopic.get(topic);
        if (list) list.push(mark.view);
        else this.shownByTopic.set(topic, [mark.view]);
      }
    }
    const rank = (topic: string) => this.topicRank.get(topic) ?? Number.MAX_SAFE_INTEGER;
    this.counts = [...counts]
      .map(([topic, count]) => ({ topic, count }))
      .sort((a, b) => b.count - a.count || rank(a.topic) - rank(b.topic) || a.topic.localeCompare(b.topic));
  }
}

function compareMarks(a: StoredMark, b: StoredMark): number {
  return compareTreeOrder(a.start.node, b.start.node) || a.start.offset - b.start.offset;
}

/** Whether the mark's live range still spans exactly the text it was made for. */
function isIntact(mark: StoredMark): boolean {
  const { range, start, end } = mark;
  return (
    start.node.isConnected &&
    end.node.isConnected &&
    range.startContainer === start.node &&
    range.startOffset === start.offset &&
    range.endContainer === end.node &&
    range.endOffset === end.offset
  );
}

/** Whether (node, offset) lies within the mark, ends included, for a node the mark touches. */
function containsPoint(mark: StoredMark, node: Node, offset: number): boolean {
  if (node === mark.start.node && offset < mark.start.offset) return false;
  if (node === mark.end.node && offset > mark.end.offset) return false;
  return true;
}
