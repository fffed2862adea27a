/**
 * How compiled matcher tables travel: as plain JSON (in the content script's
 * bundle for the built-in notes, in `storage.local` for an imported pack),
 * and back. Only what a page runs is kept. The scanning DFA's rows are
 * mostly copies of their failure states' rows, so only a row's own
 * transitions travel; the trie travels as one parent and letter per node.
 * Loading rebuilds the typed arrays in one linear pass each: no trie, no
 * breadth-first search, no term is read again.
 */
import { Alphabet, kindRow, SPECIAL, type AutomatonTables } from './automaton';
import { packInts, unpackInts } from './packed-ints';
import type { GuardPhrase, MatcherTables, NeedRecord, PhraseRecord, RejectRecord, RuleRecord, WordSetRecord } from './compile';

/** Bumped whenever the shape below changes, so stored tables from an older version are compiled again. */
export const SHIPPED_FORMAT = 2;

/** One automaton, its integer arrays packed (`packed-ints.ts`). */
interface ShippedAutomaton {
  /** Per node from 1: how far back its parent is, and the letter that leads to it. */
  trie: string;
  /** Nodes where phrases end: distance from the previous such node, and how many end there. */
  ends: string;
  /** The phrase indices, node by node. */
  phraseIndex: string;
  classCount: number;
  candidateNodes: string;
  /** Per walk state from 2: the state whose row it starts from. */
  failOf: string;
  /** The DFA's own transitions: state (from the previous one), class, target (walk state or special, see `packTarget`). */
  overrides: string;
}

/** A DFA target as a small number: walk states even, special states (candidates...) odd. */
function packTarget(target: number): number {
  return target < SPECIAL ? target * 2 : (target - SPECIAL) * 2 + 1;
}

function unpackTarget(packed: number): number {
  return packed % 2 === 0 ? packed / 2 : (packed - 1) / 2 + SPECIAL;
}

/** A phrase as shipped: short keys, only what the page reads. */
interface ShippedPhrase {
  /** Case kept, words joined by single spaces: only case-sensitive phrases need it. */
  e?: string;
  /** 1: case-sensitive. */
  c?: 1;
  /** 1: takes plural endings. */
  p?: 1;
  t?: number;
  w?: string;
  r?: number;
  s?: number;
  b?: GuardPhrase[];
  a?: GuardPhrase[];
  g?: { id: number; count: number; name: number };
  k?: number[];
}

/** The compiled tables as JSON. */
export interface ShippedMatcher {
  format: typeof SHIPPED_FORMAT;
  letters: number[];
  topics: string[];
  topicCount: number;
  sets: WordSetRecord[];
  factCount: number;
  guardCount: number;
  guardLists: string[][][];
  rules: RuleRecord[];
  mainPhrases: ShippedPhrase[];
  main: ShippedAutomaton;
  nearPhrases: ShippedPhrase[];
  near: ShippedAutomaton;
}

function shipPhrase(phrase: PhraseRecord): ShippedPhrase {
  const shipped: ShippedPhrase = {};
  if (phrase.caseSensitive) {
    shipped.c = 1;
    shipped.e = phrase.exact;
  }
  if (phrase.takesPlural) shipped.p = 1;
  if (phrase.topic !== undefined) shipped.t = phrase.topic;
  if (phrase.term !== undefined) shipped.w = phrase.term;
  if (phrase.rule !== undefined) shipped.r = phrase.rule;
  if (phrase.set !== undefined) shipped.s = phrase.set;
  if (phrase.notBefore) shipped.b = phrase.notBefore;
  if (phrase.notAfter) shipped.a = phrase.notAfter;
  if (phrase.guard) shipped.g = phrase.guard;
  if (phrase.carries) shipped.k = phrase.carries;
  return shipped;
}

