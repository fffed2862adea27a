/**
 * Finds phrases in text with a hand-written automaton in two layers. The
 * phrases' lower-cased keys form a character trie, frozen into typed arrays.
 * A scanning DFA built from that trie (Aho-Corasick, anchored at word
 * starts) reads the text one table lookup per character, with no branch but
 * "is this spot special?"; only where a phrase may start does the exact trie
 * walk run (case, endings, number tokens). The lookup-per-character loop is
 * what makes the scan cheap: a loop that branches on "still in a word?"
 * mispredicts at every word end.
 *
 * Everything is built once, by `buildAutomaton`, at build time for the
 * bundled notes and at import time for a note pack. What a page gets is the
 * plain `AutomatonTables`, read straight from their bytes
 * (`compiled-format.ts`); `Automaton` only wraps them, filling in the DFA
 * rows a scan reaches as it reaches them.
 */
import { CharKind, foldCode, isWordAt, kindOf } from './characters';
import { canonicalSpan, endOfMatch } from './terms';

/** What the automaton checks of each phrase where the trie says it may end. */
export interface PhraseEnding {
  caseSensitive: boolean;
  /** Words joined by single spaces, case kept: what a case-sensitive match must read as. */
  exact: string;
  /** Whether plural endings may follow (only after a letter: "MDTs", not "10/7s"). */
  takesPlural: boolean;
}

/** What the automaton is built from: a phrase's ending rules and its trie key. */
export interface PhraseShape extends PhraseEnding {
  /** Words joined by single spaces, lower-cased: its path in the trie. */
  key: string;
}

/** Receives one found span and the indices (into the phrases it was built from) of every phrase it spells. */
export type SpanSink = (start: number, end: number, phrases: readonly number[]) => void;

/** Separator runs walk the trie as one space, apostrophes as a straight one: the shape of `PhraseShape.key`. */
const SPACE = 32;
const APOSTROPHE = 39;

const WORD = CharKind.Word;
const SEPARATOR = CharKind.Separator;
const SURROGATE = CharKind.Surrogate;
/** Input classes below this are bare character kinds; from here on, one class per trie character. */
export const LETTER_CLASS_BASE = 7;
/**
 * Walk states are positive: each is a row of the DFA. Row 0 is never a
 * state, so a 0 read from the DFA means its row is not filled in yet (see
 * `lazyScanner`): a fresh, zeroed table needs no fill pass.
 */
const UNFILLED_STATE = 0;
/** Scanner states: after a non-word character (a word may start), and inside a word no phrase starts with. */
const AT_WORD_START = 1;
const IN_WORD = 2;
/** Where walk states for trie nodes begin. */
const FIRST_NODE_STATE = 3;
/**
 * Negative states are spots to handle in code: a character not classified
 * yet, half of a surrogate pair, and then one candidate state per trie node
 * where the exact walk takes over (counting down).
 */
const UNKNOWN_STATE = -1;
const SURROGATE_STATE = -2;
const FIRST_CANDIDATE_STATE = -3;
/** Trie steps from a word start the scanner takes itself before handing the spot to the exact walk (8 measured fastest). */
const CANDIDATE_DEPTH = 8;

/** The trie characters of one compiled matcher (shared by its automata), and how each code unit reads. */
export class Alphabet {
  /** `letters[id - 1]`: the trie character (a folded code unit, space or apostrophe) with that id. */
  readonly letters: readonly number[];
  /** The kind of each letter id's characters; index 0 is unused. */
  readonly letterKinds: Uint8Array;
  private readonly idOf: Map<number, number>;
  /** Per code unit: its input class, 0 until first seen (see `classOf`); allocated on first use. */
  private classes: Uint16Array | null = null;

  constructor(letters: readonly number[]) {
    this.letters = letters;
    this.idOf = new Map(letters.map((code, index) => [code, index + 1]));
    this.letterKinds = new Uint8Array(letters.length + 1);
    letters.forEach((code, index) => (this.letterKinds[index + 1] = kindOf(code)));
  }

  /** Input classes: the bare kinds, then one per letter. */
  get classCount(): number {
    return LETTER_CLASS_BASE + this.letters.length + 1;
  }

