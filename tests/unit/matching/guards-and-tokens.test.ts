/**
 * Guards: phrases that may not stand right before (`notBefore`) or right
 * after (`notAfter`) a match, written as words, "@list" references or word
 * classes ({Name}, {number}, {year}); and the word reading under them
 * (`tokens.ts`): possessives, abbreviations, sentence ends and line breaks.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherSource } from '@/src/matching/index';
import { isNameWord, isTitleCase, wordFits, wordsAfter, wordsBefore, type Word } from '@/src/matching/tokens';
import { found } from './support';

/** A small data set of our own, so these tests do not move when the bundled notes do. */
const source: MatcherSource = {
  wordLists: {
    other: { reason: 'Other countries with their own pacts.', words: ['Saudi Arabia', 'Japan', 'Pakistan'] },
  },
  contexts: [
    {
      id: 'mdt',
      reason: 'MDT is also Mountain Daylight Time: never after a clock time, never before the zone spelled out.',
      needs: [{ anyOf: ['treaty'], within: 'paragraph' }],
      notBefore: ['{number}', 'a.m.', 'p.m.', 'noon'],
      notAfter: ['(Mountain', 'daylight', 'Mountain Daylight Time'],
    },
    {
      id: 'israel-treaty',
      reason: 'The treaty is Israel’s unless it stands next to another country’s name.',
      needs: [{ anyOf: ['Israel'], within: 'paragraph' }],
      notBefore: ['@other'],
      notAfter: ['with @other', 'between @other', 'with the @other'],
    },
    {
      id: 'summit',
      reason: 'The summit of a given year is history, not the talks.',
      needs: [{ anyOf: ['talks'], within: 'paragraph' }],
      notBefore: ['{year}'],
    },
    {
      id: 'israel-word',
      reason: 'Israel the country, not a person called Israel.',
      needs: [{ anyOf: ['Knesset'], within: 'paragraph' }],
      notBefore: ['{Name}'],
      notAfter: ['{Name}'],
    },
  ],
  topics: [
    { id: 'mdt', terms: [{ text: 'MDT', caseSensitive: true, context: 'mdt' }] },
    { id: 'treaty', terms: [{ text: 'mutual defense treaty', context: 'israel-treaty' }] },
    { id: 'summit', terms: [{ text: 'Camp David summit', context: 'summit' }] },
    { id: 'israel', terms: [{ text: 'Israel', context: 'israel-word' }] },
  ],
};

const matcher = compileMatcher(source);

describe('notBefore and notAfter with words', () => {
  it('drops a match right after a listed word or phrase', () => {
    expect(found(matcher, 'Treaty talks resume at 9 a.m. MDT on Monday.')).toEqual([]);
    expect(found(matcher, 'Treaty talks resume at 9 p.m. MDT on Monday.')).toEqual([]);
    expect(found(matcher, 'Treaty talks resume at noon MDT.')).toEqual([]);
    expect(found(matcher, 'Treaty talks resume at NOON, MDT.')).toEqual([]);
  });

  it('drops a match right before a listed word or phrase, across brackets (punctuation in a guard is not compared)', () => {
    expect(found(matcher, 'The treaty signing is at one MDT mountain time.')).toEqual([]);
    expect(found(matcher, 'The treaty signing is at one MDT (Mountain Daylight Time).')).toEqual([]);
    expect(found(matcher, 'The treaty signing is at one MDT daylight time.')).toEqual([]);
    expect(found(matcher, 'The treaty signing is at one MDT Mountain Daylight Time.')).toEqual([]);
  });

  it('keeps a match the words do not stand right next to', () => {
    expect(found(matcher, 'The treaty, or MDT, is near.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'At noon the treaty, or MDT, was signed.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'The treaty MDT is near; Mountain views.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'The treaty signing is at one MDT mountains away.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'An afternoon MDT treaty.')).toEqual(['mdt:MDT']);
  });

  it('does not look past a sentence end or a line break', () => {
    expect(found(matcher, 'Treaty talks resume at noon. MDT supporters cheered.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'Treaty talks resume at noon\nMDT supporters cheered.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'Treaty talks: the MDT. Daylight came.')).toEqual(['mdt:MDT']);
    expect(found(matcher, 'Treaty talks: the MDT!\nMountain Daylight Time is later.')).toEqual(['mdt:MDT']);
  });
});

