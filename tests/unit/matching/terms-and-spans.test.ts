/**
 * What a term matches in text: separators, case, whole words, endings,
 * apostrophes, periods, digit tokens; which term wins where several
 * overlap; and the offsets of what is found.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherSource } from '@/src/matching/index';
import { expectWellFormed, found } from './support';

/** A small data set of our own, so these tests do not move when the bundled notes do. */
const source: MatcherSource = {
  contexts: [
    {
      id: 'treaty-talk',
      reason: 'MDT is also Mountain Daylight Time.',
      needs: [{ anyOf: ['treaty', 'alliance', 'Israel'], within: 'paragraph' }],
    },
  ],
  topics: [
    {
      id: 'defense-treaty',
      terms: [
        { text: 'mutual defense treaty' },
        { text: 'mutual defence treaty' },
        { text: 'mutual defense pact' },
        { text: 'mutual defence pact' },
        { text: 'defense pact' },
        { text: 'U.S.-Israel mutual defense treaty' },
        { text: 'MDT', caseSensitive: true, context: 'treaty-talk' },
      ],
    },
    { id: 'us-israel', terms: [{ text: 'U.S.-Israel' }, { text: 'US-Israel', caseSensitive: true }] },
    { id: 'united-states', terms: [{ text: 'U.S.' }] },
    { id: 'october-7', terms: [{ text: 'Oct. 7' }, { text: 'October 7' }, { text: '10/7' }, { text: '7 October' }] },
    { id: 'abraham-accords', terms: [{ text: 'Abraham Accords' }] },
    { id: 'nato', terms: [{ text: 'NATO', caseSensitive: true }, { text: 'Article 5' }] },
    { id: 'jinsa', terms: [{ text: 'JINSA', caseSensitive: true }, { text: 'Jewish Institute for National Security of America' }] },
    { id: 'memorandum', terms: [{ text: 'MOU', caseSensitive: true }, { text: 'memorandum of understanding' }] },
    { id: 'qme', terms: [{ text: "Israel's qualitative military edge" }, { text: 'qualitative military edge' }] },
    { id: 'iran-nuclear', terms: [{ text: 'nuclear Iran' }] },
    { id: 'iran-threat', terms: [{ text: 'nuclear Iran' }, { text: 'Iran' }] },
    { id: 'p5', terms: [{ text: 'P5+1 (E3)' }] },
    { id: 'cafe', terms: [{ text: 'Café Landtmann' }, { text: 'Ölkrise' }] },
  ],
};

const matcher = compileMatcher(source);

describe('spacing, dashes and line breaks', () => {
  it('reads any dash or whitespace between words as the same separator', () => {
    expect(found(matcher, 'a U.S.–Israel mutual-defence pact')).toEqual(['us-israel:U.S.–Israel', 'defense-treaty:mutual-defence pact']);
    expect(found(matcher, 'the U.S.—Israel relationship')).toEqual(['us-israel:U.S.—Israel']);
    expect(found(matcher, 'the U.S. Israel talks')).toEqual(['us-israel:U.S. Israel']);
    expect(found(matcher, 'the U.S. - Israel talks')).toEqual(['us-israel:U.S. - Israel']);
    expect(found(matcher, 'a mutual\u2012defense\u2212pact')).toEqual(['defense-treaty:mutual\u2012defense\u2212pact']);
    expect(found(matcher, 'a mutual\u2010defense\u2011pact and a mutual\uff0ddefense\ufe63pact')).toEqual([
      'defense-treaty:mutual\u2010defense\u2011pact',
      'defense-treaty:mutual\uff0ddefense\ufe63pact',
    ]);
    expect(found(matcher, 'a mutual-defense-treaty clause')).toEqual(['defense-treaty:mutual-defense-treaty']);
  });

  it('matches across line breaks, non-breaking and narrow spaces inside a phrase', () => {
    expect(found(matcher, 'a mutual\ndefense treaty')).toEqual(['defense-treaty:mutual\ndefense treaty']);
    expect(found(matcher, 'a mutual \r\n    defense\u00a0treaty')).toEqual(['defense-treaty:mutual \r\n    defense\u00a0treaty']);
    expect(found(matcher, 'since Oct.\u00a07 and the U.S.\u202fIsrael pact')).toEqual(['october-7:Oct.\u00a07', 'us-israel:U.S.\u202fIsrael']);
  });

  it('does not match words run together or split by other punctuation', () => {
    expect(found(matcher, 'a mutualdefense treaty')).toEqual([]);
    expect(found(matcher, 'the U.S.Israel pact')).toEqual([]);
    expect(found(matcher, 'a mutual/defense/treaty, a mutual_defense treaty')).toEqual([]);
  });
});

