/**
 * How big an imported note pack may be. A pack is untrusted input: these
 * bounds keep its compile quick when it is imported, its tables small in
 * storage, and its work on every page it runs on modest. Each is far above
 * what a careful set of notes needs (the built-in pack has 16 topics, about
 * 800 terms and 50 findings).
 */
export const PACK_LIMITS = Object.freeze({
  /** The file, in bytes (as UTF-8). */
  fileBytes: 1_000_000,
  topics: 100,
  /** Terms over all topics and other readings. */
  terms: 3000,
  findings: 1000,
  reports: 200,
  contexts: 300,
  wordLists: 100,
  wordsPerList: 1000,
  /** Any one string: a summary, a finding, a title. */
  stringLength: 2000,
  /** A term, a word of a list, a guard phrase. */
  phraseLength: 120,
  /** Words in a guard phrase ("with @other-parties" counts each list entry's words too). */
  guardWords: 6,
  /** Examples per rule. */
  examples: 20,
});
