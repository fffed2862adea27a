/**
 * How compiled matcher tables travel: as plain JSON (in `storage.local`,
 * where the background keeps the built-in notes' tables and each imported
 * pack's own), and back. Only what a page runs is kept. Each automaton's arrays travel as
 * their own bytes, each as narrow as its values allow, in one base64 string:
 * loading is one native decode and a typed-array view per array, with no
 * pass of ours over nodes or numbers (`automaton.ts` keeps the trie flat and
 * the scanning DFA as each state's own transitions, so nothing is rebuilt).
 * The phrase records travel as JSON text inside the JSON, parsed on a scan's
 * first use of a phrase: parsing one long string costs a page a third of
 * making the thousand small objects (README, Benchmarks), and on most pages
 * no phrase is ever read.
 */
import { AUTOMATON_ARRAYS, type AutomatonTables, type IndexArray } from './automaton';
import { base64ToBytes, bytesToBase64 } from './base64';
import type { GuardPhrase, MatcherTables, NeedRecord, PhraseList, PhraseRecord, RejectRecord, RuleRecord, WordSetRecord } from './compile';

/** Bumped whenever the shape below changes, so stored tables from an older version are compiled again. */
export const SHIPPED_FORMAT = 4;

/** One automaton: its arrays' bytes and where each lies. */
interface ShippedAutomaton {
  classCount: number;
  /** Per array of `AUTOMATON_ARRAYS`, in order: its length and its element size in bytes (1, 2 or 4). */
  layout: number[];
  /** The arrays' little-endian bytes end to end, each starting on a multiple of 4, as base64. */
  bytes: string;
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

/** An automaton's phrases as shipped: how many, and the JSON text of their `ShippedPhrase[]` (read on first use). */
interface ShippedPhrases {
  count: number;
  json: string;
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
  mainPhrases: ShippedPhrases;
  main: ShippedAutomaton;
  nearPhrases: ShippedPhrases;
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

/** Whether this engine stores typed arrays little-endian, as the shipped bytes are. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Shipped phrases: their text is parsed when a scan first reads one of them,
 * and each becomes a `PhraseRecord` the first time it is read.
 */
class ShippedPhraseList implements PhraseList {
  private records: readonly ShippedPhrase[] | null = null;
  private readonly loaded: Array<PhraseRecord | undefined>;

  constructor(private readonly shipped: ShippedPhrases) {
    this.loaded = new Array<PhraseRecord | undefined>(shipped.count);
  }

  get length(): number {
    return this.shipped.count;
  }

  at(index: number): PhraseRecord | undefined {
    const known = this.loaded[index];
    if (known) return known;
    this.records ??= parsePhrases(this.shipped);
    const record = this.records[index];
    return record ? (this.loaded[index] = loadPhrase(record)) : undefined;
  }
}

function parsePhrases(shipped: ShippedPhrases): readonly ShippedPhrase[] {
  const records: unknown = JSON.parse(shipped.json);
  if (!Array.isArray(records) || records.length !== shipped.count) throw new Error(`Matcher tables: ${String(shipped.count)} phrases were shipped, but their text holds others`);
  return records as ShippedPhrase[];
}

function shipPhrases(list: PhraseList): ShippedPhrases {
  const records = Array.from({ length: list.length }, (_, index) => shipPhrase(list.at(index)!));
  return { count: records.length, json: JSON.stringify(records) };
}

function shipAutomaton(tables: AutomatonTables): ShippedAutomaton {
  if (!LITTLE_ENDIAN) throw new Error('Tables are shipped from a little-endian engine only');
  const arrays = AUTOMATON_ARRAYS.map((name) => tables[name]);
  const layout = arrays.flatMap((array) => [array.length, array.BYTES_PER_ELEMENT]);
  const bytes = new Uint8Array(arrays.reduce((total, array) => total + paddedSize(array), 0));
  let offset = 0;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += paddedSize(array);
  }
  return { classCount: tables.classCount, layout, bytes: bytesToBase64(bytes) };
}

function paddedSize(array: IndexArray): number {
  return Math.ceil(array.byteLength / 4) * 4;
}

const ARRAY_OF_SIZE = { 1: Uint8Array, 2: Uint16Array, 4: Int32Array } as const;

function loadAutomaton(shipped: ShippedAutomaton): AutomatonTables {
  const bytes = base64ToBytes(shipped.bytes);
  const arrays: Partial<Record<(typeof AUTOMATON_ARRAYS)[number], IndexArray>> = {};
  let offset = 0;
  AUTOMATON_ARRAYS.forEach((name, index) => {
    const length = shipped.layout[2 * index]!;
    const size = shipped.layout[2 * index + 1]!;
    const View = ARRAY_OF_SIZE[size as keyof typeof ARRAY_OF_SIZE];
    if (!View || !Number.isInteger(length) || length < 0 || offset + length * size > bytes.length) throw new Error(`Matcher tables: bad layout for ${name}`);
    // A big-endian engine (none ships today) reads each number byte by byte instead of viewing them.
    arrays[name] = LITTLE_ENDIAN ? new View(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length) : readLittleEndian(bytes, offset, length, size);
    offset += Math.ceil((length * size) / 4) * 4;
  });
  return { ...(arrays as Record<(typeof AUTOMATON_ARRAYS)[number], IndexArray>), classCount: shipped.classCount };
}

function readLittleEndian(bytes: Uint8Array, offset: number, length: number, size: number): IndexArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, length * size);
  const values = new Int32Array(length);
  for (let index = 0; index < length; index++) values[index] = size === 1 ? view.getUint8(index) : size === 2 ? view.getUint16(index * 2, true) : view.getInt32(index * 4, true);
  return values;
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
    mainPhrases: shipPhrases(tables.mainPhrases),
    main: shipAutomaton(tables.main),
    nearPhrases: shipPhrases(tables.nearPhrases),
    near: shipAutomaton(tables.near),
  };
}

/** Rebuilds the tables a matcher runs from their shipped form. */
export function loadShippedMatcher(shipped: ShippedMatcher): MatcherTables {
  if (shipped.format !== SHIPPED_FORMAT) throw new Error(`Matcher tables of format ${String(shipped.format)} need compiling again`);
  return {
    letters: shipped.letters,
    topics: shipped.topics,
    topicCount: shipped.topicCount,
    sets: shipped.sets,
    factCount: shipped.factCount,
    guardCount: shipped.guardCount,
    guardLists: shipped.guardLists,
    rules: shipped.rules,
    mainPhrases: new ShippedPhraseList(shipped.mainPhrases),
    main: loadAutomaton(shipped.main),
    nearPhrases: new ShippedPhraseList(shipped.nearPhrases),
    near: loadAutomaton(shipped.near),
  };
}