describe('case', () => {
  it('ignores case unless the term says otherwise', () => {
    expect(found(matcher, 'THE MUTUAL DEFENSE TREATY')).toEqual(['defense-treaty:MUTUAL DEFENSE TREATY']);
    expect(found(matcher, 'the abraham accords')).toEqual(['abraham-accords:abraham accords']);
    expect(found(matcher, 'cAfÉ lAnDtMaNn and ÖLKRISE')).toEqual(['cafe:cAfÉ lAnDtMaNn', 'cafe:ÖLKRISE']);
  });

  it('keeps case-sensitive acronyms case-sensitive', () => {
    expect(found(matcher, 'nato and Nato, jinsa and Jinsa, mou and an mdt treaty')).toEqual([]);
    expect(found(matcher, 'NATO and JINSA')).toEqual(['nato:NATO', 'jinsa:JINSA']);
    expect(found(matcher, 'a us-israel deal')).toEqual([]);
    expect(found(matcher, 'a US-Israel deal, a US-ISRAEL deal')).toEqual(['us-israel:US-Israel']);
  });
});

describe('whole words', () => {
  it('rejects terms inside longer words', () => {
    expect(found(matcher, 'NATOLI, Jinsan, JINSAN, MOUSE, preMDT treaty, Iranian, Tehran')).toEqual([]);
    expect(found(matcher, 'the defense pactum')).toEqual([]);
    expect(found(matcher, 'foo_NATO and NATO_bar, NATO5 and 5NATO')).toEqual([]);
  });

  it('treats letters and marks beyond ASCII as word characters', () => {
    expect(found(matcher, 'ÉNATO and NATOé and Iranî and Irane\u0301')).toEqual([]);
    expect(found(matcher, 'café NATO summit')).toEqual(['nato:NATO']);
    expect(found(matcher, 'Кафе NATO, 東京NATO')).toEqual(['nato:NATO']);
    expect(found(matcher, 'the Café Landtmann’s terrace, the Ölkrisen')).toEqual(['cafe:Café Landtmann’s']);
  });

  it('finds terms next to punctuation', () => {
    expect(found(matcher, '(NATO), "Iran"; [JINSA]')).toEqual(['nato:NATO', 'iran-threat:Iran', 'jinsa:JINSA']);
    expect(found(matcher, '«Iran»—NATO…JINSA!')).toEqual(['iran-threat:Iran', 'nato:NATO', 'jinsa:JINSA']);
  });

  it('keeps regex syntax in terms literal', () => {
    expect(found(matcher, 'the P5+1 (E3) talks, not P5 1 E3 or P5+1 E3')).toEqual(['p5:P5+1 (E3)']);
  });

  it('keeps periods inside terms literal and the boundary after them', () => {
    expect(found(matcher, 'ties with the US grew')).toEqual([]);
    expect(found(matcher, 'ties with the U.S. grew')).toEqual(['united-states:U.S.']);
    expect(found(matcher, 'aid from the U.S.')).toEqual(['united-states:U.S.']);
    expect(found(matcher, 'the U.S.A. said')).toEqual([]);
    expect(found(matcher, 'the U S said, the U.S said')).toEqual([]);
    expect(found(matcher, 'since Oct. 7, 2023')).toEqual(['october-7:Oct. 7']);
    expect(found(matcher, 'since Oct 7')).toEqual([]);
    expect(found(matcher, 'on Oct. 75 and Oct. 7th')).toEqual([]);
  });

  it('falls back to a shorter term when the longer one does not end on a word boundary', () => {
    expect(found(matcher, 'U.S.-Israeli ties')).toEqual(['united-states:U.S.']);
    expect(found(matcher, 'a mutual defense treatyish clause')).toEqual([]);
  });
});

