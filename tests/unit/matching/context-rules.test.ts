/**
 * Context rules: a term that names a rule is kept only where one of the
 * rule's needs holds (words outside the match itself, with `alsoAnyOf` a
 * second word too) and none of its rejects does (unless `unlessAlso`).
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, matchArticle, type MatcherSource } from '@/src/matching/index';
import { found } from './support';

/** A small data set of our own, so these tests do not move when the bundled notes do. */
const source: MatcherSource = {
  contexts: [
    {
      id: 'defense-acronym',
      reason: 'MDT is also Mountain Daylight Time.',
      needs: [{ anyOf: ['treaty', 'alliance', 'defense pact', 'Israel'], within: 'paragraph' }],
      rejects: [{ anyOf: ['Mountain', 'Daylight', 'Denver'], within: 'sentence', reason: 'The time zone.' }],
    },
    {
      id: 'october-attack',
      reason: 'Bare dates need the attack nearby.',
      needs: [{ anyOf: ['Hamas', 'hostages', 'attack', 'Gaza'], within: 'paragraph' }],
    },
    {
      id: 'needs-israel',
      reason: 'Only about Israel.',
      needs: [{ anyOf: ['Israel'], within: 'paragraph' }],
    },
    {
      id: 'israel-guarantee',
      reason: 'A guarantee is Israel’s where the paragraph names Israel, not a bank’s, and not another country’s.',
      needs: [{ anyOf: ['Israel', 'Israeli'], within: 'paragraph' }],
      rejects: [
        { anyOf: ['bank', 'deposits'], within: 'paragraph', reason: 'A bank’s guarantee.' },
        { anyOf: ['Qatar', 'Saudi Arabia'], within: 'sentence', unlessAlso: ['Israel', 'Israeli'], reason: 'Another country’s guarantee.' },
      ],
    },
    {
      id: 'joint-weapons',
      reason: 'Joint development of weapons with Israel: Israel and a weapon in the same sentence.',
      needs: [{ anyOf: ['Israel', 'Israeli'], within: 'sentence', alsoAnyOf: ['missile', 'interceptor', 'Arrow 3'] }],
    },
    {
      id: 'co-production',
      reason: 'Co-production with Israel: Israel and a weapon in the same paragraph.',
      needs: [{ anyOf: ['Israel', 'Israeli'], within: 'paragraph', alsoAnyOf: ['missile', 'interceptor'] }],
    },
    {
      id: 'venture-sentence',
      reason: 'Israel anywhere in the article, a weapon in the sentence (alsoAnyOf looks in the sentence by default).',
      needs: [{ anyOf: ['Israel'], within: 'article', alsoAnyOf: ['missile'] }],
    },
    {
      id: 'venture-paragraph',
      reason: 'Israel anywhere in the article, a weapon in the paragraph.',
      needs: [{ anyOf: ['Israel'], within: 'article', alsoAnyOf: ['missile'], alsoWithin: 'paragraph' }],
    },
    {
      id: 'article-five',
      reason: 'Article 5 of NATO, said in the sentence or somewhere in an article about the alliance.',
      needs: [
        { anyOf: ['NATO'], within: 'sentence' },
        { anyOf: ['alliance', 'Atlantic'], within: 'article' },
      ],
    },
  ],
  topics: [
    { id: 'defense-treaty', terms: [{ text: 'defense pact' }, { text: 'MDT', caseSensitive: true, context: 'defense-acronym' }] },
    { id: 'october-7', terms: [{ text: 'Oct. 7' }, { text: '10/7', context: 'october-attack' }, { text: '7 October', context: 'october-attack' }] },
    { id: 'israel-pact', terms: [{ text: 'Israel pact', context: 'needs-israel' }] },
    {
      id: 'guarantee',
      terms: [
        { text: 'security guarantee', context: 'israel-guarantee' },
        { text: 'bank security guarantee', context: 'israel-guarantee' },
      ],
    },
    { id: 'weapons', terms: [{ text: 'joint development', context: 'joint-weapons' }, { text: 'co-production', context: 'co-production' }] },
    { id: 'nato', terms: [{ text: 'Article 5', context: 'article-five' }] },
    { id: 'venture', terms: [{ text: 'joint venture', context: 'venture-sentence' }, { text: 'co-venture', context: 'venture-paragraph' }] },
  ],
};

