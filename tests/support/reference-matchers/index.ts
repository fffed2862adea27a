/**
 * Slower ways of finding terms, kept only to check the shipped automaton and
 * to measure it against (`scripts/bench/matcher.ts`). Each finds the
 * leftmost-longest spans that spell a term; the agreement tests hold the
 * automaton to the same answers. None of this is bundled into the extension.
 */
import { Alphabet, Automaton, buildAutomaton } from '@/src/matching/automaton';
import type { TermEntry } from '@/src/matching/terms';
import { compileAlternation } from './alternation';
import type { StrategyCompiler } from './span-finder';
import { compileTrieRegex, compileTrieRegexPrefilter } from './trie-regex';

export type { SpanFinder, SpanSink, StrategyCompiler } from './span-finder';

/** The shipped automaton over bare term entries, in the reference matchers' shape. */
export const compileAutomatonFinder: StrategyCompiler = (entries: readonly TermEntry[]) => {
  const alphabet = new Alphabet(Alphabet.lettersOf(entries.map((entry) => entry.key)));
  const automaton = new Automaton(buildAutomaton(entries, alphabet), alphabet, entries);
  return (text, emit) => automaton.find(text, (start, end, indices) => emit(start, end, indices.map((index) => entries[index]!)));
};

/** The finders by name. */
export const MATCH_STRATEGIES = {
  /** One regex alternation of every term, longest first, behind a Unicode lookbehind. */
  alternation: compileAlternation,
  /** One regex shaped like a trie of the terms, behind a Unicode lookbehind. */
  'trie-regex': compileTrieRegex,
  /** The trie regex behind an ASCII `\b` prefilter, the exact word start checked in code. */
  'trie-regex-prefilter': compileTrieRegexPrefilter,
  /** The shipped automaton (src/matching/automaton.ts). */
  automaton: compileAutomatonFinder,
} satisfies Record<string, StrategyCompiler>;

/** Name of one of `MATCH_STRATEGIES`. */
export type MatchStrategy = keyof typeof MATCH_STRATEGIES;
