/**
 * Compiles terms, context rules and word lists into the tables the page
 * runs (`MatcherTables`). This runs at build time for the bundled notes and
 * when a reader imports a note pack; a page only loads the result.
 *
 * Two automata share one alphabet. The main one holds every term and every
 * word that some rule looks for in the whole article ("article facts"), so
 * one pass over a block finds both. The near one holds the words rules look
 * for only in the sentence or paragraph of a match; it runs on a block only
 * when a match there needs it.
 */
import { Alphabet, buildAutomaton, type AutomatonTables, type PhraseEnding, type PhraseShape } from './automaton';
import { termEntry } from './terms';
import { WORD_CLASSES } from './tokens';
import type { ContextRuleSource, MatcherSource, Scope, TermSource, WordListSource } from './types';

/** Scopes as numbers, nearest first. */
export const SCOPE_CODES: Readonly<Record<Scope, number>> = { sentence: 0, paragraph: 1, article: 2 };

/**
 * A phrase of a guard: words in text order, each a lower-cased literal, a
 * class ("{Name}"), or the index of a word list in `MatcherTables.guardLists`
 * (any of its entries, each one or more words, stands there).
 */
export type GuardPhrase = ReadonlyArray<string | number>;

/** One phrase an automaton finds, and what finding it means (what a page needs of it). */
/**
 * The phrases of one automaton by index: an array when compiled, records made
 * on first read when loaded from shipped tables (a page reads few of them).
 */
export interface PhraseList {
  readonly length: number;
  at(index: number): PhraseRecord | undefined;
}

export interface PhraseRecord extends PhraseEnding {
  /** For a term: its topic's index and the term as written. */
  topic?: number;
  term?: string;
  /** For a term: the index of its context rule. */
  rule?: number;
  /** For a word of a word set: the set's index. */
  set?: number;
  /** For a word of a word set: phrases that may not stand right before or after it for it to count. */
  notBefore?: GuardPhrase[];
  notAfter?: GuardPhrase[];
  /**
   * For a guarded word ("Israel", which may be part of a name): its id, and for an
   * article set the facts that count its uses and its uses in a name. One use in a
   * name ("Israel Adesanya") makes every bare use in the same article doubtful.
   */
  guard?: { id: number; count: number; name: number };
  /** Sets this phrase's own text counts for (a term or longer phrase swallows the words inside it). */
  carries?: number[];
}

/** A phrase as the compiler sees it: also its trie key and, for an exception, the sets it cancels. */
interface CompiledPhrase extends PhraseRecord, PhraseShape {
  /** For an exception ("Bank of Israel"): the sets whose words inside it do not count. */
  cancels?: number[];
}

/** A set of words some rule looks for. */
export interface WordSetRecord {
  /** Looked for in whole articles (its words are in the main automaton and counted as article facts). */
  article: boolean;
  /** The article fact that counts its unguarded words, or -1. */
  fact: number;
  /** The facts of its guarded words: uses, and uses in a name. */
  guards: Array<{ count: number; name: number }>;
}

export interface NeedRecord {
  set: number;
  scope: number;
  /** A second set that must occur too, or -1, and where (sentence or paragraph). */
  also: number;
  alsoScope: number;
}

export interface RejectRecord {
  set: number;
  scope: number;
  unless: number;
}

export interface RuleRecord {
  id: string;
  needs: NeedRecord[];
  rejects: RejectRecord[];
  notBefore: GuardPhrase[];
  notAfter: GuardPhrase[];
}

/** Everything a page needs to match, built once (`compiled-format.ts` ships it). */
export interface MatcherTables {
  /** Trie characters shared by both automata. */
  letters: number[];
  /** Topic ids, then the ids of other readings (silent: they win spans but mark nothing). */
  topics: string[];
  /** How many of `topics` are real topics; the rest are silent readings. */
  topicCount: number;
  sets: WordSetRecord[];
  factCount: number;
  /** How many guarded words there are (ids of `PhraseRecord.guard`). */
  guardCount: number;
  /** The word lists guard phrases refer to by index: each entry's words. */
  guardLists: string[][][];
  rules: RuleRecord[];
  mainPhrases: PhraseList;
  main: AutomatonTables;
  nearPhrases: PhraseList;
  near: AutomatonTables;
}

/** Raised for data the matcher cannot compile; the message names the entry. */
export class MatcherCompileError extends Error {
  override name = 'MatcherCompileError';
}

interface ExpandedWord {
  text: string;
  /** The list it came from, for its exceptions. */
  list: string | undefined;
}

