/**
 * Runs the matcher over one block's text and maps each mention back to the
 * text nodes it covers. A long block goes to the matcher in windows, one per
 * step, so a single huge paragraph cannot make a long task; a short one (all
 * but a few) in one call, with nothing allocated for windows or steps.
 */
import type { BlockScan, Matcher, Mention, PendingSpan } from '@/src/matching';
import type { MarkDraft } from './mark-store';
import type { BlockText } from './reading';

/** A span whose topic waits on the rest of the article: where it is, and what decides it. */
export interface PendingDraft {
  /** The mark it would become, without topics yet. */
  draft: MarkDraft;
  span: PendingSpan;
}

/** What one block's text yielded. */
export interface BlockMatch {
  /** Marks decided by the block alone, in text order; one draft per span, listing every topic it names. */
  drafts: MarkDraft[];
  /** Spans that wait for the article's words, or null. */
  pending: PendingDraft[] | null;
  /** How often each article fact occurs in the block, or null. */
  facts: Int32Array | null;
}

const NOTHING: BlockMatch = Object.freeze({ drafts: [], pending: null, facts: null }) as unknown as BlockMatch;

/** Whether the block is short enough to match in one call, without a step to pause in. */
export function isShortBlock(text: BlockText): boolean {
  return text.length <= MAX_WINDOW_CHARS;
}

/** What a short block's text yields (see `isShortBlock`). */
export function matchShortBlock(text: BlockText, matcher: Matcher): BlockMatch {
  const full = text.text;
  const scan = matcher.scan(full);
  if (scan.mentions.length === 0 && !scan.pending) return scan.facts ? { drafts: [], pending: null, facts: scan.facts } : NOTHING;
  const match: BlockMatch = { drafts: [], pending: null, facts: scan.facts };
  addScan(text, scan, { offset: 0, text: full, acceptFrom: 0, acceptTo: full.length }, match, undefined);
  return match;
}

/** What a block's text yields, all at once (for readers that never pause: `npm run scan`, the bench's kernels). */
export function matchWholeBlock(text: BlockText, matcher: Matcher): BlockMatch {
  if (isShortBlock(text)) return matchShortBlock(text, matcher);
  const windows = matchBlock(text, matcher);
  for (;;) {
    const step = windows.next();
    if (step.done) return step.value;
  }
}

/** What a block's text yields; a long block in windows, yielding after each matcher call. Mentions that cross a break are dropped. */
export function* matchBlock(text: BlockText, matcher: Matcher, onMatcherCall?: () => void): Generator<void, BlockMatch> {
  if (isShortBlock(text)) {
    onMatcherCall?.();
    return matchShortBlock(text, matcher);
  }
  const match: BlockMatch = { drafts: [], pending: null, facts: null };
  const bySpan = new Map<string, MarkDraft>();
  for (const window of textWindows(text.text)) {
    onMatcherCall?.();
    const scan = matcher.scan(window.text);
    addScan(text, scan, window, match, bySpan);
    // Windows overlap a little, so a word there counts twice: the counts only weigh one topic against another.
    if (scan.facts) {
      if (!match.facts) match.facts = new Int32Array(scan.facts.length);
      for (let index = 0; index < scan.facts.length; index += 1) match.facts[index]! += scan.facts[index]!;
    }
    yield;
  }
  return match;
}

/** Adds the drafts for the mentions and pending spans found in one window. */
function addScan(text: BlockText, scan: BlockScan, window: TextWindow, match: BlockMatch, bySpan: Map<string, MarkDraft> | undefined): void {
  if (scan.mentions.length > 0) draftMentions(text, scan.mentions, window, match.drafts, bySpan);
  if (!scan.pending) return;
  for (const span of scan.pending) {
    const draft = draftAt(text, window, span.start, span.end, span.text, span.candidates[0]?.term ?? '');
    if (draft) (match.pending ??= []).push({ draft, span });
  }
}

/** The draft for `[start, end)` of a window, or null when it is outside the window's part, crosses a break or maps to no node. */
function draftAt(text: BlockText, window: TextWindow, windowStart: number, windowEnd: number, matched: string, term: string): MarkDraft | null {
  const start = window.offset + windowStart;
  const end = window.offset + windowEnd;
  if (start < window.acceptFrom || start >= window.acceptTo || end <= start) return null;
  if (text.spansBreak(start, end)) return null;
  const startPosition = text.positionAt(start, 'start');
  const endPosition = text.positionAt(end, 'end');
  if (!startPosition || !endPosition) return null;
  return { topics: [], term, text: matched, start: startPosition, end: endPosition, nodes: text.nodesBetween(start, end) };
}

/** Adds the drafts for the mentions found in one window; `bySpan` merges topics of one span found by overlapping windows. */
function draftMentions(
  text: BlockText,
  mentions: readonly Mention[],
  window: TextWindow,
  drafts: MarkDraft[],
  bySpan: Map<string, MarkDraft> | undefined,
): void {
  let spans = bySpan;
  for (const mention of mentions) {
    const span = `${window.offset + mention.start}:${window.offset + mention.end}`;
    spans ??= new Map();
    const same = spans.get(span);
    if (same) {
      if (!same.topics.includes(mention.topic)) same.topics.push(mention.topic);
      continue;
    }
    const draft = draftAt(text, window, mention.start, mention.end, mention.text, mention.term);
    if (!draft) continue;
    draft.topics.push(mention.topic);
    spans.set(span, draft);
    drafts.push(draft);
  }
}

/** A stretch of a long block's text handed to the matcher in one call. */
export interface TextWindow {
  /** Where `text` starts in the block's text. */
  offset: number;
  text: string;
  /** Mentions starting in [acceptFrom, acceptTo) (block offsets) belong to this window. */
  acceptFrom: number;
  acceptTo: number;
}

/** Longest text given to the matcher at once, so one call stays well inside a slice. */
export const MAX_WINDOW_CHARS = 8192;
/** Context shared by neighbouring windows; longer than any term, so no mention is cut in two. */
export const WINDOW_OVERLAP = 256;

/**
 * Cuts a long text into windows at breaks or spaces. Each window also
 * carries some of its neighbours' text, so a mention near a cut is found
 * whole, and context rules see the words around it; each mention is
 * accepted from exactly one window.
 */
export function textWindows(text: string, maxChars = MAX_WINDOW_CHARS, overlap = WINDOW_OVERLAP): TextWindow[] {
  if (text.length <= maxChars) return [{ offset: 0, text, acceptFrom: 0, acceptTo: text.length }];
  const cuts = [0];
  let from = 0;
  while (text.length - from > maxChars) {
    const limit = from + maxChars - 2 * overlap;
    let cut = Math.max(text.lastIndexOf('\n', limit), text.lastIndexOf(' ', limit));
    // No space in the second half of the stretch: cut anyway (a pathological unbroken run).
    if (cut <= from + (maxChars >> 2)) cut = limit;
    else cut += 1;
    cuts.push(cut);
    from = cut;
  }
  cuts.push(text.length);
  const windows: TextWindow[] = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const acceptFrom = cuts[index] as number;
    const acceptTo = cuts[index + 1] as number;
    const offset = Math.max(0, acceptFrom - overlap);
    const end = Math.min(text.length, acceptTo + overlap);
    windows.push({ offset, text: text.slice(offset, end), acceptFrom, acceptTo });
  }
  return windows;
}
