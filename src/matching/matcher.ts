/**
 * Runs compiled tables over text: finds terms, then judges each match by its
 * context rule. A rule's words may vouch from right next to the match, the
 * sentence, the paragraph or the whole article. Where one span could name
 * several topics, the topic with the nearest evidence wins (a term without a
 * rule is certain; then a word right next to it, in its sentence, in its
 * paragraph, in its article), and among equals the one whose words occur
 * most often there. Other readings (silent topics) weigh whole articles only.
 *
 * A word that a list guards ("Israel", which may start a name) does not
 * count where it is part of a name, and once an article uses it in a name,
 * its bare uses there do not count either ("Israel" in a story about a
 * fighter called Israel Adesanya).
 */
import { Alphabet, Automaton } from './automaton';
import type { GuardPhrase, MatcherTables, NeedRecord, PhraseRecord, RuleRecord, WordSetRecord } from './compile';
import { isTitleCase, sentenceIndexAt, sentenceStarts, wordFits, wordsAfter, wordsBefore, type Word } from './tokens';
import type { BlockScan, Matcher, Mention, PendingCandidate, PendingSpan } from './types';

/** Strength of evidence, strongest first. */
const CERTAIN = 5;
const ADJACENT = 4;
const IN_SENTENCE = 3;
const IN_PARAGRAPH = 2;
const SENTENCE_SCOPE = 0;
const PARAGRAPH_SCOPE = 1;
const ARTICLE_SCOPE = 2;
/** What may stand between a match and a word after it for the word to count as next to it ("a treaty with Japan"). */
const LINK_AFTER = /^[\s,]*(?:(?:with|between|for|to|among|and)\s+(?:the\s+)?)?$/iu;
/** What may stand between a word and a match after it ("U.S.-Israeli defense treaty", "Japan's security treaty"). */
const LINK_BEFORE = /^(?:['’‘ʼ]s?)?[\s\-\u2010-\u2015\u2212]*$/u;
/** Most words a guard phrase reads next to a match. */
const GUARD_WORDS = 6;

const NO_MENTIONS: Mention[] = [];
/** The scan of a block with nothing in it; shared, never changed. */
const EMPTY_SCAN: BlockScan = Object.freeze({ mentions: NO_MENTIONS, pending: null, facts: null }) as BlockScan;

/** Where the words of each set occur in one block: parallel arrays. */
class Occurrences {
  sets: number[] = [];
  starts: number[] = [];
  ends: number[] = [];
  /** The guarded word's id, or -1. */
  guards: number[] = [];

  get length(): number {
    return this.sets.length;
  }

  add(set: number, start: number, end: number, guard = -1): void {
    this.sets.push(set);
    this.starts.push(start);
    this.ends.push(end);
    this.guards.push(guard);
  }
}

interface Judged {
  phrase: PhraseRecord;
  strength: number;
  count: number;
  /** How far the nearest vouching word stands from the match, in characters: among equals, the nearer wins. */
  distance: number;
  /** Sets whose words elsewhere in the article would vouch, when nothing near does. */
  sets: Array<{ set: number; own: number }> | null;
}

/** One block being judged: its text, and what was found in it, worked out only when a rule asks. */
class BlockContext {
  private starts: number[] | null = null;
  private nearFound: Occurrences | null = null;
  private readonly titleCase = new Map<number, boolean>();
  /** Guarded words used in a name in this block: their bare uses here do not count. */
  readonly nameUses = new Set<number>();

  constructor(
    readonly text: string,
    readonly main: Occurrences,
    private readonly runtime: CompiledRuntime,
  ) {}

  sentenceOf(position: number): number {
    this.starts ??= sentenceStarts(this.text);
    return sentenceIndexAt(this.starts, position);
  }

  /** Whether the sentence at `position` is set in title case (a headline): capitals say nothing about names there. */
  inTitleCase(position: number): boolean {
    const index = this.sentenceOf(position);
    let known = this.titleCase.get(index);
    if (known === undefined) {
      const starts = this.starts!;
      known = isTitleCase(this.text, starts[index]!, starts[index + 1] ?? this.text.length);
      this.titleCase.set(index, known);
    }
    return known;
  }

  /** Where the words of `set` occur in the block. */
  occurrencesOf(set: number): Occurrences {
    if (this.runtime.compiled.sets[set]!.article) return this.main;
    this.nearFound ??= this.runtime.scanNear(this);
    return this.nearFound;
  }

  /** A guard word list's entries, read nearest first (for words before a match) or in reading order. */
  guardList(index: number, backwards: boolean): readonly (readonly string[])[] {
    return this.runtime.guardList(index, backwards);
  }

  /** A guard phrase in reverse, its list entries reversed too (words before a match are read nearest first). */
  reversedGuard(phrase: GuardPhrase): readonly (string | number)[] {
    return this.runtime.reversedGuard(phrase);
  }

  /** Whether occurrence `k` of `found` counts (not a guarded word this block uses in a name). */
  counts(found: Occurrences, k: number): boolean {
    const guard = found.guards[k]!;
    return guard < 0 || !this.nameUses.has(guard);
  }
}

/**
 * Whether `items` (a guard phrase, in reading order away from the match) fit
 * `words` from index `at` on: literals and classes one word each, a list item
 * any of its entries.
 */
function itemsFit(
  context: BlockContext,
  items: readonly (string | number)[],
  item: number,
  words: readonly Word[],
  at: number,
  start: number,
  backwards: boolean,
): boolean {
  if (item === items.length) return true;
  const pattern = items[item]!;
  if (typeof pattern === 'number') {
    for (const entry of context.guardList(pattern, backwards)) {
      if (entry.length + at > words.length) continue;
      let fits = true;
      for (let k = 0; k < entry.length && fits; k++) fits = wordFits(context.text, words[at + k]!, entry[k]!);
      if (fits && itemsFit(context, items, item + 1, words, at + entry.length, start, backwards)) return true;
    }
    return false;
  }
  const word = words[at];
  if (!word || !wordFits(context.text, word, pattern)) return false;
  // In a headline set in title case every word is capitalized: a capital there proves no name.
  if (pattern === '{Name}' && context.inTitleCase(start)) return false;
  return itemsFit(context, items, item + 1, words, at + 1, start, backwards);
}

/** Whether words right before (or after) `[start, end)` spell one of the guard phrases. */
function guardHits(context: BlockContext, start: number, end: number, phrases: readonly GuardPhrase[], side: 'before' | 'after'): boolean {
  const words = side === 'before' ? wordsBefore(context.text, start, GUARD_WORDS) : wordsAfter(context.text, end, GUARD_WORDS);
  if (words.length === 0) return false;
  for (const phrase of phrases) {
    // Words before the match are read nearest first: so is the phrase, and every list entry in it.
    const items = side === 'before' ? context.reversedGuard(phrase) : phrase;
    if (itemsFit(context, items, 0, words, 0, start, side === 'before')) return true;
  }
  return false;
}

/** Whether a phrase's guards let this occurrence count (or this match stand). */
function passesGuards(
  context: BlockContext,
  start: number,
  end: number,
  guards: { notBefore?: readonly GuardPhrase[]; notAfter?: readonly GuardPhrase[] },
): boolean {
  if (guards.notBefore && guards.notBefore.length > 0 && guardHits(context, start, end, guards.notBefore, 'before')) return false;
  if (guards.notAfter && guards.notAfter.length > 0 && guardHits(context, start, end, guards.notAfter, 'after')) return false;
  return true;
}

/** How many words of `set` an article holds, going by its facts: guarded words drop out where the article uses them in names. */
export function evidenceOf(set: WordSetRecord, facts: ArrayLike<number>): number {
  let count = set.fact >= 0 ? (facts[set.fact] ?? 0) : 0;
  for (const guard of set.guards) if ((facts[guard.name] ?? 0) === 0) count += facts[guard.count] ?? 0;
  return count;
}

/** The runtime of one compiled matcher. */
class CompiledRuntime implements Matcher {
  readonly factCount: number;
  private readonly main: Automaton;
  private readonly near: Automaton;

  /** Guard lists with each entry reversed, for words before a match; and reversed phrases, both made on first use. */
  private reversedLists: Array<readonly (readonly string[])[]> | null = null;
  private readonly reversedPhrases = new Map<GuardPhrase, readonly (string | number)[]>();

  guardList(index: number, backwards: boolean): readonly (readonly string[])[] {
    if (!backwards) return this.compiled.guardLists[index] ?? [];
    this.reversedLists ??= this.compiled.guardLists.map((list) => list.map((entry) => [...entry].reverse()));
    return this.reversedLists[index] ?? [];
  }

  reversedGuard(phrase: GuardPhrase): readonly (string | number)[] {
    let reversed = this.reversedPhrases.get(phrase);
    if (!reversed) {
      reversed = [...phrase].reverse();
      this.reversedPhrases.set(phrase, reversed);
    }
    return reversed;
  }

  constructor(readonly compiled: MatcherTables) {
    const alphabet = new Alphabet(compiled.letters);
    this.main = new Automaton(compiled.main, alphabet, compiled.mainPhrases);
    this.near = new Automaton(compiled.near, alphabet, compiled.nearPhrases);
    this.factCount = compiled.factCount;
  }

  scan(text: string): BlockScan {
    let found: Occurrences | null = null;
    const spans: Array<{ start: number; end: number; terms: number[] }> = [];
    const guarded: Array<{ phrase: PhraseRecord; start: number; end: number }> = [];
    const phrases = this.compiled.mainPhrases;
    this.main.find(text, (start, end, indices) => {
      let terms: number[] | null = null;
      for (let k = 0; k < indices.length; k++) {
        const phrase = phrases.at(indices[k]!)!;
        if (phrase.topic !== undefined) (terms ??= []).push(indices[k]!);
        else if (phrase.set !== undefined) {
          // Guards need the block's sentences: judged after the pass, for the few words that have them.
          if (phrase.guard) guarded.push({ phrase, start, end });
          else (found ??= new Occurrences()).add(phrase.set, start, end);
        }
        if (phrase.carries) for (const set of phrase.carries) (found ??= new Occurrences()).add(set, start, end);
      }
      if (terms) spans.push({ start, end, terms });
    });
    if (spans.length === 0 && found === null && guarded.length === 0) return EMPTY_SCAN;

    const main: Occurrences = found ?? new Occurrences();
    const context = new BlockContext(text, main, this);
    let facts: Int32Array | null = null;
    const sets = this.compiled.sets;
    for (let k = 0; k < main.length; k++) {
      const fact = sets[main.sets[k]!]!.fact;
      if (fact >= 0) (facts ??= new Int32Array(this.factCount))[fact]! += 1;
    }
    for (const { phrase, start, end } of guarded) {
      const guard = phrase.guard!;
      if (passesGuards(context, start, end, phrase)) {
        main.add(phrase.set!, start, end, guard.id);
        if (guard.count >= 0) (facts ??= new Int32Array(this.factCount))[guard.count]! += 1;
      } else {
        context.nameUses.add(guard.id);
        if (guard.name >= 0) (facts ??= new Int32Array(this.factCount))[guard.name]! += 1;
      }
    }
    if (spans.length === 0) return facts ? { mentions: NO_MENTIONS, pending: null, facts } : EMPTY_SCAN;

    const mentions: Mention[] = [];
    let pending: PendingSpan[] | null = null;
    for (const span of spans) {
      const waiting = this.judgeSpan(context, span.start, span.end, span.terms, mentions);
      if (waiting) (pending ??= []).push(waiting);
    }
    return { mentions, pending, facts };
  }

  resolve(pending: readonly PendingSpan[], articleFacts: ArrayLike<number> | null): Mention[] {
    if (!articleFacts || pending.length === 0) return NO_MENTIONS;
    const mentions: Mention[] = [];
    const sets = this.compiled.sets;
    for (const span of pending) {
      let best = 0;
      const counts = span.candidates.map((candidate) => {
        let count = 0;
        for (const { set, own } of candidate.sets) count = Math.max(count, evidenceOf(sets[set]!, articleFacts) - own);
        best = Math.max(best, count);
        return count;
      });
      if (best <= 0) continue;
      const topics = new Set<string>();
      span.candidates.forEach((candidate, index) => {
        if (counts[index] !== best || topics.has(candidate.topic)) return;
        topics.add(candidate.topic);
        // Another reading of the words won: the span means something else here.
        if (candidate.silent) return;
        mentions.push({ topic: candidate.topic, term: candidate.term, text: span.text, start: span.start, end: span.end });
      });
    }
    return mentions;
  }

  find(text: string): Mention[] {
    const scan = this.scan(text);
    if (!scan.pending) return scan.mentions;
    const decided = this.resolve(scan.pending, scan.facts);
    if (decided.length === 0) return scan.mentions;
    return [...scan.mentions, ...decided].sort((a, b) => a.start - b.start);
  }

  /** Finds the near-scope words of a block (run only when a match there needs them). */
  scanNear(context: BlockContext): Occurrences {
    const found = new Occurrences();
    const phrases = this.compiled.nearPhrases;
    this.near.find(context.text, (start, end, indices) => {
      for (let k = 0; k < indices.length; k++) {
        const phrase = phrases.at(indices[k]!)!;
        if (phrase.set !== undefined) {
          if (!phrase.guard) found.add(phrase.set, start, end);
          else if (passesGuards(context, start, end, phrase)) found.add(phrase.set, start, end, phrase.guard.id);
          else context.nameUses.add(phrase.guard.id);
        }
        if (phrase.carries) for (const set of phrase.carries) found.add(set, start, end);
      }
    });
    return found;
  }

  /** Judges every term of one span; adds the mentions decided now, returns the span if it waits for the article. */
  private judgeSpan(context: BlockContext, start: number, end: number, terms: readonly number[], mentions: Mention[]): PendingSpan | null {
    const phrases = this.compiled.mainPhrases;
    const topicCount = this.compiled.topicCount;
    const judged: Judged[] = [];
    let best = 0;
    for (const index of terms) {
      const phrase = phrases.at(index)!;
      const rule = phrase.rule === undefined ? undefined : this.compiled.rules[phrase.rule]!;
      const verdict = rule ? this.judgeRule(context, start, end, phrase, rule) : { phrase, strength: CERTAIN, count: 0, distance: 0, sets: null };
      if (!verdict) continue;
      if (phrase.topic! >= topicCount) {
        // Other readings weigh whole articles only (the words of the block count towards the article's).
        verdict.strength = 0;
        verdict.sets = rule!.needs.map((need) => ({ set: need.set, own: this.countInside(context, need.set, start, end) }));
      }
      judged.push(verdict);
      best = Math.max(best, verdict.strength);
    }
    const text = context.text.slice(start, end);
    if (best > 0) {
      let most = 0;
      for (const verdict of judged) if (verdict.strength === best) most = Math.max(most, verdict.count);
      let nearest = Infinity;
      for (const verdict of judged) if (verdict.strength === best && verdict.count === most) nearest = Math.min(nearest, verdict.distance);
      const topics = new Set<number>();
      for (const verdict of judged) {
        const topic = verdict.phrase.topic!;
        if (verdict.strength !== best || verdict.count !== most || verdict.distance !== nearest || topics.has(topic)) continue;
        topics.add(topic);
        if (topic >= topicCount) continue;
        mentions.push({ topic: this.compiled.topics[topic]!, term: verdict.phrase.term!, text, start, end });
      }
      return null;
    }
    const candidates: PendingCandidate[] = [];
    const topics = new Set<number>();
    for (const verdict of judged) {
      const topic = verdict.phrase.topic!;
      if (!verdict.sets || topics.has(topic)) continue;
      topics.add(topic);
      const candidate: PendingCandidate = { topic: this.compiled.topics[topic]!, term: verdict.phrase.term!, sets: verdict.sets };
      if (topic >= topicCount) candidate.silent = true;
      candidates.push(candidate);
    }
    // A span only other readings wait for can never be marked.
    return candidates.some((candidate) => !candidate.silent) ? { start, end, text, candidates } : null;
  }

  /** The evidence for one term's rule at `[start, end)`, or null when the rule throws the match out. */
  private judgeRule(context: BlockContext, start: number, end: number, phrase: PhraseRecord, rule: RuleRecord): Judged | null {
    if (!passesGuards(context, start, end, rule)) return null;
    const sentence = context.sentenceOf(start);
    for (const reject of rule.rejects) {
      if (this.countNear(context, reject.set, start, end, reject.scope, sentence) === 0) continue;
      if (reject.unless >= 0 && this.countNear(context, reject.unless, start, end, reject.scope, sentence) > 0) continue;
      return null;
    }
    if (rule.needs.length === 0) return { phrase, strength: CERTAIN, count: 0, distance: 0, sets: null };
    let strength = 0;
    let count = 0;
    let distance = Infinity;
    let sets: Array<{ set: number; own: number }> | null = null;
    for (const need of rule.needs) {
      const verdict = this.judgeNeed(context, start, end, need, sentence);
      if (verdict.strength === 0) {
        if (verdict.article) (sets ??= []).push({ set: need.set, own: this.countInside(context, need.set, start, end) });
        continue;
      }
      const better =
        verdict.strength > strength ||
        (verdict.strength === strength && (verdict.count > count || (verdict.count === count && verdict.distance < distance)));
      if (better) {
        strength = verdict.strength;
        count = verdict.count;
        distance = verdict.distance;
      }
    }
    if (strength === 0 && !sets) return null;
    return { phrase, strength, count, distance, sets: strength === 0 ? sets : null };
  }

  /** How near one need's words are: its strength and count, or whether only the rest of the article can decide. */
  private judgeNeed(
    context: BlockContext,
    start: number,
    end: number,
    need: NeedRecord,
    sentence: number,
  ): { strength: number; count: number; distance: number; article: boolean } {
    // A word right next to the match decides on its own ("cooperation with Israel").
    if (this.isNextTo(context, need.set, start, end)) return { strength: ADJACENT, count: 1, distance: 0, article: false };
    if (need.also >= 0 && this.countNear(context, need.also, start, end, need.alsoScope, sentence) === 0) {
      return { strength: 0, count: 0, distance: Infinity, article: false };
    }
    const inSentence = this.countNear(context, need.set, start, end, SENTENCE_SCOPE, sentence);
    if (inSentence > 0) return { strength: IN_SENTENCE, count: inSentence, distance: this.nearest, article: false };
    if (need.scope === SENTENCE_SCOPE) return { strength: 0, count: 0, distance: Infinity, article: false };
    const inBlock = this.countNear(context, need.set, start, end, PARAGRAPH_SCOPE, sentence);
    if (inBlock > 0) return { strength: IN_PARAGRAPH, count: inBlock, distance: this.nearest, article: false };
    return { strength: 0, count: 0, distance: Infinity, article: need.scope === ARTICLE_SCOPE };
  }

  /** Whether a word of `set` stands right before the match, or right after it (with "with", "between"... allowed). */
  private isNextTo(context: BlockContext, set: number, start: number, end: number): boolean {
    const found = context.occurrencesOf(set);
    const text = context.text;
    for (let k = 0; k < found.length; k++) {
      if (found.sets[k] !== set || !context.counts(found, k)) continue;
      const from = found.starts[k]!;
      const to = found.ends[k]!;
      if (to <= start && start - to <= 3 && LINK_BEFORE.test(text.slice(to, start))) return true;
      if (from >= end && from - end <= 16 && LINK_AFTER.test(text.slice(end, from))) return true;
    }
    return false;
  }

  /** How far the nearest occurrence the last `countNear` counted stands from the match. */
  private nearest = Infinity;

  /** Occurrences of `set` outside `[start, end)`, in the match's sentence (scope 0) or anywhere in the block. */
  private countNear(context: BlockContext, set: number, start: number, end: number, scope: number, sentence: number): number {
    const found = context.occurrencesOf(set);
    let count = 0;
    this.nearest = Infinity;
    for (let k = 0; k < found.length; k++) {
      if (found.sets[k] !== set || !context.counts(found, k)) continue;
      const from = found.starts[k]!;
      const to = found.ends[k]!;
      if (from >= start && to <= end) continue;
      if (scope === SENTENCE_SCOPE && context.sentenceOf(from) !== sentence) continue;
      count++;
      this.nearest = Math.min(this.nearest, to <= start ? start - to : Math.max(0, from - end));
    }
    return count;
  }

  /** Occurrences of `set` inside `[start, end)`: the match's own words, which cannot vouch for it. */
  private countInside(context: BlockContext, set: number, start: number, end: number): number {
    const found = context.occurrencesOf(set);
    let count = 0;
    for (let k = 0; k < found.length; k++) {
      if (found.sets[k] === set && found.starts[k]! >= start && found.ends[k]! <= end) count++;
    }
    return count;
  }
}

/** A matcher over compiled tables: nothing is built but two small typed-array views. */
export function createMatcher(compiled: MatcherTables): Matcher {
  return new CompiledRuntime(compiled);
}
