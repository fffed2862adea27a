/**
 * Words around a match, and sentences: what context rules look at besides
 * their word lists. A word is a run of word characters ("U.S." is the words
 * "U" and "S"); a trailing possessive ("Japan's") belongs to its word and is
 * left out when words are compared. Two words are next to each other when
 * nothing but spaces and punctuation separate them, and no sentence ends
 * between them.
 *
 * Only code here, no tables: these run for the few matches that need a rule,
 * never for every character of a page.
 */
import { CharKind, foldText, isWordAt, kindOf } from './characters';

/** A word of text: `[start, end)` with any possessive ending taken off. */
export interface Word {
  start: number;
  end: number;
}

/**
 * Capitalized words that start sentences and headlines but never begin or
 * continue a person's or a club's name ("In Israel", "Israel Sunday").
 */
const NOT_NAMES = new Set(
  (
    'a about after against all also an and another any are as at be because been before being both but by can could did do does during each ' +
    'even every for from had has have he her here his how if in into is it its last many may more most much must my new next no nor not now of ' +
    'on once only or other our over said says since so some still such than that the their them then there these they this those though through ' +
    'to under until upon was we were what when where whether which while who whom why will with within without would yet you your ' +
    'monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mr mrs ms dr sen rep gov gen adm lt col maj capt sgt prof president prime minister secretary ambassador general admiral ' +
    'north south east west northern southern eastern western central ' +
    // Words that continue the names of institutions, not of people ("Israel Aerospace Industries", "Israel Police").
    'aerospace airlines airports army air bank bonds broadcasting chemicals council defense defence democracy discount electric ' +
    'embassy forces forum fund government institute lands medical military ministry museum navy philharmonic police policy ' +
    'ports post prize project radio railways security shipyards studies television'
  ).split(' '),
);

/**
 * Words after which a period does not end a sentence: titles, months and the
 * like ("Gen. Wald", "Oct. 7"). Single letters ("U.S.", "a.m.") never end one either.
 */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr st jr sr sen rep gov gen adm lt col maj capt sgt cmdr prof rev ret hon no nos vs etc inc corp co ltd ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun approx est dept univ'
  ).split(' '),
);