const LIST_REFERENCE = /^@([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const CLASS_TOKEN = /\{[^}]*\}/;

/** The words of a phrase as the guards compare them: lower-cased literals and classes. */
function guardWords(phrase: string, where: string): string[] {
  const words: string[] = [];
  for (const piece of phrase.trim().split(/[\s\-\u2010-\u2015\u2212]+/u)) {
    if (piece === '') continue;
    if (piece.startsWith('{')) {
      if (!(WORD_CLASSES as readonly string[]).includes(piece)) {
        throw new MatcherCompileError(`${where}: unknown word class "${piece}" (use ${WORD_CLASSES.join(', ')})`);
      }
      words.push(piece);
      continue;
    }
    if (CLASS_TOKEN.test(piece)) throw new MatcherCompileError(`${where}: a class must be a whole word in "${phrase}"`);
    // "a.m." reads as the words "a" and "m", "Japan's" as "japan".
    const parts = piece
      .toLowerCase()
      .replace(/['’‘ʼ]s$/u, '')
      .split(/[^\p{L}\p{N}\p{M}_]+/u)
      .filter((part) => part !== '');
    words.push(...parts);
  }
  if (words.length === 0) throw new MatcherCompileError(`${where}: "${phrase}" has no words`);
  return words;
}

class SourceReader {
  constructor(private readonly lists: Readonly<Record<string, WordListSource>>) {}

  /** Expands "@list" references in a list of words and phrases. */
  expand(items: readonly string[], where: string): ExpandedWord[] {
    const words: ExpandedWord[] = [];
    for (const item of items) {
      const reference = LIST_REFERENCE.exec(item.trim());
      if (reference) {
        const list = this.lists[reference[1]!];
        if (!list) throw new MatcherCompileError(`${where}: unknown word list "${item}"`);
        for (const word of list.words) words.push({ text: word, list: reference[1] });
      } else {
        if (item.includes('@')) throw new MatcherCompileError(`${where}: "${item}" is neither a phrase nor a list reference like "@israel"`);
        if (CLASS_TOKEN.test(item)) throw new MatcherCompileError(`${where}: "${item}": word classes are allowed only in guards and exceptions`);
        words.push({ text: item, list: undefined });
      }
    }
    if (words.length === 0) throw new MatcherCompileError(`${where}: no words to look for`);
    return words;
  }

  /** Guard phrases with "@list" references expanded (each list word in place of the reference). */
  /** Word lists as guards use them, by index: each entry's words. Shared by every guard. */
  readonly guardLists: string[][][] = [];
  private readonly guardListIndex = new Map<string, number>();

  /** Guard phrases, a "@list" reference standing as one item for any of its entries. */
  guards(phrases: readonly string[] | undefined, where: string): GuardPhrase[] {
    const out: GuardPhrase[] = [];
    for (const phrase of phrases ?? []) {
      const items: Array<string | number> = [];
      for (const piece of phrase.trim().split(/\s+/u)) {
        const reference = LIST_REFERENCE.exec(piece);
        if (!reference && piece.startsWith('@')) throw new MatcherCompileError(`${where}: "${piece}" is not a list reference like "@israel"`);
        if (reference) {
          const name = reference[1]!;
          const list = this.lists[name];
          if (!list) throw new MatcherCompileError(`${where}: unknown word list "${piece}"`);
          let index = this.guardListIndex.get(name);
          if (index === undefined) {
            index = this.guardLists.length;
            this.guardLists.push(list.words.map((word) => guardWords(word, where)));
            this.guardListIndex.set(name, index);
          }
          items.push(index);
        } else {
          items.push(...guardWords(piece, where));
        }
      }
      out.push(items);
    }
    return out;
  }

  exceptionsOf(list: string): readonly string[] {
    return this.lists[list]?.except ?? [];
  }
}

/** A word set: the distinct `anyOf` (expanded) some rule uses. */
interface SetDraft {
  words: ExpandedWord[];
  article: boolean;
}

function phraseShape(text: string, caseSensitive: boolean, where: string): PhraseShape {
  try {
    const entry = termEntry('', text, caseSensitive);
    return { key: entry.key, exact: entry.exact, caseSensitive, takesPlural: entry.takesPlural };
  } catch {
    throw new MatcherCompileError(`${where}: "${text}" has no words`);
  }
}

/**
 * Whether a word of a list is an acronym ("US", "IDF", "U.S."), matched with
 * its case: "US" must not match the pronoun "us".
 */
function isAcronym(text: string): boolean {
  return /^[\p{Lu}\d.&-]+$/u.test(text) && /\p{Lu}.*\p{Lu}/u.test(text);
}

/** Compiles a matcher source into the tables a page loads. Throws `MatcherCompileError` naming the bad entry. */
export function compileMatcherTables(source: MatcherSource): MatcherTables {
  const reader = new SourceReader(source.wordLists ?? {});
  const ruleIndex = new Map(source.contexts.map((rule, index) => [rule.id, index]));
  if (ruleIndex.size !== source.contexts.length) throw new MatcherCompileError('two context rules share an id');

  // Word sets, one per distinct expanded `anyOf`.
  const sets: SetDraft[] = [];
  const setByKey = new Map<string, number>();
  const setOf = (items: readonly string[], article: boolean, where: string): number => {
    const words = reader.expand(items, where);
    const key = JSON.stringify(words.map((word) => [word.text, word.list ?? '']).sort());
    let index = setByKey.get(key);
    if (index === undefined) {
      index = sets.length;
      sets.push({ words, article });
      setByKey.set(key, index);
    } else if (article) {
      sets[index]!.article = true;
    }
    return index;
  };

  const rules: RuleRecord[] = source.contexts.map((rule: ContextRuleSource) => {
    const where = `context rule "${rule.id}"`;
    return {
      id: rule.id,
      needs: (rule.needs ?? []).map((need, index) => {
        const alsoWithin = need.alsoWithin ?? (need.within === 'article' ? 'sentence' : need.within);
        return {
          set: setOf(need.anyOf, need.within === 'article', `${where}, needs[${index}]`),
          scope: SCOPE_CODES[need.within],
          also: need.alsoAnyOf ? setOf(need.alsoAnyOf, false, `${where}, needs[${index}].alsoAnyOf`) : -1,
          alsoScope: SCOPE_CODES[alsoWithin],
        };
      }),
      rejects: (rule.rejects ?? []).map((reject, index) => ({
        set: setOf(reject.anyOf, false, `${where}, rejects[${index}]`),
        scope: SCOPE_CODES[reject.within],
        unless: reject.unlessAlso ? setOf(reject.unlessAlso, false, `${where}, rejects[${index}].unlessAlso`) : -1,
      })),
      notBefore: reader.guards(rule.notBefore, `${where}, notBefore`),
      notAfter: reader.guards(rule.notAfter, `${where}, notAfter`),
    };
  });

  let factCount = 0;
  let guardCount = 0;
  const setRecords: WordSetRecord[] = sets.map((set) => ({ article: set.article, fact: set.article ? factCount++ : -1, guards: [] }));

  // Real topics first, so a topic's index says whether it marks anything.
  const ordered = [...source.topics.filter((topic) => !topic.silent), ...source.topics.filter((topic) => topic.silent)];
  const topics = ordered.map((topic) => topic.id);
  if (new Set(topics).size !== topics.length) throw new MatcherCompileError('two topics share an id');
  const mainPhrases: CompiledPhrase[] = [];
  ordered.forEach((topic, topicIndex) => {
    topic.terms.forEach((term: TermSource) => {
      const where = `topic "${topic.id}", term "${term.text}"`;
      let rule: number | undefined;
      if (term.context !== undefined) {
        rule = ruleIndex.get(term.context);
        if (rule === undefined) throw new MatcherCompileError(`${where}: needs unknown context rule "${term.context}"`);
      }
      mainPhrases.push({ ...phraseShape(term.text, term.caseSensitive === true, where), topic: topicIndex, term: term.text, rule });
    });
  });
  const nearPhrases: CompiledPhrase[] = [];
  sets.forEach((set, setIndex) => {
    const target = set.article ? mainPhrases : nearPhrases;
    const where = `word set ${setIndex} (${set.words.slice(0, 3).map((word) => `"${word.text}"`).join(', ')}…)`;
    const seen = new Set<string>();
    const lists = new Set<string>();
    for (const word of set.words) {
      const shape = phraseShape(word.text, isAcronym(word.text), where);
      if (seen.has(shape.key)) continue;
      seen.add(shape.key);
      const record: CompiledPhrase = { ...shape, set: setIndex };
      if (word.list !== undefined) {
        lists.add(word.list);
        for (const exception of reader.exceptionsOf(word.list)) {
          const guard = classGuard(exception, shape.key, `word list "@${word.list}", except "${exception}"`);
          if (!guard) continue;
          if (guard.side === 'before') (record.notBefore ??= []).push(guard.words);
          else (record.notAfter ??= []).push(guard.words);
        }
      }
      if (record.notBefore || record.notAfter) {
        const facts = set.article ? { count: factCount++, name: factCount++ } : { count: -1, name: -1 };
        record.guard = { id: guardCount++, ...facts };
        if (set.article) setRecords[setIndex]!.guards.push(facts);
      }
      target.push(record);
    }
    for (const list of lists) {
      for (const exception of reader.exceptionsOf(list)) {
        if (exception.includes('{')) continue;
        const shape = phraseShape(exception, false, `word list "@${list}", except "${exception}"`);
        const same = target.find((phrase) => phrase.cancels && phrase.key === shape.key);
        if (same) {
          if (!same.cancels!.includes(setIndex)) same.cancels!.push(setIndex);
        } else {
          target.push({ ...shape, cancels: [setIndex] });
        }
      }
    }
  });

  // Other readings weigh whole articles only: their rules must look for their words there.
  for (const topic of source.topics) {
    if (!topic.silent) continue;
    for (const term of topic.terms) {
      const rule = term.context === undefined ? undefined : rules[ruleIndex.get(term.context)!];
      if (!rule || rule.needs.length === 0 || rule.needs.some((need) => need.scope !== SCOPE_CODES.article)) {
        throw new MatcherCompileError(`other reading "${topic.id}", term "${term.text}": its rule must look for its words in the whole article`);
      }
    }
  }
  const alphabet = new Alphabet(Alphabet.lettersOf([...mainPhrases, ...nearPhrases].map((phrase) => phrase.key)));
  checkNoHiddenTerms(mainPhrases);
  addCarriedSets(mainPhrases);
  addCarriedSets(nearPhrases);
  return {
    letters: [...alphabet.letters],
    topics,
    topicCount: source.topics.filter((topic) => !topic.silent).length,
    sets: setRecords,
    factCount,
    guardCount,
    guardLists: reader.guardLists,
    rules,
    mainPhrases,
    main: buildAutomaton(mainPhrases, alphabet),
    nearPhrases,
    near: buildAutomaton(nearPhrases, alphabet),
  };
}

/**
 * Reads an exception with a class ("Israel {Name}", "{Name} Israel") as a
 * guard on the list word it names; null for a literal exception or one about
 * another word of the list.
 */
function classGuard(exception: string, key: string, where: string): { side: 'before' | 'after'; words: string[] } | null {
  if (!exception.includes('{')) return null;
  const words = guardWords(exception, where);
  const literal = words.filter((word) => !word.startsWith('{')).join(' ');
  const keyWords = guardWords(key, where).join(' ');
  if (words[0]!.startsWith('{') && !words[words.length - 1]!.startsWith('{')) {
    if (literal !== keyWords) return null;
    return { side: 'before', words: words.slice(0, words.findIndex((word) => !word.startsWith('{'))) };
  }
  if (!words[0]!.startsWith('{') && words[words.length - 1]!.startsWith('{')) {
    if (literal !== keyWords) return null;
    const firstClass = words.findIndex((word) => word.startsWith('{'));
    return { side: 'after', words: words.slice(firstClass) };
  }
  throw new MatcherCompileError(`${where}: a class may stand only before or after the list's word`);
}

/**
 * The main automaton reports the leftmost, longest phrase, so a context
 * phrase that holds a whole term ("Bank of Israel" around a term "Israel")
 * would hide that term wherever it occurs: a data error. One whose last
 * words only begin a term ("Japan-U.S." before "U.S.-Israel treaty") hides it
 * only where the two run together, which news text does not do.
 */
function checkNoHiddenTerms(phrases: readonly CompiledPhrase[]): void {
  const termKeys = phrases.filter((phrase) => phrase.topic !== undefined).map((phrase) => phrase.key);
  const isTerm = new Set(termKeys);
  for (const phrase of phrases) {
    // A phrase that is itself a term is found as that term: terms among themselves take the longest, by design.
    if (phrase.topic !== undefined || isTerm.has(phrase.key)) continue;
    const words = phrase.key.split(' ');
    for (let from = 0; from < words.length; from++) {
      const rest = words.slice(from).join(' ');
      for (const term of termKeys) {
        const hidden = from === 0 ? rest.startsWith(`${term} `) : rest === term || rest.startsWith(`${term} `);
        if (hidden) {
          throw new MatcherCompileError(`the context phrase "${phrase.exact}" would hide the term "${term}": shorten or drop one`);
        }
      }
    }
  }
}

/**
 * Where a term or a longer phrase is found, the shorter words of other sets
 * inside it are not reported on their own (an automaton reports the longest
 * phrase); the phrase carries their sets instead ("U.S.-Israel defense pact"
 * counts as a mention of Israel).
 */
function addCarriedSets(phrases: CompiledPhrase[]): void {
  const words = phrases.filter((phrase) => phrase.set !== undefined);
  for (const phrase of phrases) {
    // A possessive inside the phrase still names its word: "Iran's nuclear program" counts as "Iran".
    const padded = ` ${phrase.key.replace(/'s?(?= |$)/g, '')} `;
    const carried = new Set<number>();
    for (const word of words) {
      const set = word.set!;
      if (set === phrase.set || phrase.cancels?.includes(set) || word.key === phrase.key) continue;
      if (padded.includes(` ${word.key} `)) carried.add(set);
    }
    // Sets the same span already names directly need no carrying.
    for (const other of phrases) if (other !== phrase && other.key === phrase.key && other.set !== undefined) carried.delete(other.set);
    if (carried.size > 0) phrase.carries = [...carried].sort((a, b) => a - b);
  }
}
