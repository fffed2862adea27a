/**
 * A tiny matcher for page-scanner tests: whole-word, case-insensitive terms
 * with any whitespace between words, one mention per topic of a term. It
 * counts calls, so tests can assert how much text was (re)scanned.
 */
import type { Matcher, Mention } from '@/src/matching/types';

/** A matcher that records what it was asked. */
export interface CountingMatcher extends Matcher {
  /** Every text passed to `find`, in order. */
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
  return {
    calls,
    find(text: string): Mention[] {
      calls.push(text);
      const mentions: Mention[] = [];
      for (const { term, topics, pattern } of entries) {
        for (const match of text.matchAll(pattern)) {
          const start = match.index;
          for (const topic of topics) mentions.push({ topic, term, text: match[0], start, end: start + match[0].length });
        }
      }
      return mentions.sort((a, b) => a.start - b.start || b.end - a.end);
    },
  };
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