  /** The table the scanner reads: code unit → input class (0: not classified yet, call `learn`). */
  get table(): Uint16Array {
    return (this.classes ??= new Uint16Array(0x10000));
  }

  /** Classifies a code unit and remembers it: its letter's class if a phrase uses it, else its bare kind. */
  learn(code: number): number {
    const kind = kindOf(code);
    const edge = kind === SEPARATOR ? SPACE : kind === CharKind.Apostrophe ? APOSTROPHE : foldCode(code);
    const letter = this.idOf.get(edge) ?? 0;
    const cls = letter !== 0 ? letter + LETTER_CLASS_BASE : kind;
    this.table[code] = cls;
    return cls;
  }

  /** The input class of a code unit. */
  classOf(code: number): number {
    const known = this.table[code]!;
    return known !== 0 ? known : this.learn(code);
  }

  /** The kind of characters of an input class. */
  kindOfClass(cls: number): number {
    return cls < LETTER_CLASS_BASE ? cls : this.letterKinds[cls - LETTER_CLASS_BASE]!;
  }

  /** Collects the trie characters of `keys` (in first-seen order) for a new alphabet. */
  static lettersOf(keys: Iterable<string>): number[] {
    const seen = new Set<number>();
    for (const key of keys) for (let i = 0; i < key.length; i++) seen.add(key.charCodeAt(i));
    return [...seen];
  }
}

/** An array of small non-negative integers: typed as narrow as its largest value allows, so shipped tables stay small. */
export type IndexArray = Uint8Array | Uint16Array | Int32Array;

/**
 * The trie and the scanning DFA as flat arrays: what `buildAutomaton`
 * produces, what travels (as the arrays' bytes, `compiled-format.ts`) and
 * what `Automaton` runs, with nothing to rebuild in between. The trie is
 * numbered breadth first with each node's children in letter order, so a
 * node's children are a contiguous run and depths only grow: no per-node
 * rows or depths need storing. The DFA travels as each walk state's own
 * transitions; the rows a scan reaches are filled in on first use.
 */
export interface AutomatonTables {
  /** Node `n`'s children are `childStart[n] .. childStart[n + 1] - 1`, in letter order (node 0 is the root). */
  childStart: IndexArray;
  /** The letter id of the step into each node (0 for the root). */
  letterOf: IndexArray;
  /** The first node at each depth from 0, then the node count: depths never fall in breadth-first order. */
  depthStart: IndexArray;
  /** The nodes where phrases' words end, ascending; few nodes do, so no per-node array. */
  endNodes: IndexArray;
  /** The phrase indices ending at `endNodes[k]`: `phraseIndex[endStart[k] .. endStart[k + 1])`. */
  endStart: IndexArray;
  phraseIndex: IndexArray;
  /** Input classes of the DFA (the alphabet's `classCount`). */
  classCount: number;
  /** The trie node of each candidate state, by `FIRST_CANDIDATE_STATE - state`. */
  candidateNodes: IndexArray;
  /** For each walk state from 2, the state whose row it starts from (always an earlier one). */
  failOf: IndexArray;
  /** Each walk state's own transitions: `overrideClass`/`overrideTarget[overrideStart[state] .. overrideStart[state + 1])`. */
  overrideStart: IndexArray;
  overrideClass: IndexArray;
  /** Targets as `packTarget` writes them. */
  overrideTarget: IndexArray;
}

/** The names of `AutomatonTables`' arrays, in the order they travel. */
export const AUTOMATON_ARRAYS = [
  'childStart',
  'letterOf',
  'depthStart',
  'endNodes',
  'endStart',
  'phraseIndex',
  'candidateNodes',
  'failOf',
  'overrideStart',
  'overrideClass',
  'overrideTarget',
] as const satisfies ReadonlyArray<keyof AutomatonTables>;

/** The narrowest typed array for these non-negative integers. */
export function narrowArray(values: ArrayLike<number>): IndexArray {
  let largest = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new RangeError(`Cannot store ${value} in the tables`);
    if (value > largest) largest = value;
  }
  return largest < 0x100 ? Uint8Array.from(values) : largest < 0x10000 ? Uint16Array.from(values) : Int32Array.from(values);
}

/** A DFA target as a small number: walk states even, special states (candidates...) odd. */
export function packTarget(target: number): number {
  return target > 0 ? target * 2 : -target * 2 + 1;
}

