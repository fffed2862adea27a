/**
 * Where sentences end, as sentence-scope rules see it: at ".", "!" or "?"
 * (with closing quotes or brackets) before a space, but not after an
 * abbreviation or a single letter ("U.S.", "Gen.", "Oct.", "a.m."); and at
 * every line break.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '@/src/matching/index';
import { sentenceIndexAt, sentenceStarts } from '@/src/matching/tokens';
import { found } from './support';

/** A small data set of our own, so these tests do not move when the bundled notes do. */
const matcher = compileMatcher({
  contexts: [{ id: 'israel-sentence', reason: 'Israel in the same sentence.', needs: [{ anyOf: ['Israel'], within: 'sentence' }] }],
  topics: [{ id: 'arms', terms: [{ text: 'arms deal', context: 'israel-sentence' }] }],
});

/** The sentences of a text, as strings. */
function sentences(text: string): string[] {
  const starts = sentenceStarts(text);
  return starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length).trim());
}

describe('sentence ends as a sentence-scope rule sees them', () => {
  it('does not end a sentence at an abbreviation or a single letter', () => {
    expect(found(matcher, 'Israel and the U.S. signed an arms deal.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel’s Gen. Smith backs an arms deal.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel marked Oct. 7 with an arms deal.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel met at 9 a.m. and an arms deal followed.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel met at 9 a.m. An arms deal followed.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel met Dr. Levy and Mr. Cohen. An arms deal followed.')).toEqual([]);
  });

  it('ends a sentence at a period, "!" or "?", with closing quotes, and at a line break', () => {
    expect(found(matcher, 'Israel spoke. An arms deal followed.')).toEqual([]);
    expect(found(matcher, 'An arms deal followed. Israel spoke.')).toEqual([]);
    expect(found(matcher, 'Israel spoke! An arms deal followed.')).toEqual([]);
    expect(found(matcher, 'Did Israel speak? An arms deal followed.')).toEqual([]);
    expect(found(matcher, 'Israel said "never." An arms deal followed.')).toEqual([]);
    expect(found(matcher, 'Israel said (never.) An arms deal followed.')).toEqual([]);
    expect(found(matcher, 'Israel spoke\nAn arms deal followed')).toEqual([]);
    expect(found(matcher, 'Israel spoke,\nand an arms deal followed')).toEqual([]);
  });

  it('keeps a sentence whole across semicolons, commas, dashes and periods inside numbers or words', () => {
    expect(found(matcher, 'Israel spoke; an arms deal followed.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel spoke — and an arms deal followed.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel paid 3.5 billion for an arms deal.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel.com reported an arms deal.')).toEqual(['arms:arms deal']);
    expect(found(matcher, 'Israel spoke.An arms deal followed.')).toEqual(['arms:arms deal']);
  });
});

describe('sentenceStarts', () => {
  it('splits at sentence ends and line breaks', () => {
    expect(sentences('Israel spoke. Then the U.S. did. Gen. Smith and Oct. 7 at 9 a.m. were noted! Why? Yes')).toEqual([
      'Israel spoke.',
      'Then the U.S. did.',
      'Gen. Smith and Oct. 7 at 9 a.m. were noted!',
      'Why?',
      'Yes',
    ]);
    expect(sentences('One line\nanother line\n\nlast')).toEqual(['One line', 'another line', '', 'last']);
    expect(sentences('He said "Stop." She left.')).toEqual(['He said "Stop."', 'She left.']);
    expect(sentences('Really?! Yes')).toEqual(['Really?!', 'Yes']);
  });

  it('starts with 0 and finds the sentence of any position', () => {
    const text = 'Aa bb. Cc dd.\nEe ff';
    const starts = sentenceStarts(text);
    expect(starts).toEqual([0, 7, 14]);
    expect([0, 6, 7, 13, 14, 19].map((position) => sentenceIndexAt(starts, position))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(sentenceStarts('')).toEqual([0]);
  });
});
