/**
 * Runs the matcher over one block's text and maps each mention back to the
 * text nodes it covers. Long blocks go to the matcher in windows, one per
 * step, so a single huge paragraph cannot make a long task.
 */
import type { Matcher } from '@/src/matching/types';
import type { BlockText } from './block-text';
import { textWindows } from './blocks';
import type { MarkDraft } from './registry';

const HAS_TEXT = /\S/;

/**
 * Mark drafts for a block's text, in text order; one draft per span, listing
 * every topic that span names. Mentions that cross a break are dropped.
 * Yields after each matcher call.
 */
export function* matchBlock(text: BlockText, matcher: Matcher, onMatcherCall?: () => void): Generator<void, MarkDraft[]> {
  const full = text.text;
  if (!HAS_TEXT.test(full)) return [];
  const drafts: MarkDraft[] = [];
  let bySpan: Map<string, MarkDraft> | undefined;
  for (const window of textWindows(full)) {
    onMatcherCall?.();
    for (const mention of matcher.find(window.text)) {
      const start = window.offset + mention.start;
      const end = window.offset + mention.end;
      if (start < window.acceptFrom || start >= window.acceptTo || end <= start) continue;
      const span = `${start}:${end}`;
      bySpan ??= new Map();
      const same = bySpan.get(span);
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
      bySpan.set(span, draft);
      drafts.push(draft);
    }
    yield;
  }
  return drafts;
}
