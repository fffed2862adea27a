/**
 * A tiny matcher for page-scanner tests: whole-word, case-insensitive terms
 * with any whitespace between words, one mention per topic of a term. It has
 * no context rules, so every mention is decided by its block alone: `scan`
 * never leaves a span pending and counts no article facts. It counts calls,
 * so tests can assert how much text was (re)scanned.
 */
import type { BlockScan, Matcher, Mention, PendingSpan } from '@/src/matching/types';

/** A matcher that records what it was asked. */
export interface CountingMatcher extends Matcher {
  /** Every text passed to `scan` (and so to `find`), in order. */
  readonly calls: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds a matcher from `term → topic id(s)`. */
export function fakeMatcher(terms: Record<string, string | string[]>): CountingMatcher {
  const entries = Object.entries(terms).map(([term, topics]) => ({
    term,
    topics: Array.isArray(topics) ? topics : [topics],
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${term.split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu'),
  }));
  const calls: string[] = [];

  function mentionsIn(text: string): Mention[] {
    const mentions: Mention[] = [];
    for (const { term, topics, pattern } of entries) {
      for (const match of text.matchAll(pattern)) {
        const start = match.index;
        for (const topic of topics) mentions.push({ topic, term, text: match[0], start, end: start + match[0].length });
      }
    }
    return mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  const matcher: CountingMatcher = {
    calls,
    factCount: 0,
    scan(text: string): BlockScan {
      calls.push(text);
      return { mentions: mentionsIn(text), pending: null, facts: null };
    },
    resolve(_pending: readonly PendingSpan[], _articleFacts: ArrayLike<number> | null): Mention[] {
      // Nothing ever waits for the article.
      return [];
    },
    find(text: string): Mention[] {
      return matcher.scan(text).mentions;
    },
  };
  return matcher;
}

/** Terms used across the page tests. */
export const TEST_TERMS = {
  'mutual defense treaty': 'treaty',
  'Abraham Accords': 'accords',
  JINSA: 'jinsa',
  'nuclear Iran': ['iran', 'nuclear'],
};

/** Topic ids of `TEST_TERMS`, in "data order". */
export const TEST_TOPICS = ['treaty', 'accords', 'jinsa', 'iran', 'nuclear'];
