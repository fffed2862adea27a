/**
 * Regular-expression sources for terms, for the regex strategies (measured
 * against the automaton in `scripts/bench/matcher.ts`, not bundled). No `i` flag: case-insensitive letters become `[xX]` classes, which lets
 * case-sensitive acronyms and ordinary words live in one pattern.
 */
import {
  APOSTROPHE_SOURCE,
  DIGIT_GLUE_SOURCE,
  DIGIT_SOURCE,
  SEPARATOR_RUN_SOURCE,
  WORD_CHAR_SOURCE,
} from '@/src/matching/characters';
import { isCasedLetter, type TermEntry } from '@/src/matching/terms';

/** Nothing that belongs to a word right before the match. */
export const WORD_START_GUARD = `(?<!${WORD_CHAR_SOURCE})`;
/** A leading digit is not the end of a longer number token ("1/10/7", "110/70"). */
export const DIGIT_START_GUARD = `(?<!${DIGIT_SOURCE}${DIGIT_GLUE_SOURCE})`;
const WORD_END_GUARD = `(?!${WORD_CHAR_SOURCE})`;
const DIGIT_END_GUARD = `(?!(?<=${DIGIT_SOURCE})${DIGIT_GLUE_SOURCE}${DIGIT_SOURCE})`;

/** The source for one character of a term. */
export function charSource(char: string, caseSensitive: boolean): string {
  if (char === "'") return APOSTROPHE_SOURCE;
  if (!caseSensitive && isCasedLetter(char)) {
    const forms = new Set([char, char.toLowerCase(), char.toUpperCase()].filter((form) => form.length === 1));
    return `[${[...forms].join('')}]`;
  }
  return /^[\\^$.*+?()[\]{}|/]$/.test(char) ? `\\${char}` : char;
}

/** The source for the separator run between two words. */
export const SEPARATOR_SOURCE = SEPARATOR_RUN_SOURCE;

/** Whether the entry's first character is a digit (it then needs the digit start guard). */
export function startsWithDigit(entry: TermEntry): boolean {
  return /^[0-9]/.test(entry.exact);
}

/** Optional plural and possessive endings followed by the end-of-token guard. */
export function endingSource(entry: TermEntry): string {
  const plural = entry.takesPlural ? (entry.caseSensitive ? '(?:e?s)?' : '(?:[eE]?[sS])?') : '';
  const possessive = `(?:${APOSTROPHE_SOURCE}[sS])?`;
  const digitGuard = /[0-9]$/.test(entry.exact) ? DIGIT_END_GUARD : '';
  return `${plural}${possessive}${WORD_END_GUARD}${digitGuard}`;
}

/** The whole source of one term, without the word-start guard. */
function termSource(entry: TermEntry): string {
  const words = entry.words.map((word) => Array.from(word, (char) => charSource(char, entry.caseSensitive)).join(''));
  return `${startsWithDigit(entry) ? DIGIT_START_GUARD : ''}${words.join(SEPARATOR_SOURCE)}${endingSource(entry)}`;
}

/**
 * One alternation of all entries, longest first so that at any position the
 * longest term is tried before the shorter terms it starts with.
 */
export function alternationSource(entries: readonly TermEntry[]): string {
  const sorted = [...entries].sort((a, b) => b.key.length - a.key.length);
  const sources = [...new Set(sorted.map(termSource))];
  return `${WORD_START_GUARD}(?:${sources.join('|')})`;
}
