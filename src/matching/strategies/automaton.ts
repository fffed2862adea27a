/**
 * Strategy: a hand-written automaton in two layers. The terms' lower-cased
 * keys form a character trie, frozen into typed arrays. A scanning DFA built
 * from that trie (Aho-Corasick, anchored at word starts) reads the block one
 * table lookup per character, with no branch but "is this spot special?";
 * only where a term may start does the exact trie walk run (case, endings,
 * number tokens). The lookup-per-character loop is what makes the scan cheap:
 * a loop that branches on "still in a word?" mispredicts at every word end.
 *
 * Everything the hot loop reads lives in this module's typed arrays, so it
 * makes no calls across modules (each costs a getter under Node's module
 * loaders, though not once bundled).
 */
import { CharKind, foldCode, isWordAt, kindOf } from '../characters';
import { canonicalSpan, endOfMatch, type TermEntry } from '../terms';
import type { SpanSink, StrategyCompiler } from './span-finder';

/** Separator runs walk the trie as one space, apostrophes as a straight one: the shape of `TermEntry.key`. */
const SPACE = 32;
const APOSTROPHE = 39;

const WORD = CharKind.Word;
const SEPARATOR = CharKind.Separator;
const SURROGATE = CharKind.Surrogate;
const KIND_BITS = 3;
const KIND_MASK = 7;
/** Scanner states: after a non-word character (a word may start), and inside a word no term starts with. */
const AT_WORD_START = 0;
const IN_WORD = 1;
/**
 * Scanner states from here on are not walk states but spots to handle in
 * code: a character not classified yet, half of a surrogate pair, and then
 * one candidate state per trie node where the exact walk takes over.
 */
const SPECIAL = 1 << 24;
const UNKNOWN_STATE = SPECIAL;
const SURROGATE_STATE = SPECIAL + 1;
const FIRST_CANDIDATE_STATE = SPECIAL + 2;
/** Trie steps from a word start the scanner takes itself before handing the spot to the exact walk (8 measured fastest). */
const CANDIDATE_DEPTH = 8;

/**
 * Trie characters get small ids, shared by every compiled automaton so one
 * code-unit table serves them all; a trie's rows only span the ids its terms use.
 */
const letterIds = new Map<number, number>();
/** Ids fit the code-unit table beside the kind bits. */
const MAX_LETTER_ID = 0xffff >>> KIND_BITS;

/** Per code unit: `(letter id << KIND_BITS) | kind`, 0 until first seen. The letter id is 0 for characters no term uses. */
const units = new Uint16Array(0x10000);
/** Per code unit: the scanning DFA's input class: a letter id + LETTER_CLASS_BASE, or the bare kind for characters no term uses (0 until learned). */
const classes = new Uint16Array(0x10000);
const LETTER_CLASS_BASE = 7;
/** The kind of each letter id's characters. */
const letterKinds: number[] = [0];
/** Bumped whenever a letter id is added: scanners built before then must be rebuilt. */
let letterGeneration = 0;

function learn(code: number): number {
  const kind = kindOf(code);
  const edge = kind === SEPARATOR ? SPACE : kind === CharKind.Apostrophe ? APOSTROPHE : foldCode(code);
  const info = ((letterIds.get(edge) ?? 0) << KIND_BITS) | kind;
  units[code] = info;
  const letter = info >>> KIND_BITS;
  classes[code] = letter !== 0 ? letter + LETTER_CLASS_BASE : kind;
  return info;
}