function unpackTarget(packed: number): number {
  return packed % 2 === 0 ? packed / 2 : -(packed - 1) / 2;
}

/** The node `letter` leads to from `node`, 0 for none: a short run of sorted letters, read only where the exact walk runs. */
function step(tables: Pick<AutomatonTables, 'childStart' | 'letterOf'>, node: number, letter: number): number {
  const { childStart, letterOf } = tables;
  const end = childStart[node + 1]!;
  for (let child = childStart[node]!; child < end; child++) {
    const found = letterOf[child]!;
    if (found === letter) return child;
    if (found > letter) return 0;
  }
  return 0;
}

/** Where `node` is in the ascending `endNodes`, -1 if no phrase ends there. */
function endIndexOf(endNodes: IndexArray, node: number): number {
  let low = 0;
  let high = endNodes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = endNodes[middle]!;
    if (found === node) return middle;
    if (found < node) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** How many trie steps lead to `node`. */
function depthOf(depthStart: IndexArray, node: number): number {
  let depth = 0;
  while (depthStart[depth + 1]! <= node) depth++;
  return depth;
}

/** Builds the trie and the scanning DFA for `phrases` over `alphabet`. */
export function buildAutomaton(phrases: readonly PhraseShape[], alphabet: Alphabet): AutomatonTables {
  const idOf = new Map(alphabet.letters.map((code, index) => [code, index + 1]));
  // First as maps, in phrase order; then renumbered breadth first.
  const children: Array<Map<number, number>> = [new Map()];
  const phrasesAt: number[][] = [[]];
  phrases.forEach((phrase, phraseIndex) => {
    let node = 0;
    for (let i = 0; i < phrase.key.length; i++) {
      const letter = idOf.get(phrase.key.charCodeAt(i));
      if (letter === undefined) throw new Error(`The alphabet lacks a character of "${phrase.key}"`);
      let child = children[node]!.get(letter);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        phrasesAt.push([]);
        children[node]!.set(letter, child);
      }
      node = child;
    }
    phrasesAt[node]!.push(phraseIndex);
  });
  const order = [0];
  const letters = [0];
  const depths = [0];
  const childStart: number[] = [];
  for (let index = 0; index < order.length; index++) {
    childStart.push(order.length);
    for (const [letter, child] of [...children[order[index]!]!].sort((a, b) => a[0] - b[0])) {
      order.push(child);
      letters.push(letter);
      depths.push(depths[index]! + 1);
    }
  }
  childStart.push(order.length);
  const depthStart: number[] = [];
  depths.forEach((depth, node) => {
    while (depthStart.length <= depth) depthStart.push(node);
  });
  depthStart.push(order.length);
  const endNodes: number[] = [];
  const endStart: number[] = [];
  const phraseIndex: number[] = [];
  order.forEach((old, node) => {
    if (phrasesAt[old]!.length === 0) return;
    endNodes.push(node);
    endStart.push(phraseIndex.length);
    phraseIndex.push(...phrasesAt[old]!);
  });
  endStart.push(phraseIndex.length);
  const trie = {
    childStart: Int32Array.from(childStart),
    letterOf: Int32Array.from(letters),
    depthStart: Int32Array.from(depthStart),
  };
  const endsPhrase = new Set(endNodes);
  const scanner = buildScanner(trie, depths, (node) => endsPhrase.has(node), alphabet);
  const narrow = {
    childStart: narrowArray(trie.childStart),
    letterOf: narrowArray(trie.letterOf),
    depthStart: narrowArray(trie.depthStart),
    endNodes: narrowArray(endNodes),
    endStart: narrowArray(endStart),
    phraseIndex: narrowArray(phraseIndex),
    classCount: alphabet.classCount,
    candidateNodes: narrowArray(scanner.candidateNodes),
    failOf: narrowArray(scanner.failOf),
  };
  return { ...narrow, ...ownTransitions(scanner.delta, scanner.failOf, alphabet) };
}

/** The DFA row every automaton over `alphabet` starts from: outside the trie, a character's kind alone decides. */
export function kindRow(alphabet: Alphabet): Int32Array {
  const classCount = alphabet.classCount;
  const row = new Int32Array(classCount);
  for (let cls = 0; cls < classCount; cls++) {
    const kind = alphabet.kindOfClass(cls);
    row[cls] = cls === 0 ? UNKNOWN_STATE : kind === SURROGATE ? SURROGATE_STATE : kind === WORD ? IN_WORD : AT_WORD_START;
  }
  return row;
}

