import { describe, expect, it } from 'vitest';
import { dataset, type Dataset } from '@/src/data';
import { builtInCatalog, createNotesCatalog } from '@/src/packs';
import { createSearchIndex, queryTerms, segmentMatches, tokenize, type SearchResult } from '@/src/search';
import { catalogWithExample, compiledExamplePack, exampleCatalogPack } from '../packs/support';

const fixture: Pick<Dataset, 'topics' | 'findings' | 'reports'> = {
  reports: [
    {
      id: 'partner-to-ally-2023',
      title: 'From Partner to Ally',
      shortTitle: 'Partner to Ally',
      publisher: 'JINSA',
      publisherNote: 'A think tank.',
      date: '2023-09',
      url: 'https://example.org/report',
    },
  ],
  topics: [
    {
      id: 'mutual-defense-treaty',
      label: 'U.S.-Israel mutual defense treaty',
      summary: 'A proposed formal alliance between the two countries.',
      terms: [{ text: 'mutual defense treaty' }, { text: 'MDT', caseSensitive: true }],
    },
    {
      id: 'abraham-accords',
      label: 'Abraham Accords',
      summary: 'Normalisation agreements signed in 2020, including a defense dimension.',
      terms: [{ text: 'Abraham Accords' }],
    },
    {
      id: 'qme',
      label: 'Qualitative military edge',
      summary: 'Israel’s technological advantage over regional militaries.',
      terms: [{ text: 'qualitative military edge' }, { text: 'QME' }],
    },
  ],
  findings: [
    {
      id: 'treaty-allies',
      topics: ['mutual-defense-treaty'],
      text: 'The report counts America’s treaty allies across five continents.',
      figure: '52 treaty allies',
      citation: { report: 'partner-to-ally-2023', part: 'Key findings' },
    },
    {
      id: 'accords-security',
      topics: ['abraham-accords', 'mutual-defense-treaty'],
      text: 'JINSA argues a treaty would strengthen the Abraham Accords and regional défense ties.',
      citation: { report: 'partner-to-ally-2023', part: 'Regional architecture' },
    },
  ],
};

const index = createSearchIndex({ packs: [{ notes: fixture }] });

const ids = (results: SearchResult[]) =>
  results.map((result) => (result.kind === 'topic' ? `topic:${result.topicId}` : `finding:${result.findingId}`));
const marked = (segments: { text: string; match: boolean }[]) =>
  segments.filter((segment) => segment.match).map((segment) => segment.text);

describe('tokenize', () => {
  it('lower-cases, strips accents and keeps offsets into the original text', () => {
    const text = 'Défense, Oct. 7';
    const words = tokenize(text);
    expect(words.map((word) => word.norm)).toEqual(['defense', 'oct', '7']);
    expect(words.map((word) => text.slice(word.start, word.end))).toEqual(['Défense', 'Oct', '7']);
  });

  it('keeps dotted initialisms together so "us" finds "U.S."', () => {
    expect(tokenize('the U.S.-Israel pact').map((word) => word.norm)).toEqual(['the', 'us', 'israel', 'pact']);
  });
});

describe('queryTerms', () => {
  it('drops stop words unless the query holds nothing else', () => {
    expect(queryTerms('the Abraham accords')).toEqual(['abraham', 'accords']);
    expect(queryTerms('the')).toEqual(['the']);
    expect(queryTerms('  ,. ')).toEqual([]);
  });
});

describe('segmentMatches', () => {
  it('marks the matched prefix of each word and leaves the rest as plain text', () => {
    expect(segmentMatches('Mutual defense treaty', ['def', 'treaty'])).toEqual([
      { text: 'Mutual ', match: false },
      { text: 'def', match: true },
      { text: 'ense ', match: false },
      { text: 'treaty', match: true },
    ]);
  });

  it('maps accented and dotted words back to their original characters', () => {
    expect(marked(segmentMatches('régional défense', ['def']))).toEqual(['déf']);
    expect(marked(segmentMatches('the U.S. position', ['us']))).toEqual(['U.S']);
  });

  it('joins every segment back into the original text', () => {
    const text = 'JINSA argues a treaty would strengthen the Abraham Accords.';
    expect(segmentMatches(text, ['abr', 'a']).map((segment) => segment.text).join('')).toBe(text);
  });
});

