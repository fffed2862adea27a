/**
 * A term in its normalized shape (words, case, plural), and the rules for
 * what a match may look like at its edges (plural, possessive, whole word,
 * whole number token) that the automaton and the reference matchers share.
 */
import type { TopicTermsSource } from './types';
import {
  CharKind,
  foldText,
  isDigitCode,
  isDigitGlueCode,
  isWordAt,
  kindOf,
  separatorRun,
  straightenApostrophes,
} from './characters';

/** One term of one topic, ready to compile. */
export interface TermEntry {
  topic: string;
  /** The term as written in the data. */
  term: string;
  /** Its words with apostrophes straightened; any separator run may sit between them in text. */
  words: string[];
  caseSensitive: boolean;
  /** Id of the context rule that must vouch for a match. */
  context: string | undefined;
  /** Words joined by single spaces, lower-cased: what a match reads as whatever its case. */
  key: string;
  /** Words joined by single spaces, case kept: what a case-sensitive match must read as. */
  exact: string;
  /** Whether plural endings may follow (only after a letter: "MDTs", not "10/7s"). */
  takesPlural: boolean;
}

/** Flattens the topics' terms into entries, in data order. */
export function compileTerms(topics: readonly TopicTermsSource[]): TermEntry[] {
  const entries: TermEntry[] = [];
  for (const topic of topics) {
    for (const term of topic.terms) entries.push(termEntry(topic.id, term.text, term.caseSensitive === true, term.context));
  }
  return entries;
}

/** Normalizes one phrase; also used for context words, which are matched like case-insensitive terms. */
export function termEntry(topic: string, text: string, caseSensitive: boolean, context?: string): TermEntry {
  const words = straightenApostrophes(text.trim())
    .split(separatorRun())
    .filter((word) => word.length > 0);
  if (words.length === 0) throw new Error(`Term "${text}" of topic "${topic}" has no words`);
  const exact = words.join(' ');
  return {
    topic,
    term: text,
    words,
    caseSensitive,
    context,
    key: foldText(exact),
    exact,
    takesPlural: isCasedLetter(exact.slice(-1)),
  };
}

/** Whether the character has distinct upper and lower case (a letter whose case we may fold). */
export function isCasedLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

/**
 * `text[start, end)` with every separator run as one space and every apostrophe
 * straight: the shape of `TermEntry.exact`.
 */
export function canonicalSpan(text: string, start: number, end: number): string {
  let result = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const kind = kindOf(code);
    if (kind === CharKind.Separator) {
      while (i + 1 < end && kindOf(text.charCodeAt(i + 1)) === CharKind.Separator) i++;
      result += ' ';
    } else {
      result += kind === CharKind.Apostrophe ? "'" : text[i];
    }
  }
  return result;
}

/** Whether a match may start at `start`: no word character before it, and no digit glued on to a leading digit. */
export function startsWholeToken(text: string, start: number): boolean {
  if (isWordAt(text, start - 1)) return false;
  return !(
    isDigitCode(text.charCodeAt(start)) &&
    isDigitGlueCode(text.charCodeAt(start - 1)) &&
    isDigitCode(text.charCodeAt(start - 2))
  );
}

/** Whether a match may end at `end`: no word character after it, and no digit glued on to a trailing digit. */
function endsWholeToken(text: string, end: number): boolean {
  if (isWordAt(text, end)) return false;
  return !(
    isDigitCode(text.charCodeAt(end - 1)) &&
    isDigitGlueCode(text.charCodeAt(end)) &&
    isDigitCode(text.charCodeAt(end + 1))
  );
}

function isS(code: number, anyCase: boolean): boolean {
  return code === 115 || (anyCase && code === 83);
}

function isE(code: number, anyCase: boolean): boolean {
  return code === 101 || (anyCase && code === 69);
}

/**
 * Where a match of a term whose words end at `wordsEnd` ends, taking the
 * longest allowed plural ("s", "es") and possessive ("'s") endings, or -1 when
 * no ending leaves a whole token. A bare apostrophe after "s" ("Accords'") is
 * allowed by the boundary but left out of the match: it may as well be a closing quote.
 * Case-sensitive terms take lower-case plural endings only ("MDTs", not "MOUSE").
 */
export function endOfMatch(text: string, wordsEnd: number, takesPlural: boolean, caseSensitive: boolean): number {
  const anyCase = !caseSensitive;
  const pluralEnds: number[] = [];
  if (takesPlural) {
    const first = text.charCodeAt(wordsEnd);
    if (isE(first, anyCase) && isS(text.charCodeAt(wordsEnd + 1), anyCase)) pluralEnds.push(wordsEnd + 2);
    if (isS(first, anyCase)) pluralEnds.push(wordsEnd + 1);
  }
  pluralEnds.push(wordsEnd);
  for (const afterPlural of pluralEnds) {
    if (
      kindOf(text.charCodeAt(afterPlural)) === CharKind.Apostrophe &&
      isS(text.charCodeAt(afterPlural + 1), true) &&
      endsWholeToken(text, afterPlural + 2)
    ) {
      return afterPlural + 2;
    }
    if (endsWholeToken(text, afterPlural)) return afterPlural;
  }
  return -1;
}
