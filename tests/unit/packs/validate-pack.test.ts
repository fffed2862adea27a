import { describe, expect, it } from 'vitest';
import { dataset } from '@/src/data';
import { PACK_LIMITS } from '@/src/packs/limits';
import { BUILT_IN_PACK_ID, checkPack, checkPackText } from '@/src/packs/validate-pack';
import { examplePack, examplePackText, packText } from './support';

function problemsOf(text: string): string[] {
  const result = checkPackText(text);
  return result.ok ? [] : result.problems;
}

describe('checking a note pack', () => {
  it('accepts the example pack and the built-in notes (as built in)', () => {
    expect(checkPackText(examplePackText()).ok).toBe(true);
    expect(checkPack(dataset, { builtIn: true }).ok).toBe(true);
  });

  it('keeps the built-in id for the built-in notes', () => {
    expect(problemsOf(packText((pack) => (pack.pack.id = BUILT_IN_PACK_ID)))).toEqual([
      `pack.id: "${BUILT_IN_PACK_ID}" is the built-in notes' id; choose another`,
    ]);
  });

  it('names each bad entry by its path and id', () => {
    const problems = problemsOf(
      packText((pack) => {
        pack.topics[1]!.terms.push({ text: 'Rio', context: 'no-such-rule' });
        pack.findings[0]!.citation.report = 'no-such-report';
        pack.reports[0]!.url = 'http://www.nato.int/';
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^reports\[0\]\(north-atlantic-treaty\)\.url: links must be https/),
      ]),
    );
    const fixed = problemsOf(
      packText((pack) => {
        pack.topics[1]!.terms.push({ text: 'Rio', context: 'no-such-rule' });
        pack.findings[0]!.citation.report = 'no-such-report';
      }),
    );
    expect(fixed).toEqual(
      expect.arrayContaining([
        'topic "anzus", term "Rio": unknown context rule "no-such-rule"',
        'finding "nato-article-5": cites unknown report "no-such-report"',
      ]),
    );
  });

  it('refuses what is not JSON, not an object, or a pack without its metadata', () => {
    expect(problemsOf('{not json')[0]).toMatch(/^the file is not JSON/);
    expect(problemsOf('[]')).toEqual(['(root): a note pack is a JSON object']);
    expect(problemsOf(packText((pack) => delete (pack as Partial<typeof pack>).pack))).toContain('pack: is missing');
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = JSON.stringify({ padding: 'x'.repeat(PACK_LIMITS.fileBytes) });
    expect(problemsOf(big)).toEqual([expect.stringMatching(/^the file is \d+ bytes; a note pack may be at most 1000000 bytes$/)]);
  });

  it('refuses too many topics, terms or findings, and overlong strings, naming the limit', () => {
    const many = packText((pack) => {
      const topic = pack.topics[0]!;
      pack.topics = Array.from({ length: PACK_LIMITS.topics + 1 }, (_, index) => ({ ...topic, id: `topic-${index}` }));
    });
    expect(problemsOf(many)).toEqual([`topics: ${PACK_LIMITS.topics + 1}, more than the limit of ${PACK_LIMITS.topics}`]);
    const longTerm = packText((pack) => pack.topics[0]!.terms.push({ text: 'w '.repeat(100) }));
    expect(problemsOf(longTerm)).toEqual([expect.stringMatching(/^topics\[0\]\(nato\)\.terms\[3\]\("w w w .*"\)\.text: is 200 characters long; the limit is 120$/)]);
    const longSummary = packText((pack) => (pack.topics[0]!.summary = 'a'.repeat(PACK_LIMITS.stringLength + 1)));
    expect(problemsOf(longSummary)[0]).toMatch(/^topics\[0\]\(nato\)\.summary: is 2001 characters long/);
    // Namespaced ids must fit the settings' topic-id limit, so every topic can be switched off.
    const longId = packText((pack) => (pack.topics[0]!.id = 'a'.repeat(61)));
    expect(problemsOf(longId).join('\n')).toMatch(/ids are at most 60 characters/);
  });

  it('refuses guards longer than the limit and rules whose examples fail', () => {
    const guard = packText((pack) => (pack.contexts[0]!.notBefore = ['one two three four five six seven']));
    expect(problemsOf(guard)).toEqual(['contexts(nato-article): the guard "one two three four five six seven" has 7 words; the limit is 6']);
    const example = packText((pack) => pack.contexts[0]!.examples.marked.push('Article 5 of the lease.'));
    expect(problemsOf(example)).toEqual(['context rule "nato-article": its example "Article 5 of the lease." should be marked, and is not']);
  });

  it('refuses links that are not https, in reports and the homepage', () => {
    const problems = problemsOf(packText((pack) => (pack.pack.homepage = 'javascript:alert(1)')));
    expect(problems.join('\n')).toMatch(/^pack\.homepage:/m);
  });

  it('keeps the example pack valid for the guide', () => {
    expect(examplePack().pack.id).toBe('us-collective-defense');
  });
});
