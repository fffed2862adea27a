/**
 * Text → mentions. `compileMatcher` turns the data's terms and context rules
 * into one matcher, compiled once; `find` is then called per block of text.
 * Pure: no DOM, no browser API, so `npm run scan` runs the same code in Node.
 *
 * What a term matches: any case unless the term is case-sensitive; whole words
 * only (letters, digits, marks and "_" are word characters), and a term that
 * starts or ends with a digit does not match inside a longer number or date
 * ("10/7/2023", "110/70"); any run of whitespace or dashes between its words
 * (and where it has a hyphen, as in "U.S.-Israel"); any apostrophe for an
 * apostrophe; an optional plural "s"/"es" after a final letter and an optional
 * possessive "'s". Periods are literal. Where terms overlap, the leftmost wins,
 * then the longest; a span several topics name gives one mention per topic.
 */
import type { Dataset } from '../data/schema';
import { BlockContext, compileContextRules } from './context';
import type { StrategyCompiler } from './strategies/span-finder';
import { compileAutomaton } from './strategies/automaton';
import { compileTerms } from './terms';
import type { Matcher, Mention } from './types';

export type { Matcher, Mention } from './types';

/** How `compileMatcher` finds terms unless told otherwise: the fastest in `scripts/bench-matcher.ts`. */
export const defaultStrategy: StrategyCompiler = compileAutomaton;

/** Options for `compileMatcher`; the defaults are what the extension uses. */
export interface MatcherOptions {
  /** How terms are found: one of `MATCH_STRATEGIES` in `./strategies`, `defaultStrategy` when left out. */
  strategy?: StrategyCompiler;
}

/**
 * Compiles the data's terms and context rules into a matcher. Throws when a
 * term names a context rule that does not exist or a reject pattern is not a
 * valid regular expression, so bad data fails at build and test time.
 */
export function compileMatcher(data: Pick<Dataset, 'topics' | 'contexts'>, options: MatcherOptions = {}): Matcher {
  const strategy = options.strategy ?? defaultStrategy;
  const entries = compileTerms(data.topics);
  const rules = compileContextRules(data.contexts, strategy);
  for (const entry of entries) {
    if (entry.context !== undefined && !rules.has(entry.context)) {
      throw new Error(`Term "${entry.term}" of topic "${entry.topic}" needs unknown context rule "${entry.context}"`);
    }
  }
  const findSpans = strategy(entries);

  return {
    find(blockText) {
      const mentions: Mention[] = [];
      // Created on the first match that needs context: most blocks never pay for it.
      let context: BlockContext | undefined;
      findSpans(blockText, (start, end, named) => {
        const text = blockText.slice(start, end);
        const topicsDone = new Set<string>();
        for (const entry of named) {
          if (topicsDone.has(entry.topic)) continue;
          if (entry.context !== undefined) {
            context ??= new BlockContext(rules, blockText);
            if (!context.trusts(entry.context, start, end)) continue;
          }
          topicsDone.add(entry.topic);
          mentions.push({ topic: entry.topic, term: entry.term, text, start, end });
        }
      });
      return mentions;
    },
  };
}