const matcher = compileMatcher(source);

describe('needs', () => {
  it('keeps an acronym when its context is in the paragraph', () => {
    expect(found(matcher, 'Supporters say an MDT would deter Iran; the treaty would bind both.')).toEqual(['defense-treaty:MDT']);
    expect(found(matcher, 'An MDT with Israel.')).toEqual(['defense-treaty:MDT']);
    expect(found(matcher, 'An MDT. It would be a treaty, not an alliance.')).toEqual(['defense-treaty:MDT']);
  });

  it('drops an acronym without its context', () => {
    expect(found(matcher, 'The MDT was discussed at length.')).toEqual([]);
    expect(found(matcher, 'The MDT was discussed at length. Treatyless, Israelite and allied are other words.')).toEqual([]);
    // Context words take plural endings like terms: "alliances" counts.
    expect(found(matcher, 'The MDT was discussed at length. Two alliances.')).toEqual(['defense-treaty:MDT']);
  });

  it('counts a context word that is also a term', () => {
    expect(found(matcher, 'A defense pact, or MDT, was discussed.')).toEqual(['defense-treaty:defense pact', 'defense-treaty:MDT']);
  });

  it('keeps "10/7" and "7 October" only with their context', () => {
    expect(found(matcher, 'Since Hamas attacked on 10/7, the hostages')).toEqual(['october-7:10/7']);
    expect(found(matcher, 'Since 10/7.')).toEqual([]);
    expect(found(matcher, 'After the Hamas raid, on 10/7/2023 and 1/10/7 and 110/70 and 10/7.5 and 9:10/7')).toEqual([]);
    expect(found(matcher, 'Hamas: 10/7.')).toEqual(['october-7:10/7']);
    expect(found(matcher, 'the 7 October attack')).toEqual(['october-7:7 October']);
    expect(found(matcher, 'On 7 October the museum reopened.')).toEqual([]);
    expect(found(matcher, 'On Oct. 7 the museum reopened.')).toEqual(['october-7:Oct. 7']);
  });

  it('looks for paragraph context only in the text it is given', () => {
    expect(matcher.find('Hamas gunmen crossed the fence on 10/7.')).toEqual([
      { topic: 'october-7', term: '10/7', text: '10/7', start: 34, end: 38 },
    ]);
    expect(matcher.find('Hamas gunmen crossed the fence.')).toEqual([]);
    expect(matcher.find('It happened on 10/7.')).toEqual([]);
  });

  it('needs context outside the match itself', () => {
    expect(found(matcher, 'the Israel pact')).toEqual([]);
    expect(found(matcher, 'the Israel pact, Israel says')).toEqual(['israel-pact:Israel pact']);
    expect(found(matcher, 'Israel backs the Israel pact')).toEqual(['israel-pact:Israel pact']);
  });

  it('holds when any one of several needs holds', () => {
    expect(found(matcher, 'NATO invoked Article 5 once.')).toEqual(['nato:Article 5']);
    expect(matchArticle(matcher, ['The alliance met.', 'Article 5 was discussed.'])).toEqual([
      [],
      [{ topic: 'nato', term: 'Article 5', text: 'Article 5', start: 0, end: 9 }],
    ]);
    expect(matchArticle(matcher, ['The council met.', 'Article 5 of the lease was discussed.'])).toEqual([[], []]);
    expect(found(matcher, 'The council met. Article 5 of the lease was discussed.')).toEqual([]);
  });
});