function loadPhrase(shipped: ShippedPhrase): PhraseRecord {
  const phrase: PhraseRecord = { exact: shipped.e ?? '', caseSensitive: shipped.c === 1, takesPlural: shipped.p === 1 };
  if (shipped.t !== undefined) phrase.topic = shipped.t;
  if (shipped.w !== undefined) phrase.term = shipped.w;
  if (shipped.r !== undefined) phrase.rule = shipped.r;
  if (shipped.s !== undefined) phrase.set = shipped.s;
  if (shipped.b) phrase.notBefore = shipped.b;
  if (shipped.a) phrase.notAfter = shipped.a;
  if (shipped.g) phrase.guard = shipped.g;
  if (shipped.k) phrase.carries = shipped.k;
  return phrase;
}

function shipAutomaton(tables: AutomatonTables, alphabet: Alphabet): ShippedAutomaton {
  const nodes = tables.depthOf.length;
  const parents: number[] = [];
  const letters: number[] = [];
  for (let node = 0; node < nodes; node++) {
    const row = tables.rowOf[node]!;
    if (row >= 0) {
      for (let letter = 1; letter < tables.stride; letter++) {
        const child = tables.rows[row + letter]!;
        if (child !== 0) {
          parents[child - 1] = node;
          letters[child - 1] = letter;
        }
      }
    } else if (tables.onlyChild[node]! !== 0) {
      parents[tables.onlyChild[node]! - 1] = node;
      letters[tables.onlyChild[node]! - 1] = tables.onlyLetter[node]!;
    }
  }
  const trie: number[] = [];
  for (let child = 1; child < nodes; child++) trie.push(child - parents[child - 1]!, letters[child - 1]!);
  const ends: number[] = [];
  let previousEnd = 0;
  for (let node = 0; node < nodes; node++) {
    const count = tables.phraseStart[node + 1]! - tables.phraseStart[node]!;
    if (count === 0) continue;
    ends.push(node - previousEnd, count);
    previousEnd = node;
  }
  const classCount = tables.classCount;
  const states = tables.delta.length / classCount;
  const overrides: number[] = [];
  const base = kindRow(alphabet);
  let previousState = 0;
  for (let state = 0; state < states; state++) {
    if (state === 1) continue;
    const from = state === 0 ? base : tables.delta.subarray(tables.failOf[state - 2]! * classCount, tables.failOf[state - 2]! * classCount + classCount);
    if (state >= 2 && tables.failOf[state - 2]! >= state) throw new Error('A failure state must come before its state');
    for (let cls = 0; cls < classCount; cls++) {
      const target = tables.delta[state * classCount + cls]!;
      if (target === from[cls]) continue;
      overrides.push(state - previousState, cls, packTarget(target));
      previousState = state;
    }
  }
  return {
    trie: packInts(trie),
    ends: packInts(ends),
    phraseIndex: packInts(tables.phraseIndex),
    classCount,
    candidateNodes: packInts(tables.candidateNodes),
    failOf: packInts(tables.failOf),
    overrides: packInts(overrides),
  };
}

