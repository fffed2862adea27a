/**
 * Strategy: a hand-written automaton. The terms' lower-cased keys form a
 * character trie, frozen into typed arrays; the block is read once, and at
 * each word start the trie is walked with separators, apostrophes and case
 * folded on the fly. Inside a word the loop only asks "still a word?".
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

/**
 * Trie characters get small ids, shared by every compiled automaton so one
 * code-unit table serves them all; a trie's rows only span the ids its terms use.
 */
const letterIds = new Map<number, number>();
/** Ids fit the code-unit table beside the kind bits. */
const MAX_LETTER_ID = 0xffff >>> KIND_BITS;

/** Per code unit: `(letter id << KIND_BITS) | kind`, 0 until first seen. The letter id is 0 for characters no term uses. */
const units = new Uint16Array(0x10000);

function learn(code: number): number {
  const kind = kindOf(code);
  const edge = kind === SEPARATOR ? SPACE : kind === CharKind.Apostrophe ? APOSTROPHE : foldCode(code);
  const info = ((letterIds.get(edge) ?? 0) << KIND_BITS) | kind;
  units[code] = info;
  return info;
}

/** The id of a trie character, given one on first use. */
function letterIdOf(edge: number): number {
  let id = letterIds.get(edge);
  if (id === undefined) {
    id = letterIds.size + 1;
    if (id > MAX_LETTER_ID) throw new Error('The terms use too many distinct characters');
    letterIds.set(edge, id);
    // Code units learned before this character had an id would still read as unused.
    units.fill(0);
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

  constructor(entries: readonly TermEntry[]) {
    const children: Array<Map<number, number>> = [new Map()];
    const entriesAt: Array<TermEntry[] | undefined> = [undefined];
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
  }

  /** Reports the leftmost-longest terms in `text`, in order. */
  find(text: string, emit: SpanSink): void {
    const length = text.length;
    let i = 0;
    // Invariant at the top of the loop: the character before `i` is not a word character.
    while (i < length) {
      const code = text.charCodeAt(i);
      let info = units[code]!;
      if (info === 0) info = learn(code);
      const first = this.step(0, info >>> KIND_BITS);
      if (first !== 0 && this.couldContinue(text, i + 1, first) && !(isAsciiDigit(code) && extendsNumber(text, i))) {
        const found = this.longestAt(text, i, first);
        if (found) {
          emit(i, found.end, found.entries);
          // A match ends before a non-word character; step over it when the match itself ended in a word.
          i = isWordAt(text, found.end - 1) ? found.end + 1 : found.end;
          continue;
        }
      }
      const kind = info & KIND_MASK;
      if (kind === WORD || (kind === SURROGATE && isWordAt(text, i))) {
        // Skip the rest of the word, then the non-word character that ends it.
        i++;
        for (;;) {
          if (i >= length) return;
          let next = units[text.charCodeAt(i)]!;
          if (next === 0) next = learn(text.charCodeAt(i));
          const nextKind = next & KIND_MASK;
          if (nextKind === WORD || (nextKind === SURROGATE && isWordAt(text, i))) i++;
          else break;
        }
      }
      i++;
    }
  }

  /** The node `letter` leads to from `node`, 0 for none. */
  private step(node: number, letter: number): number {
    if (letter === 0 || letter >= this.stride) return 0;
    const row = this.rowOf[node]!;
    return row >= 0 ? this.rows[row + letter]! : this.onlyLetter[node] === letter ? this.onlyChild[node]! : 0;
  }

  /**
   * Whether a term ends at `node` or the character at `i` leads on from it: a
   * cheap look one character ahead that turns most word starts away without
   * entering the walk ("the", "and", "of" start like terms but stop there).
   */
  private couldContinue(text: string, i: number, node: number): boolean {
    if (this.entriesAt[node] !== undefined) return true;
    if (i >= text.length) return false;
    let info = units[text.charCodeAt(i)]!;
    if (info === 0) info = learn(text.charCodeAt(i));
    return this.step(node, info >>> KIND_BITS) !== 0;
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
