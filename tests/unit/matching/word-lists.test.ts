/**
 * Word lists ("@israel"): shared words that rules look for, their
 * exceptions (a literal phrase that cancels them, a class next to one of
 * them: "Israel {Name}"), acronyms matched with their case, and what an
 * article that uses a guarded word in a name does to its bare uses.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, matchArticle, type MatcherSource } from '@/src/matching/index';
import { found } from './support';

/** A small data set of our own, so these tests do not move when the bundled notes do. */
const source: MatcherSource = {
  wordLists: {
    israel: {
      reason: 'Israel, unless part of a name or of another institution’s.',
      words: ['Israel', 'Israeli', 'IDF', 'Israel Defense Forces', 'Jewish state'],
      except: ['Israel {Name}', '{Name} Israel', 'Bank of Israel'],
    },
    us: { reason: 'The United States.', words: ['US', 'U.S.', 'United States', 'America'] },
  },
  contexts: [
    { id: 'israel-paragraph', reason: 'Israel in the paragraph.', needs: [{ anyOf: ['@israel'], within: 'paragraph' }] },
    { id: 'israel-article', reason: 'Israel in the article.', needs: [{ anyOf: ['@israel'], within: 'article' }] },
    { id: 'us-sentence', reason: 'The U.S. in the sentence.', needs: [{ anyOf: ['@us'], within: 'sentence' }] },
    { id: 'mixed', reason: 'A list and a word.', needs: [{ anyOf: ['@us', 'Pentagon'], within: 'sentence' }] },
  ],
  topics: [
    { id: 'guarantee', terms: [{ text: 'security guarantee', context: 'israel-paragraph' }] },
    { id: 'treaty', terms: [{ text: 'defense treaty', context: 'israel-article' }] },
    { id: 'arms', terms: [{ text: 'arms sale', context: 'us-sentence' }, { text: 'arms package', context: 'mixed' }] },
  ],
};

const matcher = compileMatcher(source);