function isUpperCode(code: number): boolean {
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

function isLowerCode(code: number): boolean {
  const char = String.fromCharCode(code);
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

/** The word whose last character is at `end - 1`, or null if no word ends there. */
function wordEndingAt(text: string, end: number): Word | null {
  if (!isWordAt(text, end - 1)) return null;
  let start = end - 1;
  while (start > 0 && isWordAt(text, start - 1)) start--;
  return { start, end };
}

/** Whether `text[start, end)` is the "s" of a possessive ("Japan's"), with a word before the apostrophe. */
function isPossessiveS(text: string, word: Word): boolean {
  return (
    word.end - word.start === 1 &&
    (text[word.start] === 's' || text[word.start] === 'S') &&
    kindOf(text.charCodeAt(word.start - 1)) === CharKind.Apostrophe &&
    isWordAt(text, word.start - 2)
  );
}

/** Whether the characters in `text[from, to)` between two words keep them in one sentence and one line. */
function isTightGap(text: string, from: number, to: number, wordBefore: Word | null): boolean {
  for (let i = from; i < to; i++) {
    const char = text[i]!;
    if (char === '\n') return false;
    if ((char === '.' || char === '!' || char === '?' || char === ';') && (i + 1 >= to || /\s/.test(text[i + 1]!))) {
      if (char !== '.' || wordBefore === null || i !== wordBefore.end || !isAbbreviation(text, wordBefore)) return false;
    }
  }
  return true;
}

function isAbbreviation(text: string, word: Word): boolean {
  if (word.end - word.start === 1) return true;
  return ABBREVIATIONS.has(foldText(text.slice(word.start, word.end)));
}

/** Up to `count` words right before `position`, nearest first, stopping at a sentence end or line break. */
export function wordsBefore(text: string, position: number, count: number): Word[] {
  const words: Word[] = [];
  let cursor = position;
  while (words.length < count) {
    let end = cursor;
    while (end > 0 && !isWordAt(text, end - 1)) end--;
    let word = wordEndingAt(text, end);
    if (!word) break;
    const gapFrom = word.end;
    // "Japan's" reads as "Japan".
    if (isPossessiveS(text, word)) word = wordEndingAt(text, word.start - 1)!;
    if (!isTightGap(text, gapFrom, cursor, word)) break;
    words.push(word);
    cursor = word.start;
  }
  return words;
}

/** Up to `count` words right after `position`, nearest first, stopping at a sentence end or line break. */
export function wordsAfter(text: string, position: number, count: number): Word[] {
  const words: Word[] = [];
  let cursor = position;
  let previous = wordEndingAt(text, position);
  while (words.length < count) {
    let start = cursor;
    while (start < text.length && !isWordAt(text, start)) start++;
    if (start >= text.length || !isTightGap(text, cursor, start, previous)) break;
    let end = start;
    while (end < text.length && isWordAt(text, end)) end++;
    const word = { start, end };
    words.push(word);
    previous = word;
    cursor = end;
    // Step over a possessive ending, so its "s" is not read as the next word.
    if (kindOf(text.charCodeAt(end)) === CharKind.Apostrophe && (text[end + 1] === 's' || text[end + 1] === 'S') && !isWordAt(text, end + 2)) {
      cursor = end + 2;
    }
  }
  return words;
}

/** The classes a phrase may use for one word: any capitalized name, any number, any year. */
export const WORD_CLASSES = ['{Name}', '{number}', '{year}'] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

/** Whether the word is a name: capitalized, then lower case, and not a word that only starts sentences. */
export function isNameWord(text: string, word: Word): boolean {
  if (word.end - word.start < 2) return false;
  if (!isUpperCode(text.charCodeAt(word.start))) return false;
  let lower = false;
  for (let i = word.start + 1; i < word.end; i++) {
    const code = text.charCodeAt(i);
    if (isUpperCode(code) && i === word.start + 1) return false;
    if (isLowerCode(code)) lower = true;
  }
  return lower && !NOT_NAMES.has(foldText(text.slice(word.start, word.end)));
}

/** A number, or a word that starts with one ("9pm", "10th"). */
function isNumberWord(text: string, word: Word): boolean {
  const code = text.charCodeAt(word.start);
  return word.end > word.start && code >= 48 && code <= 57;
}

function isAllDigits(text: string, word: Word): boolean {
  for (let i = word.start; i < word.end; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return word.end > word.start;
}

function isYearWord(text: string, word: Word): boolean {
  if (word.end - word.start !== 4 || !isAllDigits(text, word)) return false;
  const year = Number(text.slice(word.start, word.end));
  return year >= 1900 && year <= 2099;
}

/** Whether one word of text fits one word of a phrase (a literal, lower-cased, or a class). */
export function wordFits(text: string, word: Word, pattern: string): boolean {
  switch (pattern) {
    case '{Name}':
      return isNameWord(text, word);
    case '{number}':
      return isNumberWord(text, word);
    case '{year}':
      return isYearWord(text, word);
    default:
      return foldText(text.slice(word.start, word.end)) === pattern;
  }
}

/**
 * Whether the text is set in title case, as headlines often are: then a
 * capital says nothing about names. Looks at the words of four or more
 * letters after the first; most of them capitalized means title case.
 */
export function isTitleCase(text: string, from: number, to: number): boolean {
  let long = 0;
  let capitalized = 0;
  let first = true;
  let i = from;
  while (i < to) {
    while (i < to && !isWordAt(text, i)) i++;
    const start = i;
    while (i < to && isWordAt(text, i)) i++;
    if (i - start >= 4) {
      if (!first) {
        long++;
        if (isUpperCode(text.charCodeAt(start))) capitalized++;
      }
      first = false;
    } else if (i > start) {
      first = false;
    }
  }
  return long >= 3 && capitalized / long >= 0.7;
}

/**
 * Where the sentences of a block start: offsets in ascending order, the
 * first always 0. A sentence ends at ".", "!", "?" (with any closing quotes
 * or brackets) followed by a space, unless the period follows an
 * abbreviation or a single letter; and at every line break.
 */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') {
      starts.push(i + 1);
      continue;
    }
    if (char !== '.' && char !== '!' && char !== '?') continue;
    let end = i + 1;
    while (end < text.length && /["'”’)\]»]/u.test(text[end]!)) end++;
    if (end >= text.length || !/\s/.test(text[end]!)) continue;
    if (char === '.') {
      const word = wordEndingAt(text, i);
      if (word && isAbbreviation(text, word)) continue;
    }
    let next = end;
    while (next < text.length && /\s/.test(text[next]!) && text[next] !== '\n') next++;
    if (next < text.length && text[next] !== '\n') starts.push(next);
  }
  return starts;
}

/** The index of the sentence holding `position`, given `sentenceStarts`. */
export function sentenceIndexAt(starts: readonly number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}