describe('notBefore and notAfter with word classes', () => {
  it('{number} fits any number right before the match', () => {
    expect(found(matcher, 'Treaty talks resume at 10:30 MDT.')).toEqual([]);
    expect(found(matcher, 'Treaty talks resume at 10 MDT.')).toEqual([]);
    expect(found(matcher, 'Treaty talks, Article 5 MDT.')).toEqual([]);
    expect(found(matcher, 'Treaty talks resume at ten MDT.')).toEqual(['mdt:MDT']);
    // A word that starts with a number is a number here too: "10pm", "9am".
    expect(found(matcher, 'Treaty talks resume at 10pm MDT.')).toEqual([]);
  });

  it('{year} fits only a year from 1900 to 2099', () => {
    expect(found(matcher, 'Before the talks, the 2000 Camp David summit failed.')).toEqual([]);
    expect(found(matcher, 'Before the talks, the 1978 Camp David summit.')).toEqual([]);
    expect(found(matcher, 'Before the talks, the 1850 Camp David summit.')).toEqual(['summit:Camp David summit']);
    expect(found(matcher, 'Before the talks, the 12 Camp David summit.')).toEqual(['summit:Camp David summit']);
    expect(found(matcher, 'Before the talks, the 20000 Camp David summit.')).toEqual(['summit:Camp David summit']);
    expect(found(matcher, 'Before the talks, the 2000s Camp David summit.')).toEqual(['summit:Camp David summit']);
    expect(found(matcher, 'Talks of a Camp David summit in 2000.')).toEqual(['summit:Camp David summit']);
  });

  it('{Name} fits a capitalized word that may be part of a name', () => {
    // Sentences with enough lower-case words not to read as title case.
    expect(found(matcher, 'Members of the Knesset watched while Israel Adesanya fought.')).toEqual([]);
    expect(found(matcher, 'Members of the Knesset watched while Rep. Steve Israel spoke.')).toEqual([]);
    expect(found(matcher, 'Members of the Knesset watched while Israel said nothing.')).toEqual(['israel:Israel']);
    expect(found(matcher, 'Members of the Knesset watched from Israel Sunday morning.')).toEqual(['israel:Israel']);
    expect(found(matcher, 'The Knesset met. In Israel, the weather turned.')).toEqual(['israel:Israel']);
    expect(found(matcher, 'Members of the Knesset watched the IDF Israel units.')).toEqual(['israel:Israel']);
    expect(found(matcher, 'Members of the Knesset watched while israel adesanya fought.')).toEqual(['israel:israel']);
  });

  it('ignores {Name} in a sentence set in title case, as headlines are', () => {
    expect(found(matcher, 'Knesset Backs Israel Adesanya Title Fight')).toEqual(['israel:Israel']);
    expect(found(matcher, 'Knesset members back Israel Adesanya in his title fight')).toEqual([]);
    // Only the sentence of the match counts: a title-case sentence elsewhere in the block changes nothing.
    expect(found(matcher, 'Knesset Backs Title Fight Tonight\nThe member backed Israel Adesanya in his fight.')).toEqual([]);
  });
});

describe('notBefore and notAfter with lists', () => {
  it('drops a match next to any word of the list, multi-word ones too', () => {
    expect(found(matcher, 'Israel noted the Saudi Arabia mutual defense treaty.')).toEqual([]);
    expect(found(matcher, 'Israel noted the Pakistan mutual defense treaty.')).toEqual([]);
    expect(found(matcher, 'Israel noted the mutual defense treaty with Japan.')).toEqual([]);
    expect(found(matcher, 'Israel noted the mutual defense treaty with Saudi Arabia.')).toEqual([]);
    expect(found(matcher, 'Israel noted the mutual defense treaty with the Saudi Arabia talks.')).toEqual([]);
    expect(found(matcher, 'Israel noted the mutual defense treaty between Pakistan and others.')).toEqual([]);
  });

  it('reads a possessive as its word', () => {
    expect(found(matcher, "Israel noted Japan's mutual defense treaty.")).toEqual([]);
    expect(found(matcher, 'Israel noted Japan’s mutual defense treaty.')).toEqual([]);
    expect(found(matcher, 'Israel noted JAPAN’S mutual defense treaty.')).toEqual([]);
  });

  it('keeps a match whose neighbours only look like the list’s words', () => {
    expect(found(matcher, 'Israel wants a mutual defense treaty.')).toEqual(['treaty:mutual defense treaty']);
    expect(found(matcher, 'Israel noted the Japanese mutual defense treaty.')).toEqual(['treaty:mutual defense treaty']);
    expect(found(matcher, 'Israel noted the Arabia mutual defense treaty.')).toEqual(['treaty:mutual defense treaty']);
    expect(found(matcher, 'Israel noted the mutual defense treaty, unlike Japan.')).toEqual(['treaty:mutual defense treaty']);
    expect(found(matcher, 'Israel noted the mutual defense treaty with Saudi officials.')).toEqual(['treaty:mutual defense treaty']);
    expect(found(matcher, 'Israel flew from Japan. The mutual defense treaty came next.')).toEqual(['treaty:mutual defense treaty']);
  });
});