describe('list words', () => {
  it('counts any word of the list, multi-word ones too', () => {
    expect(found(matcher, 'Israel wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'The IDF wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'The Jewish\u00a0state wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'The Jewish people want a security guarantee.')).toEqual([]);
  });

  it('counts a list expanded next to plain words', () => {
    expect(found(matcher, 'The Pentagon approved the arms package.')).toEqual(['arms:arms package']);
    expect(found(matcher, 'America approved the arms package.')).toEqual(['arms:arms package']);
    expect(found(matcher, 'Congress approved the arms package.')).toEqual([]);
  });

  it('matches acronyms of a list with their case', () => {
    expect(found(matcher, 'The US backs the arms sale.')).toEqual(['arms:arms sale']);
    expect(found(matcher, 'The U.S. backs the arms sale.')).toEqual(['arms:arms sale']);
    expect(found(matcher, 'Let us discuss the arms sale.')).toEqual([]);
    expect(found(matcher, 'Tell Us about the arms sale.')).toEqual([]);
    expect(found(matcher, 'the u.s. backs the arms sale')).toEqual([]);
    expect(found(matcher, 'The idf wants a security guarantee.')).toEqual([]);
    // Words that are not acronyms match in any case.
    expect(found(matcher, 'AMERICA backs the arms sale; so does united states')).toEqual(['arms:arms sale']);
    expect(found(matcher, 'ISRAEL wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
  });
});

describe('exceptions', () => {
  it('cancels the list’s words inside a listed phrase', () => {
    expect(found(matcher, 'The Bank of Israel offered a security guarantee.')).toEqual([]);
    expect(found(matcher, 'The bank of israel offered a security guarantee.')).toEqual([]);
    expect(found(matcher, 'Israel’s central bank offered a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'The Bank of Israel offered a security guarantee to Israeli firms.')).toEqual(['guarantee:security guarantee']);
    expect(matchArticle(matcher, ['The Bank of Israel spoke.', 'A defense treaty.'])).toEqual([[], []]);
    expect(matchArticle(matcher, ['The Bank of Israel and the IDF spoke.', 'A defense treaty.'])[1]).toHaveLength(1);
  });

  it('drops a list word next to a name where a class exception says so', () => {
    expect(found(matcher, 'Israel Adesanya wants a security guarantee.')).toEqual([]);
    expect(found(matcher, 'Rep. Steve Israel wants a security guarantee.')).toEqual([]);
    expect(found(matcher, 'Steve Israel’s office wants a security guarantee.')).toEqual([]);
    expect(found(matcher, 'Israel Adesanya’s team wants a security guarantee.')).toEqual([]);
  });

  it('keeps a list word next to words that only start sentences, or next to no name', () => {
    expect(found(matcher, 'In Israel, officials want a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'Israel Sunday sought a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'Israel wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'Israel IDF wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    // Words that continue institutions' names, not people's.
    expect(found(matcher, 'The Israel Police want a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'Israel. Adesanya wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
  });

  it('still counts a longer listed phrase that starts with the guarded word', () => {
    expect(found(matcher, 'The Israel Defense Forces want a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(matchArticle(matcher, ['The Israel Defense Forces spoke.', 'A defense treaty.'])[1]).toHaveLength(1);
  });

  it('ignores a {Name} exception in a headline set in title case', () => {
    expect(found(matcher, 'Israel Adesanya Wins Security Guarantee Talks')).toEqual(['guarantee:Security Guarantee']);
    expect(found(matcher, 'Israel Adesanya wins a security guarantee.')).toEqual([]);
  });
});

describe('guarded words used in a name', () => {
  it('makes the bare uses of that word in the same block not count', () => {
    expect(found(matcher, 'Israel Adesanya spoke. Israel wants a security guarantee.')).toEqual([]);
    expect(found(matcher, 'Israel wants a security guarantee. Israel Adesanya spoke.')).toEqual([]);
    // Other words of the list still count.
    expect(found(matcher, 'Israel Adesanya spoke. Israeli officials want a security guarantee.')).toEqual(['guarantee:security guarantee']);
  });

  it('makes the bare uses of that word in the article not count as article evidence', () => {
    expect(matchArticle(matcher, ['Israel spoke.', 'A defense treaty.'])).toEqual([[], [expect.objectContaining({ topic: 'treaty' })]]);
    expect(matchArticle(matcher, ['Israel Adesanya won.', 'Israel spoke.', 'A defense treaty.'])).toEqual([[], [], []]);
    // A headline in title case proves no name (every word is capitalized there); a short one is not read as title case.
    expect(matchArticle(matcher, ['Israel spoke.', 'A defense treaty.'], ['Israel Adesanya Wins Middleweight Title Tonight'])[1]).toHaveLength(1);
    expect(matchArticle(matcher, ['Israel spoke.', 'A defense treaty.'], ['Israel Adesanya Wins'])).toEqual([[], []]);
    expect(matchArticle(matcher, ['Israel spoke.', 'A defense treaty.'], ['The champion Israel Adesanya won the fight'])).toEqual([[], []]);
    expect(matchArticle(matcher, ['Israel Adesanya won.', 'The IDF spoke.', 'A defense treaty.'])[2]).toHaveLength(1);
  });

  it('counts name uses and bare uses of a guarded word as separate article facts', () => {
    const name = matcher.scan('Israel Adesanya won.').facts!;
    const bare = matcher.scan('Israel spoke.').facts!;
    const other = matcher.scan('The IDF spoke.').facts!;
    expect(name.length).toBe(matcher.factCount);
    expect(bare.length).toBe(matcher.factCount);
    const positions = (facts: Int32Array) => Array.from(facts).flatMap((count, index) => (count > 0 ? [index] : []));
    expect(positions(name)).toHaveLength(1);
    expect(positions(bare)).toHaveLength(1);
    expect(positions(other)).toHaveLength(1);
    expect(new Set([...positions(name), ...positions(bare), ...positions(other)]).size).toBe(3);
  });
});
