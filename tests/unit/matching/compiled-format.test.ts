/**
 * Shipped tables: what `shipMatcher` makes is plain JSON, and a matcher
 * loaded from it (`loadMatcher`) behaves exactly like the one compiled from
 * the source, down to pending spans and fact counts.
 */
import { describe, expect, it } from 'vitest';
import {
  compileMatcher,
  compileMatcherTables,
  loadMatcher,
  loadShippedMatcher,
  matchArticle,
  shipMatcher,
  SHIPPED_FORMAT,
  type BlockScan,
  type Matcher,
  type MatcherSource,
  type ShippedMatcher,
} from '@/src/matching/index';
import { seededSpread } from './support';

/** A small data set of our own that uses every feature: lists, exceptions, guards, every scope, silent readings. */
const source: MatcherSource = {
  wordLists: {
    israel: {
      reason: 'Israel.',
      words: ['Israel', 'Israeli', 'IDF', 'Israel Defense Forces', 'Jerusalem'],
      except: ['Israel {Name}', '{Name} Israel', 'Bank of Israel'],
    },
    us: { reason: 'The U.S.', words: ['US', 'U.S.', 'United States', 'Washington'] },
    other: { reason: 'Others.', words: ['Saudi Arabia', 'Pakistan', 'Japan', 'Riyadh'] },
  },
  contexts: [
    {
      id: 'israel-treaty',
      reason: 'x',
      needs: [{ anyOf: ['@israel'], within: 'article' }],
      rejects: [{ anyOf: ['@other'], within: 'sentence', unlessAlso: ['@israel'], reason: 'x' }],
      notBefore: ['@other'],
      notAfter: ['with @other', 'between @other'],
    },
    { id: 'other-pact', reason: 'x', needs: [{ anyOf: ['@other'], within: 'article' }] },
    {
      id: 'mdt',
      reason: 'x',
      needs: [
        { anyOf: ['treaty', 'alliance', '@israel'], within: 'paragraph' },
        { anyOf: ['mutual defense treaty'], within: 'article' },
      ],
      rejects: [{ anyOf: ['Denver', 'Colorado'], within: 'paragraph', reason: 'x' }],
      notBefore: ['{number}', 'a.m.', 'p.m.'],
      notAfter: ['daylight', '(Mountain'],
    },
    { id: 'weapons', reason: 'x', needs: [{ anyOf: ['@israel'], within: 'sentence', alsoAnyOf: ['missile', 'Arrow 3'] }] },
    { id: 'summit', reason: 'x', needs: [{ anyOf: ['@us'], within: 'paragraph' }], notBefore: ['{year}'] },
    { id: 'guard-only', reason: 'x', notAfter: ['{Name}'] },
  ],
  topics: [
    {
      id: 'treaty',
      terms: [
        { text: 'mutual defense treaty', context: 'israel-treaty' },
        { text: 'defense pact', context: 'israel-treaty' },
        { text: 'U.S.-Israel defense pact' },
        { text: 'MDT', caseSensitive: true, context: 'mdt' },
      ],
    },
    { id: 'weapons', terms: [{ text: 'joint development', context: 'weapons' }, { text: 'Arrow 3' }] },
    { id: 'summit', terms: [{ text: 'Camp David summit', context: 'summit' }] },
    { id: 'accords', terms: [{ text: 'Abraham Accords' }, { text: "Accords' signatories" }] },
    { id: 'october-7', terms: [{ text: '10/7' }, { text: 'Oct. 7' }] },
    { id: 'jinsa', terms: [{ text: 'JINSA', caseSensitive: true, context: 'guard-only' }] },
    { id: 'pact', terms: [{ text: 'defense pact', context: 'other-pact' }] },
    { id: 'another-pact', silent: true, terms: [{ text: 'defense pact', context: 'other-pact' }, { text: 'mutual defense treaty', context: 'other-pact' }] },
  ],
};

