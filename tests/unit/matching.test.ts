import { describe, expect, it } from 'vitest';
import type { ContextRule, Topic } from '@/src/data/schema';
import { compileMatcher, defaultStrategy, type Matcher, type Mention } from '@/src/matching/index';
import { MATCH_STRATEGIES } from '@/src/matching/strategies/index';

/** A small data set of our own, so these tests do not move when the bundled wording does. */
const contexts: ContextRule[] = [
  {
    id: 'defense-acronym',
    description: 'MDT is also Mountain Daylight Time.',
    anyOf: ['treaty', 'alliance', 'defense pact', 'Israel'],
    rejectBefore: String.raw`\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*$`,
    rejectAfter: String.raw`^\s*\(?(?:daylight|mountain)`,
  },
  {
    id: 'october-attack',
    description: 'Bare dates need the attack nearby.',
    anyOf: ['Hamas', 'hostages', 'attack', 'Gaza'],
  },
];

function topic(id: string, terms: Topic['terms']): Topic {
  return { id, label: id, summary: `About ${id}.`, terms };
}

const topics: Topic[] = [
  topic('defense-treaty', [
    { text: 'mutual defense treaty' },
    { text: 'mutual defence treaty' },
    { text: 'mutual defense pact' },
    { text: 'mutual defence pact' },
    { text: 'defense pact' },
    { text: 'U.S.-Israel mutual defense treaty' },
    { text: 'MDT', caseSensitive: true, context: 'defense-acronym' },
  ]),
  topic('us-israel', [{ text: 'U.S.-Israel' }, { text: 'US-Israel', caseSensitive: true }]),
  topic('united-states', [{ text: 'U.S.' }]),
  topic('october-7', [
    { text: 'Oct. 7' },
    { text: 'October 7' },
    { text: '10/7', context: 'october-attack' },
    { text: '7 October', context: 'october-attack' },
  ]),
  topic('abraham-accords', [{ text: 'Abraham Accords' }]),
  topic('nato', [{ text: 'NATO', caseSensitive: true }, { text: 'Article 5' }]),
  topic('jinsa', [{ text: 'JINSA', caseSensitive: true }, { text: 'Jewish Institute for National Security of America' }]),
  topic('memorandum', [{ text: 'MOU', caseSensitive: true }, { text: 'memorandum of understanding' }]),
  topic('qme', [{ text: "Israel's qualitative military edge" }, { text: 'qualitative military edge' }]),
  topic('iran-nuclear', [{ text: 'nuclear Iran' }]),
  topic('iran-threat', [{ text: 'nuclear Iran' }, { text: 'Iran' }]),
];

const data = { topics, contexts };

/** Mentions as "topic:text" strings: enough to read a failure at a glance. */
function found(matcher: Matcher, text: string): string[] {
  return matcher.find(text).map((mention) => `${mention.topic}:${mention.text}`);
}

function expectWellFormed(text: string, mentions: Mention[]): void {
  let previousEnd = 0;
  let previousStart = -1;
  for (const mention of mentions) {
    expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    if (mention.start === previousStart) {
      // Another topic of the same span.
      expect(mention.end).toBe(previousEnd);
    } else {
      expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
    }
    previousStart = mention.start;
    previousEnd = mention.end;
  }
}