describe('rejects', () => {
  it('throws a match out when a reject word is in its sentence', () => {
    expect(found(matcher, 'Treaty talks: an MDT in Denver.')).toEqual([]);
    expect(found(matcher, 'Treaty talks resume at noon MDT (Mountain Daylight Time).')).toEqual([]);
  });

  it('ignores a sentence reject word in another sentence of the paragraph', () => {
    expect(found(matcher, 'Treaty talks: an MDT is likely. Denver was cold.')).toEqual(['defense-treaty:MDT']);
  });

  it('throws a match out when a paragraph reject word is anywhere in the paragraph, whatever the needs say', () => {
    expect(found(matcher, 'Israel wants a security guarantee. The bank said no.')).toEqual([]);
    expect(found(matcher, 'Israeli savers want a security guarantee on deposits.')).toEqual([]);
    expect(found(matcher, 'Israel wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(matchArticle(matcher, ['Israel wants a security guarantee.', 'The bank said no.'])[0]).toEqual([
      { topic: 'guarantee', term: 'security guarantee', text: 'security guarantee', start: 15, end: 33 },
    ]);
  });

  it('does not let the match’s own words reject it', () => {
    expect(found(matcher, 'Israel sought a bank security guarantee.')).toEqual(['guarantee:bank security guarantee']);
  });

  it('keeps a match the reject would drop when one of `unlessAlso` is in the same scope', () => {
    expect(found(matcher, 'Israel watched. Washington gave Qatar a security guarantee.')).toEqual([]);
    expect(found(matcher, 'Washington gave Qatar a security guarantee after Israel’s strike.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'Israeli officials noted that Saudi Arabia wants a security guarantee.')).toEqual(['guarantee:security guarantee']);
    expect(found(matcher, 'Israel watched. Saudi Arabia wants a security guarantee.')).toEqual([]);
    // The unless word must be in the reject's scope, the sentence: in the paragraph it does not save the match.
    expect(found(matcher, 'Saudi Arabia wants a security guarantee. Israeli officials noted it.')).toEqual([]);
  });
});

describe('alsoAnyOf', () => {
  it('needs both words in the sentence for a sentence need', () => {
    expect(found(matcher, 'Israel and the U.S. agreed on joint development of a missile.')).toEqual(['weapons:joint development']);
    expect(found(matcher, 'The Arrow 3 interceptor is Israeli joint development.')).toEqual(['weapons:joint development']);
    expect(found(matcher, 'Israel and the U.S. agreed on joint development.')).toEqual([]);
    expect(found(matcher, 'They agreed on joint development of a missile.')).toEqual([]);
    expect(found(matcher, 'Israel and the U.S. agreed on joint development. The missile flew.')).toEqual([]);
    expect(found(matcher, 'Israel spoke. The joint development of a missile went on.')).toEqual([]);
  });

  it('needs both words in the paragraph for a paragraph need, in any sentences', () => {
    expect(found(matcher, 'Israel spoke. Co-production went on. The missile flew.')).toEqual(['weapons:Co-production']);
    expect(found(matcher, 'Israel spoke. Co-production went on.')).toEqual([]);
    expect(found(matcher, 'Co-production went on. The interceptor flew.')).toEqual([]);
    expect(matchArticle(matcher, ['Israel spoke. Co-production went on.', 'The missile flew.'])).toEqual([[], []]);
  });

  it('with an article need, looks for the second word in the sentence, or where `alsoWithin` says', () => {
    expect(matchArticle(matcher, ['Israel spoke.', 'The missile joint venture grew.'])[1]!.map((m) => m.text)).toEqual(['joint venture']);
    expect(matchArticle(matcher, ['Israel spoke.', 'The joint venture grew. A missile flew.'])).toEqual([[], []]);
    expect(matchArticle(matcher, ['The missile spoke.', 'The missile joint venture grew.'])).toEqual([[], []]);
    expect(matchArticle(matcher, ['Israel spoke.', 'The co-venture grew. A missile flew.'])[1]!.map((m) => m.text)).toEqual(['co-venture']);
    expect(matchArticle(matcher, ['Israel spoke. A missile flew.', 'The co-venture grew.'])).toEqual([[], []]);
    expect(found(matcher, 'Israel spoke. The missile joint venture grew.')).toEqual(['venture:joint venture']);
  });
});
