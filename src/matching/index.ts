/**
 * Text → mentions. Terms, context rules and word lists are compiled once
 * (`compileMatcherTables`: at build time for the bundled notes, at import for
 * a note pack) into tables that travel as JSON (`shipMatcher`); a page loads
 * them (`loadMatcher`) without building anything. `scan` then reads one block
 * of text at a time; spans whose topic depends on the rest of the article
 * wait until `resolve` is given the article's facts.
 * Pure: no DOM, no browser API, so `npm run scan` runs the same code in Node.
 *
 * What a term matches: any case unless the term is case-sensitive; whole words
 * only (letters, digits, marks and "_" are word characters), and a term that
 * starts or ends with a digit does not match inside a longer number or date
 * ("10/7/2023", "110/70"); any run of whitespace or dashes between its words
 * (and where it has a hyphen, as in "U.S.-Israel"); any apostrophe for an
 * apostrophe; an optional plural "s"/"es" after a final letter and an optional
 * possessive "'s". Periods are literal. Where terms overlap, the leftmost wins,
 * then the longest; a span several topics name gives the topics with the
 * nearest evidence (see `matcher.ts`).
 */
import { compileMatcherTables } from './compile';
import { loadShippedMatcher, type ShippedMatcher } from './compiled-format';
import { createMatcher } from './matcher';
import type { Matcher, MatcherSource } from './types';

export { ArticleFacts } from './article-facts';
// The page reader decides word boundaries with the matcher's own rule.
export { isWordAt } from './characters';
export { matchArticle } from './article';
export { MatcherCompileError, compileMatcherTables, type MatcherTables } from './compile';
export { SHIPPED_FORMAT, loadShippedMatcher, shipMatcher, type ShippedMatcher } from './compiled-format';
export { combineMatchers } from './combined';
export { createMatcher } from './matcher';
export type * from './types';

/** Compiles a source straight into a matcher (Node scripts, tests, the build's own checks). */
export function compileMatcher(source: MatcherSource): Matcher {
  return createMatcher(compileMatcherTables(source));
}

/** A matcher over shipped tables: what a page does. */
export function loadMatcher(shipped: ShippedMatcher): Matcher {
  return createMatcher(loadShippedMatcher(shipped));
}
