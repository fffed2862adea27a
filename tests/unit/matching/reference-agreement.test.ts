/**
 * The automaton against the slower reference finders (tests/support/
 * reference-matchers): the same spans and terms on hand-picked texts that
 * stress its failure links and restarts, and on 2000 random texts built
 * from the terms' own words.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, type Matcher, type TopicTermsSource } from '@/src/matching/index';
import { compileTerms } from '@/src/matching/terms';
import { MATCH_STRATEGIES, type SpanFinder } from '@/tests/support/reference-matchers/index';
import { expectWellFormed, found, seededRandom } from './support';

/** A small data set of our own whose terms overlap in the ways that trip an automaton. */
const overlapping: TopicTermsSource[] = [
  { id: 'times', terms: [{ text: 'New York Times' }, { text: 'the New York Review of Books' }] },
  { id: 'york', terms: [{ text: 'York' }, { text: 'York City' }] },
  { id: 'b', terms: [{ text: 'b cd' }, { text: 'a b ce' }] },
  { id: 'long', terms: [{ text: 'Jewish Institute for National Security of America' }] },
  { id: 'usa', terms: [{ text: 'U.S.' }, { text: 'S. Korea' }] },
];

/** Terms with case, plurals, possessives, apostrophes, digits and non-ASCII letters. */
const varied: TopicTermsSource[] = [
  { id: 'nato', terms: [{ text: 'NATO', caseSensitive: true }, { text: 'Article 5' }] },
  { id: 'mou', terms: [{ text: 'MOU', caseSensitive: true }, { text: 'memorandum of understanding' }] },
  { id: 'qme', terms: [{ text: "Israel's qualitative military edge" }, { text: 'qualitative military edge' }] },
  { id: 'iran', terms: [{ text: 'nuclear Iran' }, { text: 'Iran' }] },
  { id: 'iran-nuclear', terms: [{ text: 'nuclear Iran' }] },
  { id: 'october', terms: [{ text: '10/7' }, { text: 'Oct. 7' }, { text: '7 October' }] },
  { id: 'accords', terms: [{ text: 'Abraham Accords' }] },
  { id: 'cafe', terms: [{ text: 'Café Landtmann' }, { text: 'Ölkrise' }] },
  { id: 'us-israel', terms: [{ text: 'U.S.-Israel' }, { text: 'US-Israel', caseSensitive: true }] },
  { id: 'p5', terms: [{ text: 'P5+1 (E3)' }, { text: 'a|b*' }] },
];

const matcher = compileMatcher({ topics: overlapping, contexts: [] });

/** What a reference finder reports, in the matcher's shape: one "start-end topic:term" per span and topic. */
function referenceFind(finder: SpanFinder, text: string): string[] {
  const out: string[] = [];
  finder(text, (start, end, entries) => {
    const topics = new Set<string>();
    for (const entry of entries) {
      if (topics.has(entry.topic)) continue;
      topics.add(entry.topic);
      out.push(`${start}-${end} ${entry.topic}:${entry.term}`);
    }
  });
  return out;
}

function matcherFind(real: Matcher, text: string): string[] {
  return real.find(text).map((mention) => `${mention.start}-${mention.end} ${mention.topic}:${mention.term}`);
}

/** What a reference finder reports, raw: "start-end" and every entry's term, per span. */
function rawSpans(finder: SpanFinder, text: string): string[] {
  const out: string[] = [];
  finder(text, (start, end, entries) => out.push(`${start}-${end} ${entries.map((entry) => `${entry.topic}:${entry.term}`).join(',')}`));
  return out;
}