describe.each(Object.entries(MATCH_STRATEGIES))('matcher with the %s strategy', (_name, strategy) => {
  const matcher = compileMatcher(data, { strategy });

  describe('spacing, dashes and line breaks', () => {
    it('reads any dash or whitespace between words as the same separator', () => {
      expect(found(matcher, 'a U.S.–Israel mutual-defence pact')).toEqual([
        'us-israel:U.S.–Israel',
        'defense-treaty:mutual-defence pact',
      ]);
      expect(found(matcher, 'the U.S.—Israel relationship')).toEqual(['us-israel:U.S.—Israel']);
      expect(found(matcher, 'the U.S. Israel talks')).toEqual(['us-israel:U.S. Israel']);
      expect(found(matcher, 'the U.S. - Israel talks')).toEqual(['us-israel:U.S. - Israel']);
      expect(found(matcher, 'a mutual\u2012defense\u2212pact')).toEqual(['defense-treaty:mutual\u2012defense\u2212pact']);
      expect(found(matcher, 'a mutual-defense-treaty clause')).toEqual(['defense-treaty:mutual-defense-treaty']);
    });

    it('matches across line breaks, non-breaking and narrow spaces inside a phrase', () => {
      expect(found(matcher, 'a mutual\ndefense treaty')).toEqual(['defense-treaty:mutual\ndefense treaty']);
      expect(found(matcher, 'a mutual \r\n    defense\u00a0treaty')).toEqual(['defense-treaty:mutual \r\n    defense\u00a0treaty']);
      expect(found(matcher, 'since Oct.\u00a07 and the U.S.\u202fIsrael pact')).toEqual([
        'october-7:Oct.\u00a07',
        'us-israel:U.S.\u202fIsrael',
      ]);
    });

    it('does not match words run together', () => {
      expect(found(matcher, 'a mutualdefense treaty')).toEqual([]);
      expect(found(matcher, 'the U.S.Israel pact')).toEqual([]);
    });
  });

  describe('case', () => {
    it('ignores case unless the term says otherwise', () => {
      expect(found(matcher, 'THE MUTUAL DEFENSE TREATY')).toEqual(['defense-treaty:MUTUAL DEFENSE TREATY']);
      expect(found(matcher, 'the abraham accords')).toEqual(['abraham-accords:abraham accords']);
    });

    it('keeps case-sensitive acronyms case-sensitive', () => {
      expect(found(matcher, 'nato and Nato, jinsa and Jinsa, mou and an mdt treaty')).toEqual([]);
      expect(found(matcher, 'NATO and JINSA')).toEqual(['nato:NATO', 'jinsa:JINSA']);
      expect(found(matcher, 'a us-israel deal')).toEqual([]);
    });
  });

  describe('whole words', () => {
    it('rejects terms inside longer words', () => {
      expect(found(matcher, 'NATOLI, Jinsan, JINSAN, MOUSE, preMDT treaty, Iranian, Tehran')).toEqual([]);
      expect(found(matcher, 'the defense pactum')).toEqual([]);
      expect(found(matcher, 'foo_NATO and NATO_bar')).toEqual([]);
    });

    it('treats letters beyond ASCII as word characters', () => {
      expect(found(matcher, 'ÉNATO and NATOé and Iranî')).toEqual([]);
      expect(found(matcher, 'café NATO summit')).toEqual(['nato:NATO']);
    });

    it('finds terms next to punctuation', () => {
      expect(found(matcher, '(NATO), "Iran"; [JINSA]')).toEqual(['nato:NATO', 'iran-threat:Iran', 'jinsa:JINSA']);
    });

    it('keeps periods inside terms literal and the boundary after them', () => {
      expect(found(matcher, 'ties with the US grew')).toEqual([]);
      expect(found(matcher, 'ties with the U.S. grew')).toEqual(['united-states:U.S.']);
      expect(found(matcher, 'aid from the U.S.')).toEqual(['united-states:U.S.']);
      expect(found(matcher, 'the U.S.A. said')).toEqual([]);
      expect(found(matcher, 'since Oct. 7, 2023')).toEqual(['october-7:Oct. 7']);
      expect(found(matcher, 'since Oct 7')).toEqual([]);
      expect(found(matcher, 'on Oct. 75 and Oct. 7th')).toEqual([]);
    });

    it('falls back to a shorter term when the longer one does not end on a word boundary', () => {
      expect(found(matcher, 'U.S.-Israeli ties')).toEqual(['united-states:U.S.']);
    });
  });

  describe('apostrophes, possessives and plurals', () => {
    it('takes possessives with straight or curly apostrophes', () => {
      expect(found(matcher, 'NATO’s Article 5')).toEqual(['nato:NATO’s', 'nato:Article 5']);
      expect(found(matcher, "JINSA's report and JINSA’s paper")).toEqual(['jinsa:JINSA\'s', 'jinsa:JINSA’s']);
      expect(found(matcher, 'the U.S.’s pledge')).toEqual(['united-states:U.S.’s']);
    });

    it('matches a bare possessive apostrophe after s without taking it', () => {
      expect(found(matcher, 'the Abraham Accords’ signatories')).toEqual(['abraham-accords:Abraham Accords']);
      expect(found(matcher, "the Abraham Accords' signatories")).toEqual(['abraham-accords:Abraham Accords']);
    });

    it('reads apostrophes inside terms as any apostrophe', () => {
      expect(found(matcher, 'Israel’s qualitative military edge')).toEqual(['qme:Israel’s qualitative military edge']);
      expect(found(matcher, 'Israel\u02BCs qualitative military edge')).toEqual(['qme:Israel\u02BCs qualitative military edge']);
    });

    it('takes regular plurals, on acronyms too', () => {
      expect(found(matcher, 'two defense pacts')).toEqual(['defense-treaty:defense pacts']);
      expect(found(matcher, 'MDTs and an alliance')).toEqual(['defense-treaty:MDTs']);
      expect(found(matcher, 'MOUs, MOU’s and MOU\'s')).toEqual(['memorandum:MOUs', 'memorandum:MOU’s', "memorandum:MOU's"]);
      expect(found(matcher, 'several memoranda of understanding')).toEqual([]);
    });

    it('takes upper-case plurals only on case-insensitive terms', () => {
      expect(found(matcher, 'DEFENSE PACTS')).toEqual(['defense-treaty:DEFENSE PACTS']);
      expect(found(matcher, 'MOUS')).toEqual([]);
    });
  });

  describe('context rules', () => {
    it('keeps an acronym when its context is in the block', () => {
      expect(found(matcher, 'Supporters say an MDT would deter Iran; the treaty would bind both.')).toEqual([
        'defense-treaty:MDT',
        'iran-threat:Iran',
      ]);
      expect(found(matcher, 'An MDT with Israel.')).toEqual(['defense-treaty:MDT']);
    });

    it('drops an acronym without its context', () => {
      expect(found(matcher, 'The MDT was discussed at length.')).toEqual([]);
    });

    it('drops an acronym after a clock time even in a treaty paragraph', () => {
      expect(found(matcher, 'Treaty talks resume at 9 a.m. MDT on Monday.')).toEqual([]);
      expect(found(matcher, 'Treaty talks resume at 10:30 MDT.')).toEqual([]);
      expect(found(matcher, 'Treaty talks resume at 9pm MDT.')).toEqual([]);
    });

    it('drops an acronym when the reject-after pattern fits', () => {
      expect(found(matcher, 'The treaty signing is at noon MDT (Mountain Daylight Time).')).toEqual([]);
    });

    it('keeps "10/7" next to Hamas and rejects it inside dates and fractions', () => {
      expect(found(matcher, 'Since Hamas attacked on 10/7, the hostages')).toEqual(['october-7:10/7']);
      expect(found(matcher, 'Since 10/7.')).toEqual([]);
      expect(found(matcher, 'On 10/7/2023 the store opened.')).toEqual([]);
      expect(found(matcher, 'After the Hamas raid, on 10/7/2023 and 1/10/7 and 110/70 and 10/7.5 and 9:10/7')).toEqual([]);
      expect(found(matcher, 'Hamas: 10/7.')).toEqual(['october-7:10/7']);
    });

    it('keeps "7 October" only with its context', () => {
      expect(found(matcher, 'the 7 October attack')).toEqual(['october-7:7 October']);
      expect(found(matcher, 'On 7 October the museum reopened.')).toEqual([]);
    });

    it('looks for context only in the block it is given', () => {
      const withContext = 'Hamas gunmen crossed the fence on 10/7.';
      const [mention] = matcher.find(withContext);
      expect(mention).toEqual({ topic: 'october-7', term: '10/7', text: '10/7', start: 34, end: 38 });
      expect(matcher.find('Hamas gunmen crossed the fence.')).toEqual([]);
      expect(matcher.find('It happened on 10/7.')).toEqual([]);
    });

    it('needs context outside the match itself', () => {
      const vouching = compileMatcher(
        {
          contexts: [{ id: 'needs-israel', description: 'x', anyOf: ['Israel'] }],
          topics: [topic('pact', [{ text: 'Israel pact', context: 'needs-israel' }])],
        },
        { strategy },
      );
      expect(found(vouching, 'the Israel pact')).toEqual([]);
      expect(found(vouching, 'the Israel pact, Israel says')).toEqual(['pact:Israel pact']);
    });
  });

  describe('overlaps and topics', () => {
    it('takes the leftmost, then the longest term', () => {
      expect(found(matcher, 'the U.S.-Israel mutual defense treaty')).toEqual(['defense-treaty:U.S.-Israel mutual defense treaty']);
      expect(found(matcher, 'a mutual defense pact')).toEqual(['defense-treaty:mutual defense pact']);
      expect(found(matcher, "Israel's qualitative military edge")).toEqual(["qme:Israel's qualitative military edge"]);
      expect(found(matcher, 'the qualitative military edge')).toEqual(['qme:qualitative military edge']);
    });

    it('gives one mention per topic for a span several topics name, in data order', () => {
      const text = 'fears of a nuclear Iran grew';
      expect(matcher.find(text)).toEqual([
        { topic: 'iran-nuclear', term: 'nuclear Iran', text: 'nuclear Iran', start: 11, end: 23 },
        { topic: 'iran-threat', term: 'nuclear Iran', text: 'nuclear Iran', start: 11, end: 23 },
      ]);
    });

    it('names the term as written in the data', () => {
      const [mention] = matcher.find('a U.S.–ISRAEL MUTUAL-DEFENSE TREATIES debate, the U.S.–Israel mutual-defense treaty');
      expect(mention?.term).toBe('U.S.-Israel');
      expect(matcher.find('the u.s. – israel mutual defense treaty').map((m) => m.term)).toEqual(['U.S.-Israel mutual defense treaty']);
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
      const text = '😀 NATO';
      expect(matcher.find(text)).toEqual([{ topic: 'nato', term: 'NATO', text: 'NATO', start: 3, end: 7 }]);
    });

    it('finds nothing in empty or unrelated text', () => {
      expect(matcher.find('')).toEqual([]);
      expect(matcher.find('The weather was mild and the markets closed higher.')).toEqual([]);
    });

    it('gives the same answer when called again on the same text', () => {
      expect(matcher.find(paragraph)).toEqual(matcher.find(paragraph));
    });
  });
});