/**
 * Builds the scanning DFA over character classes: an Aho-Corasick automaton
 * of the phrases, anchored at word starts. Its walk states are "a word may
 * start here", "inside a word no phrase starts with", and the trie nodes of
 * the first CANDIDATE_DEPTH steps. A node whose path (or a suffix of its
 * path that starts a word) spells a whole phrase, or that lies
 * CANDIDATE_DEPTH steps deep, becomes a candidate state instead: the exact
 * walk takes over there, from the path's start.
 */
function buildScanner(
  trie: Pick<AutomatonTables, 'childStart' | 'letterOf'>,
  depths: readonly number[],
  endsPhrase: (node: number) => boolean,
  alphabet: Alphabet,
): { delta: Int32Array; candidateNodes: number[]; failOf: number[] } {
  const classCount = alphabet.classCount;
  const delta = new Int32Array((depths.length + 2) * classCount);
  const candidateNodes: number[] = [];
  const walkNodes: number[] = [];
  /** The state of each trie node given one so far. */
  const stateOf = new Map<number, number>();
  /** For each walk node, the state of the longest proper suffix of its path that starts a word. */
  const failOfNode = new Map<number, number>();
  const letterCount = classCount - LETTER_CLASS_BASE;
  const spaceLetter = alphabet.letters.indexOf(SPACE) + 1;

  const stateFor = (node: number, suffixEndsPhrase: boolean): number => {
    let state = stateOf.get(node);
    if (state !== undefined) return state;
    if (suffixEndsPhrase || endsPhrase(node) || depths[node]! >= CANDIDATE_DEPTH) {
      state = FIRST_CANDIDATE_STATE - candidateNodes.length;
      candidateNodes.push(node);
    } else {
      state = FIRST_NODE_STATE + walkNodes.length;
      walkNodes.push(node);
    }
    stateOf.set(node, state);
    return state;
  };

  const base = kindRow(alphabet);
  delta.set(base, AT_WORD_START * classCount);
  delta.set(base, IN_WORD * classCount);
  for (let letter = 1; letter < letterCount; letter++) {
    const child = step(trie, 0, letter);
    if (child === 0) continue;
    const state = stateFor(child, false);
    delta[AT_WORD_START * classCount + LETTER_CLASS_BASE + letter] = state;
    // After one character, a word starts again only if that character was not part of a word.
    if (state > 0) failOfNode.set(child, alphabet.letterKinds[letter] === WORD ? IN_WORD : AT_WORD_START);
  }
  const failOf: number[] = [];
  // Breadth first, so a node's failure state (a shorter path) has its row filled already.
  for (let index = 0; index < walkNodes.length; index++) {
    const node = walkNodes[index]!;
    const state = stateOf.get(node)!;
    const row = state * classCount;
    const fail = failOfNode.get(node)!;
    failOf[state - FIRST_NODE_STATE] = fail;
    const failRow = fail * classCount;
    // Wherever the path cannot go on, go where its suffix would.
    delta.copyWithin(row, failRow, failRow + classCount);
    for (let letter = 1; letter < letterCount; letter++) {
      const child = step(trie, node, letter);
      if (child === 0) continue;
      const cls = LETTER_CLASS_BASE + letter;
      const childFail = delta[failRow + cls]!;
      const childState = stateFor(child, childFail <= FIRST_CANDIDATE_STATE);
      delta[row + cls] = childState;
      if (childState > 0 && !failOfNode.has(child)) failOfNode.set(child, childFail);
    }
    if (spaceLetter > 0 && trie.letterOf[node] === spaceLetter) {
      // More separators after a separator step are the same step.
      delta[row + SEPARATOR] = state;
      delta[row + LETTER_CLASS_BASE + spaceLetter] = state;
    }
  }
  return { delta: delta.slice(0, (FIRST_NODE_STATE + walkNodes.length) * classCount), candidateNodes, failOf };
}

/**
 * Only what each DFA row adds to the row it starts from (the kind row for
 * the two word states, its failure state's row after that): most rows are
 * copies. Row 0 is no state and has none.
 */