function loadAutomaton(shipped: ShippedAutomaton, alphabet: Alphabet): AutomatonTables {
  const trie = unpackInts(shipped.trie);
  const nodes = trie.length / 2 + 1;
  const parents = new Int32Array(nodes);
  const childCount = new Int32Array(nodes);
  let stride = 1;
  for (let child = 1; child < nodes; child++) {
    const parent = child - trie[2 * (child - 1)]!;
    parents[child] = parent;
    childCount[parent]! += 1;
    stride = Math.max(stride, trie[2 * (child - 1) + 1]! + 1);
  }
  const rowOf = new Int32Array(nodes).fill(-1);
  let branching = 0;
  for (let node = 0; node < nodes; node++) if (node === 0 || childCount[node]! > 1) rowOf[node] = stride * branching++;
  const rows = new Int32Array(stride * branching);
  const onlyLetter = new Uint16Array(nodes);
  const onlyChild = new Int32Array(nodes);
  const depthOf = new Uint16Array(nodes);
  const viaSeparator = new Uint8Array(nodes);
  const spaceLetter = alphabet.letters.indexOf(32) + 1;
  for (let child = 1; child < nodes; child++) {
    const parent = parents[child]!;
    const letter = trie[2 * (child - 1) + 1]!;
    if (rowOf[parent]! >= 0) rows[rowOf[parent]! + letter] = child;
    else {
      onlyLetter[parent] = letter;
      onlyChild[parent] = child;
    }
    depthOf[child] = depthOf[parent]! + 1;
    viaSeparator[child] = letter === spaceLetter ? 1 : 0;
  }
  const counts = new Int32Array(nodes);
  const ends = unpackInts(shipped.ends);
  let node = 0;
  for (let index = 0; index < ends.length; index += 2) {
    node += ends[index]!;
    counts[node] = ends[index + 1]!;
  }
  const phraseStart = new Int32Array(nodes + 1);
  for (let at = 0; at < nodes; at++) phraseStart[at + 1] = phraseStart[at]! + counts[at]!;

  const classCount = shipped.classCount;
  const failOf = unpackInts(shipped.failOf);
  const states = failOf.length + 2;
  const delta = new Int32Array(states * classCount);
  const base = kindRow(alphabet);
  const overrides = unpackInts(shipped.overrides);
  let next = 0;
  let overrideState = overrides.length > 0 ? overrides[0]! : -1;
  for (let state = 0; state < states; state++) {
    if (state < 2) delta.set(base, state * classCount);
    else {
      const fail = failOf[state - 2]! * classCount;
      delta.copyWithin(state * classCount, fail, fail + classCount);
    }
    while (next < overrides.length && overrideState === state) {
      delta[state * classCount + overrides[next + 1]!] = unpackTarget(overrides[next + 2]!);
      next += 3;
      if (next < overrides.length) overrideState += overrides[next]!;
    }
  }
  return {
    stride,
    rowOf,
    rows,
    onlyLetter,
    onlyChild,
    depthOf,
    viaSeparator,
    phraseStart,
    phraseIndex: unpackInts(shipped.phraseIndex),
    delta,
    classCount,
    candidateNodes: unpackInts(shipped.candidateNodes),
    failOf,
  };
}

function shipRule(rule: RuleRecord): RuleRecord {
  return {
    id: rule.id,
    needs: rule.needs.map((need: NeedRecord) => ({ set: need.set, scope: need.scope, also: need.also, alsoScope: need.alsoScope })),
    rejects: rule.rejects.map((reject: RejectRecord) => ({ set: reject.set, scope: reject.scope, unless: reject.unless })),
    notBefore: rule.notBefore,
    notAfter: rule.notAfter,
  };
}

/** The tables as JSON-ready data, keeping only what a page runs. */
export function shipMatcher(tables: MatcherTables): ShippedMatcher {
  const alphabet = new Alphabet(tables.letters);
  return {
    format: SHIPPED_FORMAT,
    letters: [...tables.letters],
    topics: [...tables.topics],
    topicCount: tables.topicCount,
    sets: tables.sets.map((set) => ({ article: set.article, fact: set.fact, guards: set.guards.map((guard) => ({ ...guard })) })),
    factCount: tables.factCount,
    guardCount: tables.guardCount,
    guardLists: tables.guardLists,
    rules: tables.rules.map(shipRule),
    mainPhrases: tables.mainPhrases.map(shipPhrase),
    main: shipAutomaton(tables.main, alphabet),
    nearPhrases: tables.nearPhrases.map(shipPhrase),
    near: shipAutomaton(tables.near, alphabet),
  };
}

/** Rebuilds the tables a matcher runs from their shipped form. */
export function loadShippedMatcher(shipped: ShippedMatcher): MatcherTables {
  if (shipped.format !== SHIPPED_FORMAT) throw new Error(`Matcher tables of format ${String(shipped.format)} need compiling again`);
  const alphabet = new Alphabet(shipped.letters);
  return {
    letters: shipped.letters,
    topics: shipped.topics,
    topicCount: shipped.topicCount,
    sets: shipped.sets,
    factCount: shipped.factCount,
    guardCount: shipped.guardCount,
    guardLists: shipped.guardLists,
    rules: shipped.rules,
    mainPhrases: shipped.mainPhrases.map(loadPhrase),
    main: loadAutomaton(shipped.main, alphabet),
    nearPhrases: shipped.nearPhrases.map(loadPhrase),
    near: loadAutomaton(shipped.near, alphabet),
  };
}