const VOCABULARY = [
  'Israel', 'Israeli', 'IDF', 'Israel Defense Forces', 'Jerusalem', 'Bank of Israel', 'Adesanya', 'Steve', 'US', 'us', 'U.S.', 'u.s.',
  'United States', 'Washington', 'Saudi Arabia', 'Pakistan', 'Japan’s', "Japan's", 'Riyadh', 'mutual defense treaty', 'mutual-defense treaties',
  'defense pact', 'defense pacts', 'U.S.-Israel defense pact', 'MDT', 'MDTs', 'mdt', 'treaty', 'alliance', 'Denver', 'daylight', '(Mountain',
  'joint development', 'missile', 'Arrow 3', 'Camp David summit', '2000', '1850', '9', 'a.m.', 'Abraham Accords', "Accords'", 'signatories',
  '10/7', '10/7/2023', 'Oct. 7', 'Oct.', 'JINSA', 'Jinsa', 'with', 'between', 'the', 'a', 'and', 'said', 'Monday', 'In', 'Gen.', 'Smith',
  '😀', 'café', 'É', '—', 'x', '',
];
const GLUE = [' ', ' ', ' ', '  ', ', ', '. ', '! ', '? ', '; ', '\n', '-', '\u2013', '\u00a0', "'s ", '’', '"', '(', ') ', ''];

function randomText(random: (below: number) => number, words: number): string {
  let text = '';
  for (let index = 0; index < words; index++) text += VOCABULARY[random(VOCABULARY.length)]! + GLUE[random(GLUE.length)]!;
  return text;
}

/** A scan in plain values, so typed arrays compare by content. */
function plainScan(scan: BlockScan): unknown {
  return { mentions: scan.mentions, pending: scan.pending, facts: scan.facts ? Array.from(scan.facts) : null };
}

function roundTrip(shipped: ShippedMatcher): ShippedMatcher {
  return JSON.parse(JSON.stringify(shipped)) as ShippedMatcher;
}

const compiled = compileMatcher(source);
const shipped = shipMatcher(compileMatcherTables(source));
const loaded = loadMatcher(roundTrip(shipped));

describe('shipped tables', () => {
  it('are plain JSON: nothing is lost in a round trip', () => {
    expect(shipped.format).toBe(SHIPPED_FORMAT);
    expect(roundTrip(shipped)).toEqual(shipped);
    expect(JSON.stringify(roundTrip(shipped))).toBe(JSON.stringify(shipped));
  });

  it('do not depend on the tables object they were shipped from', () => {
    const tables = compileMatcherTables(source);
    const first = JSON.stringify(shipMatcher(tables));
    loadShippedMatcher(roundTrip(shipMatcher(tables)));
    expect(JSON.stringify(shipMatcher(tables))).toBe(first);
    expect(JSON.stringify(shipMatcher(compileMatcherTables(source)))).toBe(first);
  });

  it('refuse to load in another format', () => {
    expect(() => loadMatcher({ ...roundTrip(shipped), format: SHIPPED_FORMAT + 1 } as unknown as ShippedMatcher)).toThrow(`format ${SHIPPED_FORMAT + 1}`);
    expect(() => loadMatcher({ ...roundTrip(shipped), format: 0 } as unknown as ShippedMatcher)).toThrow(/format 0/);
    const { format: _format, ...formatless } = roundTrip(shipped);
    expect(() => loadMatcher(formatless as unknown as ShippedMatcher)).toThrow(/format undefined/);
    expect(() => loadShippedMatcher({ ...roundTrip(shipped), format: String(SHIPPED_FORMAT) } as unknown as ShippedMatcher)).toThrow(/need compiling again/);
  });

  it('carry each automaton as bytes, and refuse a layout that does not fit them', () => {
    expect(typeof shipped.main.bytes).toBe('string');
    const truncated = roundTrip(shipped);
    truncated.main.bytes = truncated.main.bytes.slice(0, 8);
    expect(() => loadMatcher(truncated)).toThrow(/bad layout for/);
    const oddSize = roundTrip(shipped);
    oddSize.near.layout[1] = 3;
    expect(() => loadMatcher(oddSize)).toThrow(/bad layout for childStart/);
    const negative = roundTrip(shipped);
    negative.main.layout[0] = -1;
    expect(() => loadMatcher(negative)).toThrow(/bad layout for childStart/);
  });

  it('carry the phrases as text that is read only when a scan first reads a phrase', () => {
    expect(typeof shipped.mainPhrases.json).toBe('string');
    expect(shipped.mainPhrases.count).toBeGreaterThan(10);
    expect(shipped.nearPhrases.count).toBeGreaterThan(0);
    // Text that is not phrases loads (nothing reads it yet); text with no phrase found never gets read.
    const unreadable = roundTrip(shipped);
    unreadable.mainPhrases.json = 'not JSON';
    unreadable.nearPhrases.json = 'not JSON';
    const lazy = loadMatcher(unreadable);
    expect(lazy.find('Nothing here names any of them.')).toEqual([]);
    // The first phrase found reads it, and it fails there.
    expect(() => lazy.find('An Arrow 3 missile.')).toThrow(SyntaxError);
  });

  it('refuse phrase text that does not hold as many phrases as it says', () => {
    const short = roundTrip(shipped);
    short.mainPhrases.json = JSON.stringify((JSON.parse(short.mainPhrases.json) as unknown[]).slice(1));
    expect(() => loadMatcher(short).find('An Arrow 3 missile.')).toThrow(`${shipped.mainPhrases.count} phrases were shipped`);
    const notList = roundTrip(shipped);
    notList.mainPhrases.json = '{}';
    expect(() => loadMatcher(notList).find('An Arrow 3 missile.')).toThrow(/phrases were shipped/);
  });
});

