/**
 * The scanning loop shared by the regex strategies: run one global pattern
 * over the block and read each match back to its entries.
 */
import { startsWholeToken, type TermEntry } from '@/src/matching/terms';
import { TermIndex } from './term-index';
import type { SpanFinder } from './span-finder';

/**
 * A finder around `pattern` (flags `gu`). When `checkStartInCode` is set the
 * pattern carries no start guard and the word boundary before a match is
 * checked here instead, retrying one character later when it fails.
 */
export function regexSpanFinder(pattern: RegExp, entries: readonly TermEntry[], checkStartInCode: boolean): SpanFinder {
  // An empty alternation would match the empty string everywhere.
  if (entries.length === 0) return () => {};
  const index = new TermIndex(entries);
  return (text, emit) => {
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) {
      const start = match.index;
      if (checkStartInCode && !startsWholeToken(text, start)) {
        pattern.lastIndex = start + 1;
        continue;
      }
      const end = start + match[0].length;
      const named = index.read(text, start, end);
      if (named.length > 0) emit(start, end, named);
    }
  };
}
