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
 * Ranges past General Punctuation whose every code point is of one kind for
 * the word rule (letters, digits, marks: `Word`; symbols and punctuation:
 * `Other`; dashes and spaces: `Separator`), in code order (`quickKindOf` stops
 * at the first range past the code): [first, last, kind]. Only ranges that
 * stay so as Unicode assigns more of them (a new CJK ideograph is a letter, a
 * new arrow a symbol). The unit tests check each against the expressions over
 * every code point.
 */
const UNIFORM_BLOCKS: ReadonlyArray<readonly [number, number, CharKind]> = [
  // Latin Extended-A and -B: Central European and other Latin letters ("Č", "š", "ő").
  [0x0100, 0x024f, CharKind.Word],
  // IPA extensions ("ə" in Azerbaijani); combining diacritical marks (decomposed accents).
  [0x0250, 0x02af, CharKind.Word],
  [0x0300, 0x036f, CharKind.Word],
  // Greek letters, with their accented forms.
  [0x0388, 0x038a, CharKind.Word],
  [0x038e, 0x03a1, CharKind.Word],
  [0x03a3, 0x03ce, CharKind.Word],
  // Cyrillic: letters and combining marks, but for the thousands sign.
  [0x0400, 0x0481, CharKind.Word],
  [0x0482, 0x0482, CharKind.Other],
  [0x0483, 0x04ff, CharKind.Word],
  // Armenian letters.
  [0x0531, 0x0556, CharKind.Word],
  [0x0560, 0x0588, CharKind.Word],
  // Hebrew letters; Arabic letters, vowel marks and digits (a language menu's "עברית", "العربية", "فارسی").
  [0x05d0, 0x05ea, CharKind.Word],
  [0x0620, 0x064a, CharKind.Word],
  [0x064b, 0x065f, CharKind.Word],
  [0x0660, 0x0669, CharKind.Word],
  [0x066e, 0x06d3, CharKind.Word],
  // Devanagari letters, marks and digits ("हिन्दी"), not its danda punctuation.
  [0x0900, 0x0963, CharKind.Word],
  [0x0966, 0x096f, CharKind.Word],
  [0x0971, 0x097f, CharKind.Word],
  // Bengali and Thai letters ("বাংলা", "ไทย").
  [0x0981, 0x0983, CharKind.Word],
  [0x0995, 0x09a8, CharKind.Word],
  [0x09aa, 0x09b0, CharKind.Word],
  [0x09b2, 0x09b2, CharKind.Word],
  [0x09b6, 0x09b9, CharKind.Word],
  [0x09be, 0x09c4, CharKind.Word],
  [0x0e01, 0x0e3a, CharKind.Word],
  [0x0e40, 0x0e4e, CharKind.Word],
  // Latin Extended Additional (Vietnamese).
  [0x1e00, 0x1eff, CharKind.Word],
  // Currency symbols (€ is U+20AC); the trade mark sign.
  [0x20a0, 0x20cf, CharKind.Other],
  [0x2122, 0x2122, CharKind.Other],
  // Arrows, mathematical operators, technical symbols; the minus sign (U+2212) is a dash, a separator.
  [0x2190, 0x2211, CharKind.Other],
  [0x2212, 0x2212, CharKind.Separator],
  [0x2213, 0x23ff, CharKind.Other],
  // Box drawing, block elements, geometric shapes, miscellaneous symbols (before the dingbats' circled digits).
  [0x2500, 0x2775, CharKind.Other],
  // The ideographic space, comma, full stop and brackets; hiragana.
  [0x3000, 0x3000, CharKind.Separator],
  [0x3001, 0x3003, CharKind.Other],
  [0x3008, 0x3011, CharKind.Other],
  [0x3041, 0x3096, CharKind.Word],
  // Katakana, with the prolonged sound mark ("ー").
  [0x30a1, 0x30fa, CharKind.Word],
  [0x30fc, 0x30ff, CharKind.Word],
  // CJK unified ideographs.
  [0x4e00, 0x9fff, CharKind.Word],
  // Hangul syllables.
  [0xac00, 0xd7a3, CharKind.Word],
  // Private use: icon fonts.
  [0xe000, 0xf8ff, CharKind.Other],
  // Variation selectors (the one after a symbol that asks for its emoji form).
  [0xfe00, 0xfe0f, CharKind.Word],
  // Full-width punctuation, digits and Latin letters (CJK text); the full-width hyphen-minus is a dash.
  [0xff01, 0xff0c, CharKind.Other],
  [0xff0d, 0xff0d, CharKind.Separator],
  [0xff0e, 0xff0f, CharKind.Other],
  [0xff10, 0xff19, CharKind.Word],
  [0xff1a, 0xff20, CharKind.Other],
  [0xff21, 0xff3a, CharKind.Word],
  [0xff3b, 0xff40, CharKind.Other],
  [0xff41, 0xff5a, CharKind.Word],
  [0xff5b, 0xff65, CharKind.Other],
];

/**
 * The kind of a code unit the common blocks decide without a regular
 * expression: ASCII, Latin-1, General Punctuation (curly quotes, dashes,
 * typographic spaces) and the blocks in `UNIFORM_BLOCKS`. Every news page is
 * full of them, and the Unicode property expressions cost a millisecond or
 * more to compile on their first use, which a page should pay only for text
 * outside these blocks. Unknown elsewhere.
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
  for (const [first, last, kind] of UNIFORM_BLOCKS) {
    if (code < first) break;
    if (code <= last) return kind;
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
  if (isPictographic(codePoint)) return false;
  return wordChar().test(String.fromCodePoint(codePoint));
}

/**
 * Whether a code point is in the emoji and pictograph blocks (U+1F300 to
 * U+1FAFF), all symbols: the emoji of a headline or a share button must not
 * cost a page the expression.
 */
export function isPictographic(codePoint: number): boolean {
  return codePoint >= 0x1f300 && codePoint <= 0x1faff;
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
