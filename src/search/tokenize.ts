/**
 * Words for searching: case-, accent- and punctuation-insensitive, with the
 * position of each word in the original text so matches can be emphasised
 * exactly where the reader sees them.
 */

/** One word of a text, where it sits, and the form it is compared in. */
export interface Word {
  /** Offset of the word's first character in the original text. */
  start: number;
  /** Offset just past the word's last character. */
  end: number;
  /** Lower-case, accent-free, punctuation-free form used for matching. */
  norm: string;
}

/** A piece of display text, emphasised when it matched the query. */
export interface TextSegment {
  text: string;
  match: boolean;
}

// Dotted initialisms ("U.S.", "U.N.") first, so they become one word ("us")
// that a reader typing "us" finds; then plain runs of letters and digits.
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_WORD_CHAR = /[^\p{L}\p{N}]/u;

/** The comparable form of a piece of text: NFD, marks stripped, lower case, punctuation gone. */
export function normalizeWord(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The words of `text`, in order, with their original offsets. */
export function tokenize(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normalizeWord(match[0]);
    if (norm) words.push({ start: match.index, end: match.index + match[0].length, norm });
  }
  return words;
}

/**
 * How many characters of `word` (original spelling) cover the first
 * `normLength` characters of its normalised form. Needed because "É" or the
 * dots of "U.S." do not have the same length before and after normalising.
 */
function originalPrefixLength(word: string, normLength: number): number {
  let covered = 0;
  let offset = 0;
  for (const char of word) {
    if (covered >= normLength) break;
    offset += char.length;
    if (!NOT_WORD_CHAR.test(char)) covered += normalizeWord(char).length;
  }
  return offset;
}

/**
 * Splits `text` into segments, marking the part of each word that a query
 * term is a prefix of. The caller renders matched segments as `<mark>`;
 * nothing here produces markup.
 */
export function segmentMatches(text: string, queryTerms: readonly string[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = 0;
  const push = (end: number, match: boolean) => {
    if (end <= cursor) return;
    const piece = text.slice(cursor, end);
    const last = segments.at(-1);
    if (last && last.match === match) last.text += piece;
    else segments.push({ text: piece, match });
    cursor = end;
  };
  for (const word of tokenize(text)) {
    let longest = 0;
    for (const term of queryTerms) {
      if (term.length > longest && word.norm.startsWith(term)) longest = term.length;
    }
    if (longest === 0) continue;
    push(word.start, false);
    push(word.start + originalPrefixLength(text.slice(word.start, word.end), longest), true);
  }
  push(text.length, false);
  return segments;
}
