/**
 * The page tests' stand-in matcher (tests/unit/support/fake-matcher.ts)
 * keeps the real matcher's contract: decided mentions from `scan`, nothing
 * waiting, no facts; and it records every text it reads.
 */
import { describe, expect, it } from 'vitest';
import { matchArticle } from '@/src/matching/index';
import { fakeMatcher, TEST_TERMS } from '../support/fake-matcher';

describe('fakeMatcher', () => {
  it('scans a block into decided mentions, one per topic, and records the text', () => {
    const matcher = fakeMatcher(TEST_TERMS);
    const text = 'A nuclear  Iran, the MUTUAL defense\ntreaty and JINSAN.';
    const scan = matcher.scan(text);
    expect(scan.pending).toBeNull();
    expect(scan.facts).toBeNull();
    expect(scan.mentions.map((m) => `${m.topic}:${m.text}`)).toEqual(['iran:nuclear  Iran', 'nuclear:nuclear  Iran', 'treaty:MUTUAL defense\ntreaty']);
    for (const mention of scan.mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(matcher.calls).toEqual([text]);
  });

  it('finds what it scans, resolves nothing, and counts no facts', () => {
    const matcher = fakeMatcher({ JINSA: 'jinsa' });
    expect(matcher.find('JINSA said')).toEqual([{ topic: 'jinsa', term: 'JINSA', text: 'JINSA', start: 0, end: 5 }]);
    expect(matcher.resolve([], new Int32Array(0))).toEqual([]);
    expect(matcher.factCount).toBe(0);
    expect(matchArticle(matcher, ['JINSA one', 'none'], ['JINSA title'])).toEqual([
      [{ topic: 'jinsa', term: 'JINSA', text: 'JINSA', start: 0, end: 5 }],
      [],
    ]);
    expect(matcher.calls).toEqual(['JINSA said', 'JINSA one', 'none', 'JINSA title']);
  });
});