/** The id of a trie character, given one on first use. */
function letterIdOf(edge: number): number {
  let id = letterIds.get(edge);
  if (id === undefined) {
    id = letterIds.size + 1;
    if (id > MAX_LETTER_ID) throw new Error('The terms use too many distinct characters');
    letterIds.set(edge, id);
    letterKinds[id] = kindOf(edge);
    letterGeneration++;
    // Code units learned before this character had an id would still read as unused.
    units.fill(0);
    classes.fill(0);
  }
  return id;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether a leading digit at `start` continues an earlier number ("1/10/7", "9:10/7"). */
function extendsNumber(text: string, start: number): boolean {
  const glue = text.charCodeAt(start - 1);
  return (glue === 47 || glue === 46 || glue === 58) && isAsciiDigit(text.charCodeAt(start - 2));
}

interface Found {
  end: number;
  entries: TermEntry[];
}

/** The entries ending at `wordsEnd` whose case fits, and the longest end their endings allow. */
function finishTerms(text: string, start: number, wordsEnd: number, entries: readonly TermEntry[]): Found | undefined {
  let spelled: string | undefined;
  let found: Found | undefined;
  for (const entry of entries) {
    if (entry.caseSensitive) {
      spelled ??= canonicalSpan(text, start, wordsEnd);
      if (spelled !== entry.exact) continue;
    }
    const end = endOfMatch(text, wordsEnd, entry.takesPlural, entry.caseSensitive);
    if (end < 0) continue;
    if (!found || end > found.end) found = { end, entries: [entry] };
    else if (end === found.end) found.entries.push(entry);
  }
  return found;
}

/**
 * The trie as arrays, and the walk over a block. A node with several children
 * has a dense row over the letter ids its terms use; a node with one child
 * (most of them: the tails of phrases) just names it.
 *
 * A class rather than closures: V8 keeps type feedback per closure, so each
 * compiled automaton (one for the terms, one per context rule) would warm up
 * and deoptimize on its own; methods share one feedback vector.
 */
class TrieAutomaton {
  /** Row length: one more than the largest letter id the terms use. */
  private readonly stride: number;
  /** Row start of each branching node in `rows`, -1 for nodes with one child or none. */
  private readonly rowOf: Int32Array;
  /** `rows[rowOf[node] + letter]`: the child node, 0 for none (node 0 is the root, never a child). */
  private readonly rows: Int32Array;
  /** The one child's letter and node, for nodes without a row. */
  private readonly onlyLetter: Uint16Array;
  private readonly onlyChild: Int32Array;
  /** Entries whose words end at the node. */
  private readonly entriesAt: Array<TermEntry[] | undefined>;
  /** Trie steps from the root to each node. */
  private readonly depthOf: Uint16Array;
  /** 1 for nodes reached by a separator step (a run of separators stays there). */
  private readonly viaSeparator: Uint8Array;
  /** The scanning DFA: `delta[state * classCount + class]`, built on first use (see `buildScanner`). */
  private delta = new Int32Array(0);
  private classCount = 0;
  /** The trie node of each candidate state, by `state - FIRST_CANDIDATE_STATE`. */
  private candidateNodes: number[] = [];
  /** The `letterGeneration` the scanner was built for; letters added since need new classes. */
  private scannerGeneration = -1;

  constructor(entries: readonly TermEntry[]) {
    const children: Array<Map<number, number>> = [new Map()];
    const entriesAt: Array<TermEntry[] | undefined> = [undefined];
    const depths: number[] = [0];
    const separatorSteps: number[] = [0];
    let stride = 1;
    for (const entry of entries) {
      let node = 0;
      for (let i = 0; i < entry.key.length; i++) {
        const letter = letterIdOf(entry.key.charCodeAt(i));
        stride = Math.max(stride, letter + 1);
        let child = children[node]!.get(letter);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          entriesAt.push(undefined);
          depths.push(i + 1);
          separatorSteps.push(entry.key.charCodeAt(i) === SPACE ? 1 : 0);
          children[node]!.set(letter, child);
        }
        node = child;
      }
      (entriesAt[node] ??= []).push(entry);
    }
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
    this.stride = stride;
    this.rowOf = rowOf;
    this.rows = rows;
    this.onlyLetter = onlyLetter;
    this.onlyChild = onlyChild;
    this.entriesAt = entriesAt;
    this.depthOf = Uint16Array.from(depths);
    this.viaSeparator = Uint8Array.from(separatorSteps);
  }

  /** Reports the leftmost-longest terms in `text`, in order. */
  find(text: string, emit: SpanSink): void {
    if (this.scannerGeneration !== letterGeneration) this.buildScanner();
    const delta = this.delta;
    const classCount = this.classCount;
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
        learn(code);
        state = previous;
        continue;
      }
      if (state === SURROGATE_STATE) {
        state = isWordAt(text, i) ? IN_WORD : AT_WORD_START;
        i++;
        continue;
      }
      const start = this.candidateStart(text, i, this.candidateNodes[state - FIRST_CANDIDATE_STATE]!);
      const first = this.step(0, units[text.charCodeAt(start)]! >>> KIND_BITS);
      const found =
        isAsciiDigit(text.charCodeAt(start)) && extendsNumber(text, start) ? undefined : this.longestAt(text, start, first);
      if (found) {
        emit(start, found.end, found.entries);
        // A match ends before a non-word character; step over it when the match itself ended in a word.
        i = isWordAt(text, found.end - 1) ? found.end + 1 : found.end;
        state = AT_WORD_START;
      } else {
        // No term starts here after all: read on from the second character of the word.
        state = isWordAt(text, start) ? IN_WORD : AT_WORD_START;
        i = start + 1;
      }
    }
  }

  /** Where the candidate that reached `node` with the character at `end` started: `depth` trie steps back, a separator run being one. */
  private candidateStart(text: string, end: number, node: number): number {
    let position = end;
    for (let steps = this.depthOf[node]!; steps > 0; steps--) {
      if (kindOf(text.charCodeAt(position)) === SEPARATOR) {
        while (position > 0 && kindOf(text.charCodeAt(position - 1)) === SEPARATOR) position--;
      }
      position--;
    }
    return position + 1;
  }

  /**
   * Builds the scanning DFA over character classes: an Aho-Corasick automaton
   * of the terms, anchored at word starts. Its walk states are "a word may
   * start here", "inside a word no term starts with", and the trie nodes of
   * the first CANDIDATE_DEPTH steps. A node whose path (or a suffix of its
   * path that starts a word) spells a whole term, or that lies
   * CANDIDATE_DEPTH steps deep, becomes a candidate state instead: the exact
   * walk takes over there, from the path's start.
   */
  private buildScanner(): void {
    const classCount = LETTER_CLASS_BASE + letterIds.size + 1;
    const delta = new Int32Array((this.depthOf.length + 2) * classCount);
    const candidateNodes: number[] = [];
    const walkNodes: number[] = [];
    /** The state of each trie node given one so far. */
    const stateOf = new Map<number, number>();
    /** For each walk node, the state of the longest proper suffix of its path that starts a word. */
    const failOf = new Map<number, number>();
    const letterCount = Math.min(this.stride, classCount - LETTER_CLASS_BASE);

    const stateFor = (node: number, suffixEndsTerm: boolean): number => {
      let state = stateOf.get(node);
      if (state !== undefined) return state;
      if (suffixEndsTerm || this.entriesAt[node] !== undefined || this.depthOf[node]! >= CANDIDATE_DEPTH) {
        state = FIRST_CANDIDATE_STATE + candidateNodes.length;
        candidateNodes.push(node);
      } else {
        state = 2 + walkNodes.length;
        walkNodes.push(node);
      }
      stateOf.set(node, state);
      return state;
    };

    // Outside the trie, a character's kind alone decides: a word character keeps us in a word.
    for (let cls = 0; cls < classCount; cls++) {
      const kind = cls < LETTER_CLASS_BASE ? cls : letterKinds[cls - LETTER_CLASS_BASE]!;
      const next = cls === 0 ? UNKNOWN_STATE : kind === SURROGATE ? SURROGATE_STATE : kind === WORD ? IN_WORD : AT_WORD_START;
      delta[AT_WORD_START * classCount + cls] = next;
      delta[IN_WORD * classCount + cls] = next;
    }
    for (let letter = 1; letter < letterCount; letter++) {
      const child = this.step(0, letter);
      if (child === 0) continue;
      const state = stateFor(child, false);
      delta[AT_WORD_START * classCount + LETTER_CLASS_BASE + letter] = state;
      // After one character, a word starts again only if that character was not part of a word.
      if (state < SPECIAL) failOf.set(child, letterKinds[letter] === WORD ? IN_WORD : AT_WORD_START);
    }
    // Breadth first, so a node's failure state (a shorter path) has its row filled already.
    for (let index = 0; index < walkNodes.length; index++) {
      const node = walkNodes[index]!;
      const row = stateOf.get(node)! * classCount;
      const failRow = failOf.get(node)! * classCount;
      // Wherever the path cannot go on, go where its suffix would.
      delta.copyWithin(row, failRow, failRow + classCount);
      for (let letter = 1; letter < letterCount; letter++) {
        const child = this.step(node, letter);
        if (child === 0) continue;
        const cls = LETTER_CLASS_BASE + letter;
        const childFail = delta[failRow + cls]!;
        const state = stateFor(child, childFail >= FIRST_CANDIDATE_STATE);
        delta[row + cls] = state;
        if (state < SPECIAL && !failOf.has(child)) failOf.set(child, childFail);
      }
      if (this.viaSeparator[node] === 1) {
        // More separators after a separator step are the same step.
        delta[row + SEPARATOR] = stateOf.get(node)!;
        const spaceLetter = letterIds.get(SPACE);
        if (spaceLetter !== undefined) delta[row + LETTER_CLASS_BASE + spaceLetter] = stateOf.get(node)!;
      }
    }
    this.delta = delta.slice(0, (2 + walkNodes.length) * classCount);
    this.classCount = classCount;
    this.candidateNodes = candidateNodes;
    this.scannerGeneration = letterGeneration;
  }

  /** The node `letter` leads to from `node`, 0 for none. */
  private step(node: number, letter: number): number {
    if (letter === 0 || letter >= this.stride) return 0;
    const row = this.rowOf[node]!;
    return row >= 0 ? this.rows[row + letter]! : this.onlyLetter[node] === letter ? this.onlyChild[node]! : 0;
  }

  /** The longest term spelled from `start`, whose first character leads to `first`. */
  private longestAt(text: string, start: number, first: number): Found | undefined {
    let node = first;
    let best: Found | undefined;
    let i = start + 1;
    for (;;) {
      const ending = this.entriesAt[node];
      if (ending) {
        const found = finishTerms(text, start, i, ending);
        // Equal ends: the deeper term ("Accords") beats a shorter one with a plural ("Accord" + "s").
        if (found && (!best || found.end >= best.end)) best = found;
      }
      if (i >= text.length) return best;
      let info = units[text.charCodeAt(i)]!;
      if (info === 0) info = learn(text.charCodeAt(i));
      i++;
      if ((info & KIND_MASK) === SEPARATOR) {
        while (i < text.length) {
          let following = units[text.charCodeAt(i)]!;
          if (following === 0) following = learn(text.charCodeAt(i));
          if ((following & KIND_MASK) !== SEPARATOR) break;
          i++;
        }
      }
      node = this.step(node, info >>> KIND_BITS);
      if (node === 0) return best;
    }
  }
}

/** Compiles the entries into a character trie walked by hand. */
export const compileAutomaton: StrategyCompiler = (entries) => {
  const automaton = new TrieAutomaton(entries);
  return (text, emit) => automaton.find(text, emit);
};