describe('a rule with guards and no needs', () => {
  it('keeps every match its guards let stand', () => {
    const guardOnly = compileMatcher({
      contexts: [{ id: 'not-a-time', reason: 'Never after a clock time.', notBefore: ['{number}'] }],
      topics: [{ id: 'mdt', terms: [{ text: 'MDT', caseSensitive: true, context: 'not-a-time' }] }],
    });
    expect(found(guardOnly, 'The MDT was discussed.')).toEqual(['mdt:MDT']);
    expect(found(guardOnly, 'Talks at 9 MDT.')).toEqual([]);
    expect(guardOnly.scan('The MDT was discussed.').pending).toBeNull();
  });
});

/** The words of `text` as strings, in the order given. */
function wordTexts(text: string, words: readonly Word[]): string[] {
  return words.map((word) => text.slice(word.start, word.end));
}

describe('words around a match (tokens.ts)', () => {
  it('reads words before a position, nearest first, a possessive as its word', () => {
    const text = 'In Japan’s new, "bold" MDT';
    expect(wordTexts(text, wordsBefore(text, text.indexOf('MDT'), 4))).toEqual(['bold', 'new', 'Japan', 'In']);
    expect(wordTexts(text, wordsBefore(text, text.indexOf('MDT'), 2))).toEqual(['bold', 'new']);
    expect(wordsBefore(text, 0, 3)).toEqual([]);
  });

  it('reads words after a position, nearest first, stepping over a possessive ending', () => {
    const text = 'MDT (Mountain Daylight’s) time zone';
    expect(wordTexts(text, wordsAfter(text, 3, 4))).toEqual(['Mountain', 'Daylight', 'time', 'zone']);
    expect(wordsAfter(text, text.length, 2)).toEqual([]);
  });

  it('stops at a sentence end, a semicolon or a line break, but not after an abbreviation or a single letter', () => {
    const before = 'We met. Then at 9 a.m. MDT';
    expect(wordTexts(before, wordsBefore(before, before.indexOf('MDT'), 9))).toEqual(['m', 'a', '9', 'at', 'Then']);
    const after = 'MDT Gen. Smith; then';
    expect(wordTexts(after, wordsAfter(after, 3, 5))).toEqual(['Gen', 'Smith']);
    const lines = 'Japan\nMDT here\nthere';
    expect(wordsBefore(lines, lines.indexOf('MDT'), 3)).toEqual([]);
    expect(wordTexts(lines, wordsAfter(lines, lines.indexOf('MDT') + 3, 3))).toEqual(['here']);
  });

  it('recognizes names, numbers and years', () => {
    const text = 'Adesanya IDF Monday In O McCain x 2023 1899 42 4a';
    const word = (piece: string): Word => ({ start: text.indexOf(piece), end: text.indexOf(piece) + piece.length });
    expect(isNameWord(text, word('Adesanya'))).toBe(true);
    expect(isNameWord(text, word('McCain'))).toBe(true);
    for (const notName of ['IDF', 'Monday', 'In', 'O', 'x', '2023']) expect(isNameWord(text, word(notName)), notName).toBe(false);
    expect(wordFits(text, word('2023'), '{year}')).toBe(true);
    expect(wordFits(text, word('1899'), '{year}')).toBe(false);
    expect(wordFits(text, word('1899'), '{number}')).toBe(true);
    expect(wordFits(text, word('42'), '{number}')).toBe(true);
    expect(wordFits(text, word('4a'), '{number}')).toBe(true);
    expect(wordFits(text, word('4a'), '{year}')).toBe(false);
    expect(wordFits(text, word('Monday'), 'monday')).toBe(true);
    expect(wordFits(text, word('Monday'), 'mon')).toBe(false);
  });

  it('tells a title-case headline from a sentence', () => {
    const headline = 'Netanyahu Says Israel Will Seek Defense Pact';
    expect(isTitleCase(headline, 0, headline.length)).toBe(true);
    const sentence = 'Netanyahu says Israel will seek a defense pact';
    expect(isTitleCase(sentence, 0, sentence.length)).toBe(false);
    // Too few long words to tell.
    expect(isTitleCase('Israel Wins', 0, 11)).toBe(false);
  });
});
