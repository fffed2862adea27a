/**
 * Runs compiled tables over text: finds terms, then judges each match by its
 * context rule. A rule's words may vouch from the sentence, the paragraph or
 * the whole article. Where one span could name several topics, the topic
 * with the nearest evidence wins (sentence, then paragraph, then article; a
 * term without a rule counts as certain), and among equals the one whose
 * words occur most often there.
 */
import { Alphabet, Automaton } from './automaton';
import type { MatcherTables, GuardPhrase, PhraseRecord, RuleRecord } from './compile';
import { isTitleCase, sentenceIndexAt, sentenceStarts, wordFits, wordsAfter, wordsBefore } from './tokens';
import type { BlockScan, Matcher, Mention, PendingCandidate, PendingSpan } from './types';

/** Strength of evidence: a term with no rule, a word in the sentence, in the paragraph, none near. */
const CERTAIN = 4;
const IN_SENTENCE = 3;
const IN_PARAGRAPH = 2;
const SENTENCE_SCOPE = 0;
const ARTICLE_SCOPE = 2;

const NO_MENTIONS: Mention[] = [];
/** The scan of a block with nothing in it; shared, never changed. */
const EMPTY_SCAN: BlockScan = Object.freeze({ mentions: NO_MENTIONS, pending: null, facts: null }) as BlockScan;

/** Where the words of each set occur in one block: parallel arrays, in text order per automaton. */
class Occurrences {
  sets: number[] = [];
  starts: number[] = [];
  ends: number[] = [];

  get length(): number {
    return this.sets.length;
  }

  add(set: number, start: number, end: number): void {
    this.sets.push(set);
    this.starts.push(start);
    this.ends.push(end);
  }

  clear(): void {
    this.sets.length = 0;
    this.starts.length = 0;
    this.ends.length = 0;
  }
}

interface Judged {
  phrase: PhraseRecord;
  strength: number;
  count: number;
  facts: Array<{ fact: number; own: number }> | null;
}

/** One block being judged: its text, and what was found in it, worked out only when a rule asks. */
class BlockContext {
  private starts: number[] | null = null;
  private nearFound: Occurrences | null = null;
  private readonly titleCase = new Map<number, boolean>();

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
}