describe('compileMatcher', () => {
  it('uses the automaton, the fastest strategy on real pages, by default', () => {
    expect(defaultStrategy).toBe(MATCH_STRATEGIES.automaton);
  });

  it('rejects a term that names an unknown context rule', () => {
    expect(() => compileMatcher({ contexts: [], topics: [topic('x', [{ text: 'MDT', context: 'missing' }])] })).toThrow(
      /unknown context rule "missing"/,
    );
  });

  it('rejects a reject pattern that is not a regular expression', () => {
    const broken: ContextRule = { id: 'broken', description: 'x', anyOf: ['a'], rejectBefore: '(' };
    expect(() => compileMatcher({ contexts: [broken], topics: [topic('x', [{ text: 'y', context: 'broken' }])] })).toThrow(
      /"broken": rejectBefore/,
    );
  });

  it('compiles an empty term list into a matcher that finds nothing', () => {
    for (const strategy of Object.values(MATCH_STRATEGIES)) {
      expect(compileMatcher({ contexts: [], topics: [] }, { strategy }).find('anything at all')).toEqual([]);
    }
  });

  it('escapes regex syntax in terms', () => {
    for (const strategy of Object.values(MATCH_STRATEGIES)) {
      const matcher = compileMatcher({ contexts: [], topics: [topic('x', [{ text: 'P5+1 (E3)' }])] }, { strategy });
      expect(found(matcher, 'the P5+1 (E3) talks, not P5 1 E3')).toEqual(['x:P5+1 (E3)']);
    }
  });
});

