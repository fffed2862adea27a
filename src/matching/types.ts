/**
 * What the matcher reads (terms, context rules, word lists: the `matching`
 * part of a note pack) and what it gives back.
 */

/** Where a rule looks for its words: the sentence of the match, its paragraph (block), or the whole article. */
export type Scope = 'sentence' | 'paragraph' | 'article';

/** One way an article names a topic. */
export interface TermSource {
  text: string;
  caseSensitive?: boolean;
  /** Id of the context rule that must vouch for a match. */
  context?: string;
}

export interface TopicTermsSource {
  id: string;
  terms: readonly TermSource[];
  /**
   * Another meaning of the same words, not a topic: when it has the nearest
   * evidence it wins the span and nothing is marked ("defense pact" in an
   * article about a Saudi-Pakistani pact).
   */
  silent?: boolean;
}

/**
 * A named list of words and phrases that rules share ("@israel"). `except`
 * lists phrases where the list's words do not count: literal phrases
 * ("Bank of Israel") or one word of the list next to a class ("Israel
 * {Name}": a person called Israel).
 */
export interface WordListSource {
  reason: string;
  words: readonly string[];
  except?: readonly string[];
}

/**
 * Words that vouch for a match when one of them is in the scope (outside the
 * match itself), and, with `alsoAnyOf`, one of those too (sentence or
 * paragraph scope only: "joint development" counts where Israel and a weapon
 * are both named).
 */
export interface NeedSource {
  anyOf: readonly string[];
  within: Scope;
  alsoAnyOf?: readonly string[];
  /** Where `alsoAnyOf` must be: the sentence or the paragraph (by default `within`, or the sentence when that is the article). */
  alsoWithin?: 'sentence' | 'paragraph';
}

/** Words that throw a match out when one of them is in the scope, unless one of `unlessAlso` is there too. */
export interface RejectSource {
  anyOf: readonly string[];
  within: 'sentence' | 'paragraph';
  unlessAlso?: readonly string[];
  reason: string;
}

/** When a term that names this rule may be trusted. */
export interface ContextRuleSource {
  id: string;
  reason: string;
  /**
   * At least one alternative must hold; the nearest one that holds is the
   * match's evidence. A rule without needs only throws matches out (its
   * guards and rejects).
   */
  needs?: readonly NeedSource[];
  rejects?: readonly RejectSource[];
  /** Phrases that may not end right before the match (words, "@list" or a class: {Name}, {number}, {year}). */
  notBefore?: readonly string[];
  /** Phrases that may not start right after the match. */
  notAfter?: readonly string[];
}

/** Everything the matcher is compiled from. */
export interface MatcherSource {
  topics: readonly TopicTermsSource[];
  contexts: readonly ContextRuleSource[];
  wordLists?: Readonly<Record<string, WordListSource>>;
}

/** One place in a text where a topic is named. Offsets are UTF-16 code units into the text searched. */
export interface Mention {
  /** Topic id. A span naming several topics yields one mention per topic. */
  topic: string;
  /** The data's term that matched, as written in the data. */
  term: string;
  /** The exact text matched. */
  text: string;
  start: number;
  end: number;
}

/** A topic a span may name once the article's words are known. */
export interface PendingCandidate {
  topic: string;
  term: string;
  /** Another reading, not a topic: if it wins, nothing is marked. */
  silent?: true;
  /** Word sets whose words anywhere in the article would vouch for it, and how many the span itself holds (those do not count). */
  sets: ReadonlyArray<{ set: number; own: number }>;
}

/** A span whose topic depends on words elsewhere in the article. */
export interface PendingSpan {
  start: number;
  end: number;
  text: string;
  candidates: readonly PendingCandidate[];
}

/** What one block of text holds. */
export interface BlockScan {
  /** Mentions decided by the block alone, in text order. */
  mentions: Mention[];
  /** Spans that wait for the rest of the article, or null. */
  pending: PendingSpan[] | null;
  /** How often each article fact occurs in the block (index: fact id), or null for none. */
  facts: Int32Array | null;
}

/**
 * Finds mentions. `scan` reads one block (a paragraph); `resolve` decides
 * the spans that wait for article context once the article's facts are
 * summed; `find` treats a text as a whole article on its own.
 */
export interface Matcher {
  /** How many article facts there are (the length of every `facts` array). */
  readonly factCount: number;
  scan(blockText: string): BlockScan;
  resolve(pending: readonly PendingSpan[], articleFacts: ArrayLike<number> | null): Mention[];
  find(text: string): Mention[];
}
