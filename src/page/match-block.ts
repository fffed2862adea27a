/**
 * Runs the matcher over one block's text and maps each mention back to the
 * text nodes it covers. A long block goes to the matcher in windows, one per
 * step, so a single huge paragraph cannot make a long task; a short one (all
 * but a few) in one call, with nothing allocated for windows or steps.
 */
import type { Matcher, Mention } from '@/src/matching/types';
import type { BlockText } from './block-text';
import { MAX_WINDOW_CHARS, textWindows, type TextWindow } from './blocks';
import type { MarkDraft } from './registry';

/** Whether the block is short enough to match in one call, without a step to pause in. */
export function isShortBlock(text: BlockText): boolean {
  return text.length <= MAX_WINDOW_CHARS;
}

/** Mark drafts for a short block's text (see `isShortBlock`), in text order. */
export function matchShortBlock(text: BlockText, matcher: Matcher): MarkDraft[] {
  const full = text.text;
  const mentions = matcher.find(full);
  if (mentions.length === 0) return [];
  const drafts: MarkDraft[] = [];
  draftMentions(text, mentions, { offset: 0, text: full, acceptFrom: 0, acceptTo: full.length }, drafts, undefined);
  return drafts;
}

/**
 * Mark drafts for a block's text, in text order; one draft per span, listing
 * every topic that span names. Mentions that cross a break are dropped.
 * Yields after each matcher call of a long block.
 */
export function* matchBlock(text: BlockText, matcher: Matcher, onMatcherCall?: () => void): Generator<void, MarkDraft[]> {
  if (isShortBlock(text)) {
    onMatcherCall?.();
    return matchShortBlock(text, matcher);
  }
  const drafts: MarkDraft[] = [];
  const bySpan = new Map<string, MarkDraft>();
  for (const window of textWindows(text.text)) {
    onMatcherCall?.();
    draftMentions(text, matcher.find(window.text), window, drafts, bySpan);
    yield;
  }
  return drafts;
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
    const start = window.offset + mention.start;
    const end = window.offset + mention.end;
    if (start < window.acceptFrom || start >= window.acceptTo || end <= start) continue;
    const span = `${start}:${end}`;
    spans ??= new Map();
    const same = spans.get(span);
    if (same) {
      if (!same.topics.includes(mention.topic)) same.topics.push(mention.topic);
      continue;
    }
    if (text.spansBreak(start, end)) continue;
    const startPosition = text.positionAt(start, 'start');
    const endPosition = text.positionAt(end, 'end');
    if (!startPosition || !endPosition) continue;
    const draft: MarkDraft = {
      topics: [mention.topic],
      term: mention.term,
      text: mention.text,
      start: startPosition,
      end: endPosition,
      nodes: text.nodesBetween(start, end),
    };
    spans.set(span, draft);
    drafts.push(draft);
  }
}