/** Whether words right before (or after) `[start, end)` spell one of the guard phrases. */
function guardHits(context: BlockContext, start: number, end: number, phrases: readonly GuardPhrase[], side: 'before' | 'after'): boolean {
  const text = context.text;
  let longest = 0;
  for (const phrase of phrases) longest = Math.max(longest, phrase.length);
  const words = side === 'before' ? wordsBefore(text, start, longest) : wordsAfter(text, end, longest);
  if (words.length === 0) return false;
  for (const phrase of phrases) {
    if (phrase.length > words.length) continue;
    let fits = true;
    for (let i = 0; i < phrase.length && fits; i++) {
      const pattern = side === 'before' ? phrase[phrase.length - 1 - i]! : phrase[i]!;
      const word = words[i]!;
      fits = wordFits(text, word, pattern);
      // In a headline set in title case every word is capitalized: a capital there proves no name.
      if (fits && pattern === '{Name}' && context.inTitleCase(start)) fits = false;
    }
    if (fits) return true;
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

/** The runtime of one compiled matcher. */
class CompiledRuntime implements Matcher {
  readonly factCount: number;
  private readonly main: Automaton;
  private readonly near: Automaton;
  private readonly found = new Occurrences();

  constructor(readonly compiled: MatcherTables) {
    const alphabet = new Alphabet(compiled.letters);
    this.main = new Automaton(compiled.main, alphabet, compiled.mainPhrases);
    this.near = new Automaton(compiled.near, alphabet, compiled.nearPhrases);
    this.factCount = compiled.factCount;
  }

  scan(text: string): BlockScan {
    const found = this.found;
    found.clear();
    const spans: Array<{ start: number; end: number; terms: number[] }> = [];
    const guarded: Array<{ phrase: PhraseRecord; start: number; end: number }> = [];
    const phrases = this.compiled.mainPhrases;
    this.main.find(text, (start, end, indices) => {
      let terms: number[] | null = null;
      for (let k = 0; k < indices.length; k++) {
        const phrase = phrases[indices[k]!]!;
        if (phrase.topic !== undefined) (terms ??= []).push(indices[k]!);
        else if (phrase.set !== undefined) {
          // Guards need the block's sentences: judged after the pass, for the few words that have them.
          if (phrase.notBefore || phrase.notAfter) guarded.push({ phrase, start, end });
          else found.add(phrase.set, start, end);
        }
        if (phrase.carries) for (const set of phrase.carries) found.add(set, start, end);
      }
      if (terms) spans.push({ start, end, terms });
    });
    if (spans.length === 0 && found.length === 0 && guarded.length === 0) return EMPTY_SCAN;

    const main = new Occurrences();
    const context = new BlockContext(text, main, this);
    for (let k = 0; k < found.length; k++) main.add(found.sets[k]!, found.starts[k]!, found.ends[k]!);
    for (const { phrase, start, end } of guarded) {
      if (passesGuards(context, start, end, phrase)) main.add(phrase.set!, start, end);
    }
    const facts = this.factsOf(main);
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
    for (const span of pending) {
      let best = 0;
      const counts = span.candidates.map((candidate) => {
        let count = 0;
        for (const { fact, own } of candidate.facts) count = Math.max(count, (articleFacts[fact] ?? 0) - own);
        best = Math.max(best, count);
        return count;
      });
      if (best <= 0) continue;
      const topics = new Set<string>();
      span.candidates.forEach((candidate, index) => {
        if (counts[index] !== best || topics.has(candidate.topic) || candidate.silent) return;
        topics.add(candidate.topic);
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
        const phrase = phrases[indices[k]!]!;
        if (phrase.set !== undefined && passesGuards(context, start, end, phrase)) found.add(phrase.set, start, end);
        if (phrase.carries) for (const set of phrase.carries) found.add(set, start, end);
      }
    });
    return found;
  }

  private factsOf(found: Occurrences): Int32Array | null {
    if (found.length === 0) return null;
    const facts = new Int32Array(this.factCount);
    const sets = this.compiled.sets;
    for (let k = 0; k < found.length; k++) {
      const fact = sets[found.sets[k]!]!.fact;
      if (fact >= 0) facts[fact]! += 1;
    }
    return facts;
  }

  /** Judges every term of one span; adds the mentions decided now, returns the span if it waits for the article. */
  private judgeSpan(context: BlockContext, start: number, end: number, terms: readonly number[], mentions: Mention[]): PendingSpan | null {
    const phrases = this.compiled.mainPhrases;
    const judged: Judged[] = [];
    let best = 0;
    for (const index of terms) {
      const phrase = phrases[index]!;
      const verdict =
        phrase.rule === undefined
          ? { phrase, strength: CERTAIN, count: 0, facts: null }
          : this.judgeRule(context, start, end, phrase, this.compiled.rules[phrase.rule]!);
      if (!verdict) continue;
      judged.push(verdict);
      best = Math.max(best, verdict.strength);
    }
    const text = context.text.slice(start, end);
    if (best > 0) {
      let most = 0;
      for (const verdict of judged) if (verdict.strength === best) most = Math.max(most, verdict.count);
      const topics = new Set<number>();
      for (const verdict of judged) {
        const topic = verdict.phrase.topic!;
        if (verdict.strength !== best || verdict.count !== most || topics.has(topic)) continue;
        topics.add(topic);
        // Another reading of the words won: the span means something else here.
        if (topic >= this.compiled.topicCount) continue;
        mentions.push({ topic: this.compiled.topics[topic]!, term: verdict.phrase.term!, text, start, end });
      }
      return null;
    }
    const candidates: PendingCandidate[] = [];
    const topics = new Set<number>();
    for (const verdict of judged) {
      if (!verdict.facts || topics.has(verdict.phrase.topic!)) continue;
      topics.add(verdict.phrase.topic!);
      const candidate: PendingCandidate = { topic: this.compiled.topics[verdict.phrase.topic!]!, term: verdict.phrase.term!, facts: verdict.facts };
      if (verdict.phrase.topic! >= this.compiled.topicCount) candidate.silent = true;
      candidates.push(candidate);
    }
    return candidates.length > 0 ? { start, end, text, candidates } : null;
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
    let strength = 0;
    let count = 0;
    let facts: Array<{ fact: number; own: number }> | null = null;
    for (const need of rule.needs) {
      const inSentence = this.countNear(context, need.set, start, end, SENTENCE_SCOPE, sentence);
      let needStrength = 0;
      let needCount = 0;
      if (inSentence > 0 && (need.also < 0 || this.countNear(context, need.also, start, end, SENTENCE_SCOPE, sentence) > 0)) {
        needStrength = IN_SENTENCE;
        needCount = inSentence;
      } else if (need.scope > SENTENCE_SCOPE) {
        const inBlock = this.countNear(context, need.set, start, end, 1, sentence);
        if (inBlock > 0 && (need.also < 0 || this.countNear(context, need.also, start, end, 1, sentence) > 0)) {
          needStrength = IN_PARAGRAPH;
          needCount = inBlock;
        } else if (inBlock === 0 && need.scope === ARTICLE_SCOPE) {
          (facts ??= []).push({ fact: this.compiled.sets[need.set]!.fact, own: this.countInside(context, need.set, start, end) });
        }
      }
      if (needStrength > strength || (needStrength === strength && needCount > count)) {
        strength = needStrength;
        count = needCount;
      }
    }
    if (strength === 0 && !facts) return null;
    return { phrase, strength, count, facts };
  }

  /** Occurrences of `set` outside `[start, end)`, in the match's sentence (scope 0) or anywhere in the block. */
  private countNear(context: BlockContext, set: number, start: number, end: number, scope: number, sentence: number): number {
    const found = context.occurrencesOf(set);
    let count = 0;
    for (let k = 0; k < found.length; k++) {
      if (found.sets[k] !== set) continue;
      const from = found.starts[k]!;
      const to = found.ends[k]!;
      if (from >= start && to <= end) continue;
      if (scope === SENTENCE_SCOPE && context.sentenceOf(from) !== sentence) continue;
      count++;
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
