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
 * plain `AutomatonTables`; `Automaton` only wraps them (see `compiled.ts` for
 * how the DFA travels without its redundant rows).
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
/** Scanner states: after a non-word character (a word may start), and inside a word no phrase starts with. */
export const AT_WORD_START = 0;
export const IN_WORD = 1;
/**
 * Scanner states from here on are not walk states but spots to handle in
 * code: a character not classified yet, half of a surrogate pair, and then
 * one candidate state per trie node where the exact walk takes over.
 */
export const SPECIAL = 1 << 24;
const UNKNOWN_STATE = SPECIAL;
const SURROGATE_STATE = SPECIAL + 1;
export const FIRST_CANDIDATE_STATE = SPECIAL + 2;
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

/** The trie and the scanning DFA as plain arrays: what `buildAutomaton` produces and `Automaton` runs. */
export interface AutomatonTables {
  /** Row length: one more than the largest letter id the phrases use. */
  stride: number;
  /** Row start of each branching node in `rows`, -1 for nodes with one child or none. */
  rowOf: Int32Array;
  /** `rows[rowOf[node] + letter]`: the child node, 0 for none (node 0 is the root, never a child). */
  rows: Int32Array;
  /** The one child's letter and node, for nodes without a row. */
  onlyLetter: Uint16Array;
  onlyChild: Int32Array;
  /** Trie steps from the root to each node. */
  depthOf: Uint16Array;
  /** 1 for nodes reached by a separator step (a run of separators stays there). */
  viaSeparator: Uint8Array;
  /** Phrase indices whose words end at each node: `phraseIndex[phraseStart[node] .. phraseStart[node + 1])`. */
  phraseStart: Int32Array;
  phraseIndex: Int32Array;
  /** The scanning DFA: `delta[state * classCount + class]`. */
  delta: Int32Array;
  classCount: number;
  /** The trie node of each candidate state, by `state - FIRST_CANDIDATE_STATE`. */
  candidateNodes: Int32Array;
  /** For each walk state (from 2), the state whose row it copies where it has no transition of its own. */
  failOf: Int32Array;
}

/** Builds the trie and the scanning DFA for `phrases` over `alphabet`. */
export function buildAutomaton(phrases: readonly PhraseShape[], alphabet: Alphabet): AutomatonTables {
  const idOf = new Map(alphabet.letters.map((code, index) => [code, index + 1]));
  const children: Array<Map<number, number>> = [new Map()];
  const phrasesAt: number[][] = [[]];
  const depths: number[] = [0];
  const separatorSteps: number[] = [0];
  let stride = 1;
  phrases.forEach((phrase, phraseIndex) => {
    let node = 0;
    for (let i = 0; i < phrase.key.length; i++) {
      const letter = idOf.get(phrase.key.charCodeAt(i));
      if (letter === undefined) throw new Error(`The alphabet lacks a character of "${phrase.key}"`);
      stride = Math.max(stride, letter + 1);
      let child = children[node]!.get(letter);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        phrasesAt.push([]);
        depths.push(i + 1);
        separatorSteps.push(phrase.key.charCodeAt(i) === SPACE ? 1 : 0);
        children[node]!.set(letter, child);
      }
      node = child;
    }
    phrasesAt[node]!.push(phraseIndex);
  });
  const rowOf = new Int32Array(children.length).fill(-1);
  const onlyLetter = new Uint16Array(children.length);
  const onlyChild = new Int32Array(children.length);
  let branching = 0;
  children.forEach((next, node) => {
    if (node === 0 || next.size > 1) rowOf[node] = stride * branching++;
  });
  const rows = new Int32Array(stride * branching);
  children.forEach((next, node) => {
    for (const [letter, child] of next) {
      if (rowOf[node]! >= 0) rows[rowOf[node]! + letter] = child;
      else {
        onlyLetter[node] = letter;
        onlyChild[node] = child;
      }
    }
  });
  const phraseStart = new Int32Array(children.length + 1);
  const phraseIndex: number[] = [];
  phrasesAt.forEach((list, node) => {
    phraseStart[node] = phraseIndex.length;
    phraseIndex.push(...list);
  });
  phraseStart[children.length] = phraseIndex.length;
  const trie = {
    stride,
    rowOf,
    rows,
    onlyLetter,
    onlyChild,
    depthOf: Uint16Array.from(depths),
    viaSeparator: Uint8Array.from(separatorSteps),
    phraseStart,
    phraseIndex: Int32Array.from(phraseIndex),
  };
  return { ...trie, ...buildScanner(trie, alphabet) };
}

type Trie = Pick<AutomatonTables, 'stride' | 'rowOf' | 'rows' | 'onlyLetter' | 'onlyChild' | 'depthOf' | 'viaSeparator' | 'phraseStart'>;

