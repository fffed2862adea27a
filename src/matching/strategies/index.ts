/**
 * Every way of finding terms that `scripts/bench-matcher.ts` compares and the
 * unit tests hold to the same answers. The extension bundles only the one
 * `compileMatcher` uses by default; the others are here to be measured.
 *
 * Why the automaton is the default: V8's regex engine tries an alternation's
 * branches one after another, so with a few hundred terms every word start
 * costs dozens of tests, and a pattern that size takes about half a second to
 * compile on first use. On the news-page corpus with 389 terms, a pass took
 * about 7× a bare char loop with the automaton, 28× with the trie regex behind
 * `\b`, 46× with the trie regex and 500× with the plain alternation.
 */
import { compileAlternation } from './alternation';
import { compileAutomaton } from './automaton';
import type { StrategyCompiler } from './span-finder';
import { compileTrieRegex, compileTrieRegexPrefilter } from './trie-regex';

export type { SpanFinder, SpanSink, StrategyCompiler } from './span-finder';

/** The strategies by name. */
export const MATCH_STRATEGIES = {
  /** One regex alternation of every term, longest first, behind a Unicode lookbehind. */
  alternation: compileAlternation,
  /** One regex shaped like a trie of the terms, behind a Unicode lookbehind. */
  'trie-regex': compileTrieRegex,
  /** The trie regex behind an ASCII `\b` prefilter, the exact word start checked in code. */
  'trie-regex-prefilter': compileTrieRegexPrefilter,
  /** A hand-written character-trie automaton. */
  automaton: compileAutomaton,
} satisfies Record<string, StrategyCompiler>;

/** Name of one of `MATCH_STRATEGIES`. */
export type MatchStrategy = keyof typeof MATCH_STRATEGIES;