describe('digit tokens', () => {
  it('keeps a term with digits whole against longer numbers and dates', () => {
    expect(found(matcher, 'Since 10/7, the hostages')).toEqual(['october-7:10/7']);
    expect(found(matcher, 'Since 10/7.')).toEqual(['october-7:10/7']);
    expect(found(matcher, 'Hamas: 10/7.')).toEqual(['october-7:10/7']);
    expect(found(matcher, '(10/7)')).toEqual(['october-7:10/7']);
    expect(found(matcher, 'On 10/7/2023 the store opened.')).toEqual([]);
    expect(found(matcher, 'on 10/7/2023 and 1/10/7 and 110/70 and 10/7.5 and 9:10/7 and 10/7:30 and 210/7')).toEqual([]);
  });

  it('lets a period or comma after the number end it when no digit follows', () => {
    expect(found(matcher, 'the 10/7. Then 10/7, again; 10/7: and 10/7/ slash')).toEqual([
      'october-7:10/7',
      'october-7:10/7',
      'october-7:10/7',
      'october-7:10/7',
    ]);
  });

  it('takes no plural after a trailing digit, and a leading digit only at a token start', () => {
    expect(found(matcher, 'the 10/7s and the 7 Octobers')).toEqual(['october-7:7 Octobers']);
    expect(found(matcher, 'On 17 October and 7.7 October')).toEqual([]);
    expect(found(matcher, 'On 7 October')).toEqual(['october-7:7 October']);
    expect(found(matcher, 'Article 5, Article 50, Article 5.1, Article 5/6 and Article 5s')).toEqual(['nato:Article 5']);
  });
});

describe('apostrophes, possessives and plurals', () => {
  it('takes possessives with straight or curly apostrophes', () => {
    expect(found(matcher, 'NATO’s Article 5')).toEqual(['nato:NATO’s', 'nato:Article 5']);
    expect(found(matcher, "JINSA's report and JINSA’s paper")).toEqual(["jinsa:JINSA's", 'jinsa:JINSA’s']);
    expect(found(matcher, 'the U.S.’s pledge')).toEqual(['united-states:U.S.’s']);
    expect(found(matcher, "NATO'S and NATO‘s and NATOʼs")).toEqual(["nato:NATO'S", 'nato:NATO‘s', 'nato:NATOʼs']);
  });

  it('leaves out an apostrophe that does not end a possessive (an apostrophe is no word character)', () => {
    expect(found(matcher, "NATO'sbrief and NATO'd")).toEqual(['nato:NATO', 'nato:NATO']);
  });

  it('matches a bare possessive apostrophe after s without taking it', () => {
    expect(found(matcher, 'the Abraham Accords’ signatories')).toEqual(['abraham-accords:Abraham Accords']);
    expect(found(matcher, "the Abraham Accords' signatories")).toEqual(['abraham-accords:Abraham Accords']);
  });

  it('reads apostrophes inside terms as any apostrophe', () => {
    expect(found(matcher, 'Israel’s qualitative military edge')).toEqual(['qme:Israel’s qualitative military edge']);
    expect(found(matcher, 'Israel\u02BCs qualitative military edge')).toEqual(['qme:Israel\u02BCs qualitative military edge']);
    expect(found(matcher, 'Israel‘s qualitative military edge')).toEqual(['qme:Israel‘s qualitative military edge']);
  });

  it('takes regular plurals, on acronyms too', () => {
    expect(found(matcher, 'two defense pacts')).toEqual(['defense-treaty:defense pacts']);
    expect(found(matcher, 'MDTs and an alliance')).toEqual(['defense-treaty:MDTs']);
    expect(found(matcher, 'MOUs, MOU’s and MOU\'s')).toEqual(['memorandum:MOUs', 'memorandum:MOU’s', "memorandum:MOU's"]);
    expect(found(matcher, 'several memoranda of understanding')).toEqual([]);
    expect(found(matcher, 'the Irans and the Iranes')).toEqual(['iran-threat:Irans', 'iran-threat:Iranes']);
    expect(found(matcher, "both defense pacts' terms")).toEqual(['defense-treaty:defense pacts']);
  });

  it('takes upper-case plurals only on case-insensitive terms', () => {
    expect(found(matcher, 'DEFENSE PACTS')).toEqual(['defense-treaty:DEFENSE PACTS']);
    expect(found(matcher, 'MOUS and MOUES')).toEqual([]);
  });
});