describe('createSearchIndex', () => {
  it('returns nothing for a blank query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('matches word prefixes, so results appear while the reader is still typing', () => {
    expect(ids(index.search('abra'))).toEqual(['topic:abraham-accords', 'finding:accords-security']);
  });

  it('requires every query word to match', () => {
    expect(ids(index.search('treaty continents'))).toEqual(['finding:treaty-allies']);
    expect(index.search('treaty zebra')).toEqual([]);
  });

  it('ranks topics whose label matches before everything else', () => {
    const results = ids(index.search('defense'));
    expect(results[0]).toBe('topic:mutual-defense-treaty');
    // The Abraham Accords topic mentions defense only in its summary, so it comes after the label hit.
    expect(results.indexOf('topic:abraham-accords')).toBeGreaterThan(0);
  });

  it('finds a topic by one of its terms and says which term matched', () => {
    const [first] = index.search('qme');
    expect(first?.kind).toBe('topic');
    if (first?.kind !== 'topic') return;
    expect(first.topicId).toBe('qme');
    expect(first.terms.map(marked)).toEqual([['QME']]);
  });

  it('searches figures and report titles of findings', () => {
    expect(ids(index.search('52'))).toEqual(['finding:treaty-allies']);
    const byTitle = index.search('partner ally');
    expect(ids(byTitle)).toEqual(['finding:treaty-allies', 'finding:accords-security']);
    expect(byTitle[0]?.kind === 'finding' && marked(byTitle[0].reportTitle)).toEqual(['Partner', 'Ally']);
  });

  it('emphasises the matched words in a finding and names its main topic', () => {
    const [result] = index.search('strengthen');
    expect(result?.kind).toBe('finding');
    if (result?.kind !== 'finding') return;
    expect(result.topicId).toBe('abraham-accords');
    expect(marked(result.text)).toEqual(['strengthen']);
  });

  it('is accent- and case-insensitive', () => {
    expect(ids(index.search('DÉFENSE'))).toEqual(ids(index.search('defense')));
  });

  it('honours the result limit', () => {
    expect(index.search('a', { limit: 2 })).toHaveLength(2);
  });

  it('finds every bundled topic by its own label, first', () => {
    const bundled = createSearchIndex(builtInCatalog(dataset));
    for (const topic of dataset.topics) {
      const [first] = bundled.search(topic.label);
      expect(first, topic.id).toMatchObject({ kind: 'topic' });
      // Two topics may share every label word; then the one searched for must still be a top hit.
      const topHits = bundled
        .search(topic.label)
        .filter((result) => result.kind === 'topic' && result.score === first?.score)
        .map((result) => result.kind === 'topic' && result.topicId);
      expect(topHits, topic.id).toContain(topic.id);
    }
  });
});

describe('createSearchIndex over several packs', () => {
  const example = compiledExamplePack();
  const both = createSearchIndex(catalogWithExample());

  it('finds an imported pack\'s topics and findings under their namespaced ids', () => {
    // Both packs know ANZUS: the imported topic by its label, the built-in one by one of its terms.
    expect(ids(both.search('ANZUS'))).toEqual(['topic:us-collective-defense/anzus', 'topic:us-alliances-nato']);
    const [finding] = both.search('twelve countries');
    expect(finding).toMatchObject({ kind: 'finding', findingId: 'us-collective-defense/nato-founding', topicId: 'us-collective-defense/nato' });
  });

  it('reads report titles from the pack a finding cites', () => {
    // The topic has the words in a term and its summary; its finding only through the title of the report it cites.
    const results = both.search('reciprocal assistance');
    expect(ids(results)).toEqual(['topic:us-collective-defense/rio-treaty', 'finding:us-collective-defense/rio-reciprocal']);
    const finding = results[1];
    expect(finding?.kind === 'finding' && marked(finding.reportTitle)).toEqual(['Reciprocal', 'Assistance']);
  });

  it('holds the topics of every pack, built-in ones first, and still finds built-in topics', () => {
    const treaty = ids(both.search('treaty'));
    const builtIn = dataset.topics.map((topic) => `topic:${topic.id}`);
    const imported = example.notes.topics.map((topic) => `topic:${topic.id}`);
    expect(treaty.some((id) => builtIn.includes(id))).toBe(true);
    expect(treaty.some((id) => imported.includes(id))).toBe(true);
    for (const topic of dataset.topics) expect(ids(both.search(topic.label))).toContain(`topic:${topic.id}`);
  });

  it('covers only the packs it is given', () => {
    const importedOnly = createSearchIndex(createNotesCatalog([exampleCatalogPack()]));
    expect(importedOnly.search('JINSA')).toEqual([]);
    expect(ids(importedOnly.search('ANZUS'))).toEqual(['topic:us-collective-defense/anzus']);
    expect(ids(createSearchIndex(builtInCatalog(dataset)).search('ANZUS'))).toEqual(['topic:us-alliances-nato']);
    expect(createSearchIndex(builtInCatalog(dataset)).search('reciprocal')).toEqual([]);
  });
});