function ownTransitions(
  delta: Int32Array,
  failOf: readonly number[],
  alphabet: Alphabet,
): Pick<AutomatonTables, 'overrideStart' | 'overrideClass' | 'overrideTarget'> {
  const classCount = alphabet.classCount;
  const states = delta.length / classCount;
  const base = kindRow(alphabet);
  const overrideStart: number[] = [];
  const overrideClass: number[] = [];
  const overrideTarget: number[] = [];
  for (let state = 0; state < states; state++) {
    overrideStart.push(overrideClass.length);
    if (state === UNFILLED_STATE) continue;
    const fail = state < FIRST_NODE_STATE ? -1 : failOf[state - FIRST_NODE_STATE]!;
    if (fail >= state) throw new Error('A failure state must come before its state');
    for (let cls = 0; cls < classCount; cls++) {
      const target = delta[state * classCount + cls]!;
      if (target === (fail < 0 ? base[cls] : delta[fail * classCount + cls])) continue;
      overrideClass.push(cls);
      overrideTarget.push(packTarget(target));
    }
  }
  overrideStart.push(overrideClass.length);
  return { overrideStart: narrowArray(overrideStart), overrideClass: narrowArray(overrideClass), overrideTarget: narrowArray(overrideTarget) };
}

/**
 * The scanning DFA as `find` reads it, `delta[state * classCount + class]`,
 * with each row filled in when a scan first reaches its state: a page reads
 * few of them, so loading costs one allocation, not a pass over every state.
 */