describe('the automaton scanner', () => {
  const { automaton, 'trie-regex': trieRegex } = MATCH_STRATEGIES;
  const overlapping = {
    contexts: [],
    topics: [
      topic('times', [{ text: 'New York Times' }, { text: 'the New York Review of Books' }]),
      topic('york', [{ text: 'York' }, { text: 'York City' }]),
      topic('b', [{ text: 'b cd' }, { text: 'a b ce' }]),
      topic('long', [{ text: 'Jewish Institute for National Security of America' }]),
      topic('usa', [{ text: 'U.S.' }, { text: 'S. Korea' }]),
    ],
  };
  const matcher = compileMatcher(overlapping, { strategy: automaton });

  it('finds a term that starts inside a longer term it was following', () => {
    // "New York " leads towards "New York Times"; at "C" the scan must fall back to "York C...".
    expect(found(matcher, 'the New York City police')).toEqual(['york:York City']);
    expect(found(matcher, 'a b cd')).toEqual(['b:b cd']);
    expect(found(matcher, 'the New York Review of Bikes')).toEqual(['york:York']);
  });

  it('finds terms longer than the part the scanner follows itself, with any run of separators', () => {
    expect(found(matcher, 'the Jewish  Institute \u2014 for National\nSecurity of\u00a0America said')).toEqual([
      'long:Jewish  Institute \u2014 for National\nSecurity of\u00a0America',
    ]);
    expect(found(matcher, 'Jewish Institute for National Security of Americana')).toEqual([]);
  });

  it('restarts after a dot inside a term and after characters it meets for the first time', () => {
    expect(found(matcher, 'U.S. Korea, and S. Korea')).toEqual(['usa:U.S.', 'usa:S. Korea']);
    expect(found(matcher, '\u16a0\u16a1York\u2603York\ud83d\ude00York \ud835\udc00York')).toEqual(['york:York', 'york:York']);
  });

  it('agrees with the regex strategy on random text built from the terms', () => {
    const regexMatcher = compileMatcher(overlapping, { strategy: trieRegex });
    const pieces = ['New', 'York', 'Times', 'City', 'Review', 'of', 'the', 'Books', 'a', 'b', 'cd', 'ce', 'U.S.', 'S.', 'Korea',
      'Jewish', 'Institute', 'for', 'National', 'Security', 'America', 'yorks', "York's", 'NEW', 'x'];
    const glue = [' ', '  ', '-', ' \u2013 ', '\n', '', '.', ',', "'", '\u00a0', '\ud83d\ude00', '(', ')'];
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let run = 0; run < 2000; run++) {
      let text = '';
      for (let word = random(12); word >= 0; word--) text += pieces[random(pieces.length)]! + glue[random(glue.length)]!;
      expect(matcher.find(text), text).toEqual(regexMatcher.find(text));
    }
  });
});