describe('the automaton’s failure links and restarts', () => {
  it('finds a term that starts inside a longer term it was following', () => {
    // "New York " leads towards "New York Times"; at "C" the scan must fall back to "York C...".
    expect(found(matcher, 'the New York City police')).toEqual(['york:York City']);
    expect(found(matcher, 'a b cd')).toEqual(['b:b cd']);
    expect(found(matcher, 'a b ce and a b cd')).toEqual(['b:a b ce', 'b:b cd']);
    expect(found(matcher, 'the New York Review of Bikes')).toEqual(['york:York']);
    expect(found(matcher, 'the New York Timeless')).toEqual(['york:York']);
    expect(found(matcher, 'New York Times')).toEqual(['times:New York Times']);
  });

  it('finds terms longer than the part the scanner follows itself, with any run of separators', () => {
    expect(found(matcher, 'the Jewish  Institute \u2014 for National\nSecurity of\u00a0America said')).toEqual([
      'long:Jewish  Institute \u2014 for National\nSecurity of\u00a0America',
    ]);
    expect(found(matcher, 'Jewish Institute for National Security of Americana')).toEqual([]);
    expect(found(matcher, 'Jewish Institute for National Security of York')).toEqual(['york:York']);
  });

  it('restarts after a dot inside a term and after characters it meets for the first time', () => {
    expect(found(matcher, 'U.S. Korea, and S. Korea')).toEqual(['usa:U.S.', 'usa:S. Korea']);
    expect(found(matcher, '\u16a0\u16a1York\u2603York\ud83d\ude00York \ud835\udc00York')).toEqual(['york:York', 'york:York']);
    expect(found(matcher, '\u4e00York \u0915York \u2603 York')).toEqual(['york:York']);
  });

  it('gives the same spans as every reference finder on hand-picked texts', () => {
    const texts = [
      'the New York City police read the New York Times and the New York Review of Books',
      'a b cd, a b ce, a  b\u2013ce, ab cd',
      'U.S. Korea, S. Korea, U.S.S. Korea',
      'Jewish Institute for National Security of America’s report',
      'York’s and Yorks, YORK CITY, york city',
    ];
    const entries = compileTerms(overlapping);
    const automaton = MATCH_STRATEGIES.automaton(entries);
    for (const [name, compile] of Object.entries(MATCH_STRATEGIES)) {
      const finder = compile(entries);
      for (const text of texts) {
        expect(rawSpans(finder, text), `${name}: ${text}`).toEqual(rawSpans(automaton, text));
        expect(referenceFind(finder, text), `${name}: ${text}`).toEqual(matcherFind(matcher, text));
      }
    }
  });
});

describe('agreement with the reference finders', () => {
  it('finds the same terms as every reference finder on varied texts', () => {
    const real = compileMatcher({ topics: varied, contexts: [] });
    const entries = compileTerms(varied);
    const texts = [
      'WASHINGTON — NATO’s Article 5, MOUs, MOU’s, mous, Israel’s qualitative military edge and a nuclear Iran.',
      'Since 10/7, not 10/7/2023 or 110/70; on Oct. 7 and 7 October, the Abraham Accords’ reach; Café Landtmann, ÖLKRISE.',
      'A U.S.–Israel deal, a US-Israel deal, a us-israel deal, a U.S.Israel deal, Irans and Iranes, Iranian.',
      '😀 NATO (NATO) "Iran"; [MOU] NATOs NATO5 foo_NATO',
      'the P5+1 (E3) talks, not P5 1 E3 or P5+1 E3; a|b* and a|bb and ab',
    ];
    for (const [name, compile] of Object.entries(MATCH_STRATEGIES)) {
      const finder = compile(entries);
      for (const text of texts) expect(referenceFind(finder, text), `${name}: ${text}`).toEqual(matcherFind(real, text));
    }
  });

  it('agrees with the trie regex on 2000 random texts built from the terms', () => {
    const trieRegex = MATCH_STRATEGIES['trie-regex'](compileTerms(overlapping));
    const automaton = MATCH_STRATEGIES.automaton(compileTerms(overlapping));
    const pieces = ['New', 'York', 'Times', 'City', 'Review', 'of', 'the', 'Books', 'a', 'b', 'cd', 'ce', 'U.S.', 'S.', 'Korea',
      'Jewish', 'Institute', 'for', 'National', 'Security', 'America', 'yorks', "York's", 'NEW', 'x'];
    const glue = [' ', '  ', '-', ' \u2013 ', '\n', '', '.', ',', "'", '\u00a0', '\ud83d\ude00', '(', ')'];
    const random = seededRandom(7);
    let spans = 0;
    for (let run = 0; run < 2000; run++) {
      let text = '';
      for (let word = random(12); word >= 0; word--) text += pieces[random(pieces.length)]! + glue[random(glue.length)]!;
      const expected = referenceFind(trieRegex, text);
      expect(matcherFind(matcher, text), text).toEqual(expected);
      expect(rawSpans(automaton, text), text).toEqual(rawSpans(trieRegex, text));
      expectWellFormed(text, matcher.find(text));
      spans += expected.length;
    }
    // The texts hold plenty of terms: the comparison is not between two empty lists.
    expect(spans).toBeGreaterThan(1000);
  });
});