export function lazyScanner(tables: AutomatonTables, alphabet: Alphabet): { delta: Int32Array; fillRow(state: number): void } {
  const { classCount, failOf, overrideStart, overrideClass, overrideTarget } = tables;
  const states = overrideStart.length - 1;
  const delta = new Int32Array(states * classCount);
  const filled = new Uint8Array(states);
  let base: Int32Array | null = null;
  const fillRow = (state: number): void => {
    if (filled[state] === 1) return;
    const row = state * classCount;
    if (state < FIRST_NODE_STATE) delta.set((base ??= kindRow(alphabet)), row);
    else {
      const fail = failOf[state - FIRST_NODE_STATE]!;
      fillRow(fail);
      delta.copyWithin(row, fail * classCount, fail * classCount + classCount);
    }
    for (let k = overrideStart[state]!; k < overrideStart[state + 1]!; k++) delta[row + overrideClass[k]!] = unpackTarget(overrideTarget[k]!);
    filled[state] = 1;
  };
  return { delta, fillRow };
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether a leading digit at `start` continues an earlier number ("1/10/7", "9:10/7"). */
function extendsNumber(text: string, start: number): boolean {
  const glue = text.charCodeAt(start - 1);
  return (glue === 47 || glue === 46 || glue === 58) && isAsciiDigit(text.charCodeAt(start - 2));
}

/**
 * Runs one automaton's tables over text. A class rather than closures: V8
 * keeps type feedback per closure, so each automaton would warm up and
 * deoptimize on its own; methods share one feedback vector.
 */
export class Automaton {
  private readonly classes: Uint16Array;
  private readonly delta: Int32Array;
  private readonly fillRow: (state: number) => void;
  /** Reused by `longestAt`: the best end found and the phrases ending there. */
  private bestEnd = -1;
  private readonly bestPhrases: number[] = [];

  constructor(
    private readonly tables: AutomatonTables,
    private readonly alphabet: Alphabet,
    private readonly phrases: { at(index: number): PhraseEnding | undefined },
  ) {
    this.classes = alphabet.table;
    ({ delta: this.delta, fillRow: this.fillRow } = lazyScanner(tables, alphabet));
  }

  /** Reports the leftmost-longest phrases in `text`, in order. */
  find(text: string, emit: SpanSink): void {
    const { classCount, candidateNodes } = this.tables;
    const delta = this.delta;
    const classes = this.classes;
    const length = text.length;
    let state = AT_WORD_START;
    let i = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      const previous = state;
      state = delta[previous * classCount + classes[code]!]!;
      if (state > 0) {
        i++;
        continue;
      }
      if (state === UNKNOWN_STATE) {
        this.alphabet.learn(code);
        state = previous;
        continue;
      }
      if (state === UNFILLED_STATE) {
        this.fillRow(previous);
        state = previous;
        continue;
      }
      if (state === SURROGATE_STATE) {
        state = isWordAt(text, i) ? IN_WORD : AT_WORD_START;
        i++;
        continue;
      }
      const start = this.candidateStart(text, i, candidateNodes[FIRST_CANDIDATE_STATE - state]!);
      const first = this.stepClass(0, this.alphabet.classOf(text.charCodeAt(start)));
      const found = isAsciiDigit(text.charCodeAt(start)) && extendsNumber(text, start) ? false : this.longestAt(text, start, first);
      if (found) {
        const end = this.bestEnd;
        emit(start, end, this.bestPhrases);
        // A match ends before a non-word character; step over it when the match itself ended in a word.
        i = isWordAt(text, end - 1) ? end + 1 : end;
        state = AT_WORD_START;
      } else {
        // No phrase starts here after all: read on from the second character of the word.
        state = isWordAt(text, start) ? IN_WORD : AT_WORD_START;
        i = start + 1;
      }
    }
  }

  /** Where the candidate that reached `node` with the character at `end` started: `depth` trie steps back, a separator run being one. */
  private candidateStart(text: string, end: number, node: number): number {
    let position = end;
    for (let steps = depthOf(this.tables.depthStart, node); steps > 0; steps--) {
      if (kindOf(text.charCodeAt(position)) === SEPARATOR) {
        while (position > 0 && kindOf(text.charCodeAt(position - 1)) === SEPARATOR) position--;
      }
      position--;
    }
    return position + 1;
  }

  /** The node an input class leads to from `node`, 0 for none. */
  private stepClass(node: number, cls: number): number {
    return cls < LETTER_CLASS_BASE ? 0 : step(this.tables, node, cls - LETTER_CLASS_BASE);
  }

  /**
   * Finds the longest phrase spelled from `start` (whose first character leads
   * to `first`); leaves its end and phrases in `bestEnd`/`bestPhrases`.
   */
  private longestAt(text: string, start: number, first: number): boolean {
    const { endNodes } = this.tables;
    let node = first;
    this.bestEnd = -1;
    let i = start + 1;
    for (;;) {
      const endIndex = endIndexOf(endNodes, node);
      if (endIndex >= 0) this.finishPhrases(text, start, i, endIndex);
      if (i >= text.length || node === 0) break;
      const cls = this.alphabet.classOf(text.charCodeAt(i));
      i++;
      if (this.alphabet.kindOfClass(cls) === SEPARATOR) {
        while (i < text.length && this.alphabet.kindOfClass(this.alphabet.classOf(text.charCodeAt(i))) === SEPARATOR) i++;
      }
      node = this.stepClass(node, cls);
      if (node === 0) break;
    }
    return this.bestEnd >= 0;
  }

  /** Considers the phrases whose words end at `endNodes[endIndex]` (reached at `wordsEnd`): case, endings, the longest end. */
  private finishPhrases(text: string, start: number, wordsEnd: number, endIndex: number): void {
    const { endStart, phraseIndex } = this.tables;
    let spelled: string | undefined;
    let nodeBest = -1;
    const ending: number[] = [];
    for (let k = endStart[endIndex]!; k < endStart[endIndex + 1]!; k++) {
      const index = phraseIndex[k]!;
      const phrase = this.phrases.at(index)!;
      if (phrase.caseSensitive) {
        spelled ??= canonicalSpan(text, start, wordsEnd);
        if (spelled !== phrase.exact) continue;
      }
      const end = endOfMatch(text, wordsEnd, phrase.takesPlural, phrase.caseSensitive);
      if (end < 0) continue;
      if (end > nodeBest) {
        nodeBest = end;
        ending.length = 0;
      }
      if (end === nodeBest) ending.push(index);
    }
    // A deeper node reaching further wins; reaching the same end ("Accords" and "Accord" + "s"), both spell the span.
    if (nodeBest < 0) return;
    if (nodeBest > this.bestEnd) {
      this.bestEnd = nodeBest;
      this.bestPhrases.length = 0;
    } else if (nodeBest < this.bestEnd) {
      return;
    }
    for (const index of ending) this.bestPhrases.push(index);
  }
}
