/**
 * The characters the matcher treats as interchangeable, in two forms: regular
 * expression sources for the regex strategies and code-unit lookups for the
 * automaton. Both forms come from the same lists so every strategy
 * agrees on what a separator, an apostrophe and a word character are.
 */

/** Hyphen-minus, hyphen, non-breaking hyphen, figure/en/em dash, horizontal bar, minus, small/full-width hyphen-minus. */
const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D';
/** Straight and curly apostrophes; U+2018 and U+02BC stand in for the apostrophe in real pages. */
const APOSTROPHES = "'\u2019\u2018\u02BC";

/** One or more characters that may sit between two words of a term: any whitespace (NBSP and U+202F included) or dash. */
export const SEPARATOR_RUN_SOURCE = `[\\s${DASHES.replace('-', '\\-')}]+`;
/** Any apostrophe. */
export const APOSTROPHE_SOURCE = `[${APOSTROPHES}]`;
/**
 * A letter, digit or combining mark, or "_": what whole-word boundaries look at.
 * The underscore joins identifiers ("foo_MDT") and keeps this set a superset of
 * `\w`, which lets a regex strategy use the fast ASCII `\b` as a prefilter.
 */
export const WORD_CHAR_SOURCE = '[\\p{L}\\p{N}\\p{M}_]';
/**
 * Characters that glue digits into one token ("10/7/2023", "110.5", "9:30"),
 * so a term that starts or ends with a digit must not touch them when a digit is on the other side.
 */
export const DIGIT_GLUE_SOURCE = '[/.:]';
/** The digits the digit-glue rule looks at; dates and clock times in news text use ASCII digits. */
export const DIGIT_SOURCE = '[0-9]';

/**
 * The expressions, each made on first use: building a Unicode-property
 * expression costs a page load most of a millisecond, and most pages never
 * need one (`quickKindOf` covers their characters).
 */
function lazyExpression(source: string, flags: string): () => RegExp {
  let expression: RegExp | undefined;
  return () => (expression ??= new RegExp(source, flags));
}

/** Splits a term into its words. */
export const separatorRun = lazyExpression(SEPARATOR_RUN_SOURCE, 'u');
const apostropheGlobal = lazyExpression(APOSTROPHE_SOURCE, 'gu');
const wordChar = lazyExpression(`^${WORD_CHAR_SOURCE}$`, 'u');
const separatorChar = lazyExpression(`^${SEPARATOR_RUN_SOURCE}$`, 'u');

/** How the automaton sees one UTF-16 code unit. */
export const CharKind = {
  Unknown: 0,
  Other: 1,
  Word: 2,
  Separator: 3,
  Apostrophe: 4,
  /** Half of a surrogate pair; classify the whole code point with `isWordAt`. */
  Surrogate: 5,
} as const;
/** One of the `CharKind` values. */
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

// Classifying lazily keeps compile time flat: a page only ever shows a few hundred distinct characters.
const kinds = new Uint8Array(0x10000);
const folded = new Uint16Array(0x10000);

/**
 * The kind of a code unit the common blocks decide without a regular
 * expression: ASCII, Latin-1 and General Punctuation (curly quotes, dashes,
 * typographic spaces). Every news page is full of them, and the Unicode
 * property expressions cost milliseconds to compile on their first use, which
 * a page should pay only for text outside these blocks. Unknown elsewhere.
 */
export function quickKindOf(code: number): CharKind {
  if (code < 0x80) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95) return CharKind.Word;
    if (code === 32 || (code >= 9 && code <= 13) || code === 45) return CharKind.Separator;
    return code === 39 ? CharKind.Apostrophe : CharKind.Other;
  }
  if (code < 0x100) {
    if (code === 0xa0) return CharKind.Separator;
    // Latin-1 letters (not × and ÷), ª µ º, and the superscript digits and fractions (\p{N}).
    if ((code >= 0xc0 && code !== 0xd7 && code !== 0xf7) || code === 0xaa || code === 0xb5 || code === 0xba) return CharKind.Word;
    if (code === 0xb2 || code === 0xb3 || code === 0xb9 || (code >= 0xbc && code <= 0xbe)) return CharKind.Word;
    return CharKind.Other;
  }
  if (code >= 0x2000 && code <= 0x206f) {
    if (code <= 0x200a || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f) return CharKind.Separator;
    if (code >= 0x2010 && code <= 0x2015) return CharKind.Separator;
    if (code === 0x2018 || code === 0x2019) return CharKind.Apostrophe;
    // Nothing else in General Punctuation is a letter, digit or mark.
    return CharKind.Other;
  }
  return CharKind.Unknown;
}

function classify(code: number): CharKind {
  if (code >= 0xd800 && code <= 0xdfff) return CharKind.Surrogate;
  const quick = quickKindOf(code);
  return quick !== CharKind.Unknown ? quick : kindByExpression(code);
}

/** The kind of a code unit by the regular expressions alone (what `quickKindOf` must agree with). */
export function kindByExpression(code: number): CharKind {
  if (code >= 0xd800 && code <= 0xdfff) return CharKind.Surrogate;
  const char = String.fromCharCode(code);
  if (APOSTROPHES.includes(char)) return CharKind.Apostrophe;
  if (separatorChar().test(char)) return CharKind.Separator;
  return wordChar().test(char) ? CharKind.Word : CharKind.Other;
}

/** The kind of one UTF-16 code unit. */
export function kindOf(code: number): CharKind {
  const known = kinds[code] as CharKind;
  if (known !== CharKind.Unknown) return known;
  const kind = classify(code);
  kinds[code] = kind;
  return kind;
}

/** Lower-cases one code unit, leaving it alone when lower-casing would change the text's length (e.g. "İ"). */
export function foldCode(code: number): number {
  const known = folded[code]!;
  if (known !== 0) return known;
  const lower = String.fromCharCode(code).toLowerCase();
  const result = lower.length === 1 ? lower.charCodeAt(0) : code;
  folded[code] = result;
  return result;
}

/** `text` lower-cased code unit by code unit, so offsets stay aligned with the original. */
export function foldText(text: string): string {
  let result = '';
  for (let i = 0; i < text.length; i++) result += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return result;
}

/** Whether the code point starting (or, for a low surrogate, ending) at `index` is a word character. */
export function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const kind = kindOf(text.charCodeAt(index));
  if (kind !== CharKind.Surrogate) return kind === CharKind.Word;
  const start = index > 0 && text.charCodeAt(index) >= 0xdc00 ? index - 1 : index;
  const codePoint = text.codePointAt(start)!;
  return wordChar().test(String.fromCodePoint(codePoint));
}

/** Whether the code unit is an ASCII digit. */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether the code unit joins digits into one token ("/", ".", ":"). */
export function isDigitGlueCode(code: number): boolean {
  return code === 47 || code === 46 || code === 58;
}

/** Writes every apostrophe as the straight one. */
export function straightenApostrophes(text: string): string {
  return text.replace(apostropheGlobal(), "'");
}