describe('a loaded matcher', () => {
  const fixed = [
    'Israel wants a mutual defense treaty; the U.S.-Israel defense pact and an MDT followed.',
    'Saudi Arabia and Pakistan signed a defense pact.',
    'The Bank of Israel spoke. Israel Adesanya won. A defense pact was signed.',
    'Treaty talks at 9 a.m. MDT (Mountain Daylight Time) in Denver.',
    'Israel and the U.S. agreed on joint development of the Arrow 3 missile.',
    'The 2000 Camp David summit, and a Camp David summit Washington wants.',
    'The Abraham Accords’ signatories met on Oct. 7 and on 10/7, not 10/7/2023.',
    'JINSA Smith and JINSA said so. 😀 MDT.',
    'A mutual defense treaty.',
    '',
  ];

  it('has the same fact count', () => {
    expect(loaded.factCount).toBe(compiled.factCount);
    expect(compiled.factCount).toBeGreaterThan(2);
  });

  it('scans, finds and resolves fixed texts exactly as the compiled one', () => {
    let mentions = 0;
    let pending = 0;
    for (const text of fixed) {
      expect(plainScan(loaded.scan(text)), text).toEqual(plainScan(compiled.scan(text)));
      expect(loaded.find(text), text).toEqual(compiled.find(text));
      mentions += compiled.find(text).length;
      pending += compiled.scan(text).pending?.length ?? 0;
    }
    // The fixed texts exercise decided and waiting spans alike.
    expect(mentions).toBeGreaterThan(10);
    expect(pending).toBeGreaterThan(1);
  });

  it('agrees with the compiled one on a few hundred random texts and articles', () => {
    const random = seededSpread(20261205);
    let mentions = 0;
    let pending = 0;
    let facts = 0;
    for (let run = 0; run < 400; run++) {
      const text = randomText(random, 1 + random(30));
      const scan = compiled.scan(text);
      expect(plainScan(loaded.scan(text)), text).toEqual(plainScan(scan));
      expect(loaded.find(text), text).toEqual(compiled.find(text));
      mentions += scan.mentions.length;
      pending += scan.pending?.length ?? 0;
      if (scan.facts) facts++;
      if (run % 4 === 0) {
        const blocks = Array.from({ length: 1 + random(4) }, () => randomText(random, 1 + random(20)));
        const context = random(2) === 0 ? [] : [randomText(random, 6)];
        expect(matchArticle(loaded, blocks, context), blocks.join(' ¶ ')).toEqual(matchArticle(compiled, blocks, context));
      }
    }
    expect(mentions).toBeGreaterThan(100);
    expect(pending).toBeGreaterThan(20);
    expect(facts).toBeGreaterThan(100);
  });

  it('decides waiting spans with foreign facts as the compiled one does', () => {
    const pendingText = 'A mutual defense treaty. A defense pact.';
    const spans = compiled.scan(pendingText).pending!;
    expect(loaded.scan(pendingText).pending).toEqual(spans);
    for (const factsText of ['Israel spoke.', 'Riyadh and Pakistan spoke.', 'Israel and Japan.', 'Israel Adesanya.', 'nothing']) {
      const facts = compiled.scan(factsText).facts;
      expect(loaded.resolve(spans, facts), factsText).toEqual(compiled.resolve(spans, facts));
    }
  });

  it('keeps working after the source changes: each matcher holds its own tables', () => {
    const other: Matcher = loadMatcher(roundTrip(shipMatcher(compileMatcherTables({ contexts: [], topics: [{ id: 'only', terms: [{ text: 'pact' }] }] }))));
    expect(other.find('a defense pact').map((m) => m.topic)).toEqual(['only']);
    expect(loaded.find('Israel wants a defense pact.').map((m) => m.topic)).toEqual(['treaty']);
  });
});