/** The node `letter` leads to from `node`, 0 for none. */
function step(trie: Trie, node: number, letter: number): number {
  if (letter === 0 || letter >= trie.stride) return 0;
  const row = trie.rowOf[node]!;
  return row >= 0 ? trie.rows[row + letter]! : trie.onlyLetter[node] === letter ? trie.onlyChild[node]! : 0;
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
function buildScanner(trie: Trie, alphabet: Alphabet): Pick<AutomatonTables, 'delta' | 'classCount' | 'candidateNodes' | 'failOf'> {
  const classCount = alphabet.classCount;
  const delta = new Int32Array((trie.depthOf.length + 2) * classCount);
  const candidateNodes: number[] = [];
  const walkNodes: number[] = [];
  /** The state of each trie node given one so far. */
  const stateOf = new Map<number, number>();
  /** For each walk node, the state of the longest proper suffix of its path that starts a word. */
  const failOfNode = new Map<number, number>();
  const letterCount = Math.min(trie.stride, classCount - LETTER_CLASS_BASE);
  const spaceLetter = alphabet.letters.indexOf(SPACE) + 1;

  const stateFor = (node: number, suffixEndsPhrase: boolean): number => {
    let state = stateOf.get(node);
    if (state !== undefined) return state;
    const endsPhrase = trie.phraseStart[node + 1]! > trie.phraseStart[node]!;
    if (suffixEndsPhrase || endsPhrase || trie.depthOf[node]! >= CANDIDATE_DEPTH) {
      state = FIRST_CANDIDATE_STATE + candidateNodes.length;
      candidateNodes.push(node);
    } else {
      state = 2 + walkNodes.length;
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
    if (state < SPECIAL) failOfNode.set(child, alphabet.letterKinds[letter] === WORD ? IN_WORD : AT_WORD_START);
  }
  const failOf: number[] = [];
  // Breadth first, so a node's failure state (a shorter path) has its row filled already.
  for (let index = 0; index < walkNodes.length; index++) {
    const node = walkNodes[index]!;
    const state = stateOf.get(node)!;
    const row = state * classCount;
    const fail = failOfNode.get(node)!;
    failOf[state - 2] = fail;
    const failRow = fail * classCount;
    // Wherever the path cannot go on, go where its suffix would.
    delta.copyWithin(row, failRow, failRow + classCount);
    for (let letter = 1; letter < letterCount; letter++) {
      const child = step(trie, node, letter);
      if (child === 0) continue;
      const cls = LETTER_CLASS_BASE + letter;
      const childFail = delta[failRow + cls]!;
      const childState = stateFor(child, childFail >= FIRST_CANDIDATE_STATE);
      delta[row + cls] = childState;
      if (childState < SPECIAL && !failOfNode.has(child)) failOfNode.set(child, childFail);
    }
    if (trie.viaSeparator[node] === 1) {
      // More separators after a separator step are the same step.
      delta[row + SEPARATOR] = state;
      if (spaceLetter > 0) delta[row + LETTER_CLASS_BASE + spaceLetter] = state;
    }
  }
  return {
    delta: delta.slice(0, (2 + walkNodes.length) * classCount),
    classCount,
    candidateNodes: Int32Array.from(candidateNodes),
    failOf: Int32Array.from(failOf),
  };
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
  /** Reused by `longestAt`: the best end found and the phrases ending there. */
  private bestEnd = -1;
  private readonly bestPhrases: number[] = [];

  constructor(
    private readonly tables: AutomatonTables,
    private readonly alphabet: Alphabet,
    private readonly phrases: readonly PhraseEnding[],
  ) {
    this.classes = alphabet.table;
  }

  /** Reports the leftmost-longest phrases in `text`, in order. */
  find(text: string, emit: SpanSink): void {
    const { delta, classCount, candidateNodes } = this.tables;
    const classes = this.classes;
    const length = text.length;
    let state = AT_WORD_START;
    let i = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      const previous = state;
      state = delta[previous * classCount + classes[code]!]!;
      if (state < SPECIAL) {
        i++;
        continue;
      }
      if (state === UNKNOWN_STATE) {
        this.alphabet.learn(code);
        state = previous;
        continue;
      }
      if (state === SURROGATE_STATE) {
        state = isWordAt(text, i) ? IN_WORD : AT_WORD_START;
        i++;
        continue;
      }
      const start = this.candidateStart(text, i, candidateNodes[state - FIRST_CANDIDATE_STATE]!);
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
    for (let steps = this.tables.depthOf[node]!; steps > 0; steps--) {
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
    const { phraseStart, phraseIndex } = this.tables;
    let node = first;
    this.bestEnd = -1;
    let i = start + 1;
    for (;;) {
      if (phraseStart[node + 1]! > phraseStart[node]!) this.finishPhrases(text, start, i, node, phraseStart, phraseIndex);
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

  /** Considers the phrases whose words end at `node` (reached at `wordsEnd`): case, endings, the longest end. */
  private finishPhrases(text: string, start: number, wordsEnd: number, node: number, phraseStart: Int32Array, phraseIndex: Int32Array): void {
    let spelled: string | undefined;
    let nodeBest = -1;
    const ending: number[] = [];
    for (let k = phraseStart[node]!; k < phraseStart[node + 1]!; k++) {
      const index = phraseIndex[k]!;
      const phrase = this.phrases[index]!;
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
