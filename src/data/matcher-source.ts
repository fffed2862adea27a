/**
 * What the matcher is compiled from, taken out of a notes file: its topics'
 * terms, its other readings (terms that win a span and mark nothing), its
 * context rules and word lists.
 */
import type { MatcherSource } from '../matching';
import type { Dataset } from './schema';

/** The matching part of a notes file. */
export function matcherSourceOf(data: Pick<Dataset, 'topics' | 'otherReadings' | 'contexts' | 'wordLists'>): MatcherSource {
  return {
    topics: [
      ...data.topics.map((topic) => ({ id: topic.id, terms: topic.terms })),
      ...data.otherReadings.map((reading) => ({ id: reading.id, terms: reading.terms, silent: true })),
    ],
    contexts: data.contexts,
    wordLists: data.wordLists,
  };
}