describe('overlaps and topics', () => {
  it('takes the leftmost, then the longest term', () => {
    expect(found(matcher, 'the U.S.-Israel mutual defense treaty')).toEqual(['defense-treaty:U.S.-Israel mutual defense treaty']);
    expect(found(matcher, 'a mutual defense pact')).toEqual(['defense-treaty:mutual defense pact']);
    expect(found(matcher, "Israel's qualitative military edge")).toEqual(["qme:Israel's qualitative military edge"]);
    expect(found(matcher, 'the qualitative military edge')).toEqual(['qme:qualitative military edge']);
    // "U.S.-Israel" starts first and wins; "mutual defense pact" after it is found on its own.
    expect(found(matcher, 'the U.S.-Israel mutual defense pact')).toEqual(['us-israel:U.S.-Israel', 'defense-treaty:mutual defense pact']);
  });

  it('gives one mention per topic for a span several topics name, in data order', () => {
    expect(matcher.find('fears of a nuclear Iran grew')).toEqual([
      { topic: 'iran-nuclear', term: 'nuclear Iran', text: 'nuclear Iran', start: 11, end: 23 },
      { topic: 'iran-threat', term: 'nuclear Iran', text: 'nuclear Iran', start: 11, end: 23 },
    ]);
  });

  it('gives a span that one term spells and another spells with a plural ending to both', () => {
    const plurals = compileMatcher({
      contexts: [],
      topics: [
        { id: 'singular', terms: [{ text: 'Abraham Accord' }] },
        { id: 'plural', terms: [{ text: 'Abraham Accords' }] },
      ],
    });
    expect(found(plurals, 'the Abraham Accords')).toEqual(['singular:Abraham Accords', 'plural:Abraham Accords']);
    expect(found(plurals, 'the Abraham Accord')).toEqual(['singular:Abraham Accord']);
  });

  it('names the term as written in the data', () => {
    const [mention] = matcher.find('a U.S.–ISRAEL MUTUAL-DEFENSE TREATIES debate, the U.S.–Israel mutual-defense treaty');
    expect(mention?.term).toBe('U.S.-Israel');
    expect(matcher.find('the u.s. – israel mutual defense treaty').map((m) => m.term)).toEqual(['U.S.-Israel mutual defense treaty']);
    expect(matcher.find('the us-israel mutual defense treaty').map((m) => m.term)).toEqual(['mutual defense treaty']);
  });
});

describe('offsets', () => {
  const paragraph =
    'WASHINGTON — Since Hamas’s Oct. 7 attack, JINSA’s paper argues that a U.S.–Israel mutual\ndefense treaty, ' +
    'like NATO’s Article 5, would help; critics of a nuclear Iran point to the Abraham Accords’ reach and two MOUs. ' +
    'An MDT is not an alliance “of all”, and 10/7 changed the US-Israel debate. “Israel’s qualitative military edge”.';

  it('slices the input exactly, sorted, without overlaps', () => {
    const mentions = matcher.find(paragraph);
    expectWellFormed(paragraph, mentions);
    expect(mentions.map((mention) => `${mention.topic}:${mention.text}`)).toEqual([
      'october-7:Oct. 7',
      'jinsa:JINSA’s',
      'defense-treaty:U.S.–Israel mutual\ndefense treaty',
      'nato:NATO’s',
      'nato:Article 5',
      'iran-nuclear:nuclear Iran',
      'iran-threat:nuclear Iran',
      'abraham-accords:Abraham Accords',
      'memorandum:MOUs',
      'defense-treaty:MDT',
      'october-7:10/7',
      'us-israel:US-Israel',
      'qme:Israel’s qualitative military edge',
    ]);
  });

  it('uses UTF-16 offsets past astral characters', () => {
    expect(matcher.find('😀 NATO')).toEqual([{ topic: 'nato', term: 'NATO', text: 'NATO', start: 3, end: 7 }]);
    expect(matcher.find('𝐀𝐁 Iran 😀Iran😀')).toEqual([
      { topic: 'iran-threat', term: 'Iran', text: 'Iran', start: 5, end: 9 },
      { topic: 'iran-threat', term: 'Iran', text: 'Iran', start: 12, end: 16 },
    ]);
  });

  it('treats an astral letter as part of a word', () => {
    // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter: no word boundary between it and "Iran".
    expect(found(matcher, '𝐀Iran and Iran𝐀')).toEqual([]);
  });

  it('finds nothing in empty or unrelated text', () => {
    expect(matcher.find('')).toEqual([]);
    expect(matcher.find('The weather was mild and the markets closed higher.')).toEqual([]);
  });

  it('gives the same answer when called again on the same text', () => {
    expect(matcher.find(paragraph)).toEqual(matcher.find(paragraph));
  });

  it('compiles an empty source into a matcher that finds nothing', () => {
    const empty = compileMatcher({ topics: [], contexts: [] });
    expect(empty.find('anything at all, NATO')).toEqual([]);
    expect(empty.scan('anything')).toEqual({ mentions: [], pending: null, facts: null });
    expect(empty.factCount).toBe(0);
  });
});
