import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rawDataset from '@/src/data/policy-notes.json';
import { dataset, getFindingsForTopic, getReport, getTopic } from '@/src/data';
import type { Dataset } from '@/src/data/schema';
import { assertValidDataset, DatasetError, findCopiedPassages, listDatasetProblems } from '@/src/data/validate';
import { SHARED_SEEDS_DIR } from '../../../scripts/lib/paths';

/** A deep copy of the bundled data for a test to break. */
function copy(): Dataset {
  return structuredClone(rawDataset) as Dataset;
}

function find<T extends { id: string }>(list: readonly T[], id: string): T {
  const item = list.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no entry "${id}"`);
  return item;
}

function allTerms(topicId: string): Dataset['topics'][number]['terms'] {
  return find(dataset.topics, topicId).terms;
}

describe('bundled policy notes', () => {
  it('pass the schema and every cross-reference check', () => {
    expect(listDatasetProblems(rawDataset)).toEqual([]);
    expect(() => assertValidDataset(rawDataset)).not.toThrow();
  });

  it('have at least 12 topics, covering every subject the source reports discuss', () => {
    expect(dataset.topics.length).toBeGreaterThanOrEqual(12);
    const ids = dataset.topics.map((topic) => topic.id);
    for (const id of [
      'mutual-defense-treaty',
      'treaty-scope',
      'abraham-accords-normalization',
      'iran-nuclear',
      'iran-proxies-attacks',
      'october-7-war',
      'us-alliances-nato',
      'ukraine-war',
      'china-russia-middle-east',
      'security-assistance-mou',
      'wmd',
      'sovereignty-freedom-of-action',
      'jinsa-treaty-work',
      'national-defense-strategy',
      'intelligence-technology',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('use every id once per kind', () => {
    for (const list of [dataset.reports, dataset.contexts, dataset.topics, dataset.findings]) {
      const ids = list.map((entry) => entry.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('resolve every reference: finding topics, cited reports, term context rules', () => {
    const topicIds = new Set(dataset.topics.map((topic) => topic.id));
    const reportIds = new Set(dataset.reports.map((report) => report.id));
    const ruleIds = new Set(dataset.contexts.map((rule) => rule.id));
    for (const finding of dataset.findings) {
      for (const topic of finding.topics) expect(topicIds, `finding ${finding.id}`).toContain(topic);
      expect(reportIds, `finding ${finding.id}`).toContain(finding.citation.report);
    }
    for (const topic of dataset.topics) {
      for (const term of topic.terms) if (term.context) expect(ruleIds, `${topic.id}: ${term.text}`).toContain(term.context);
    }
  });

  it('give every topic several terms and at least two findings', () => {
    for (const topic of dataset.topics) {
      expect(topic.terms.length, topic.id).toBeGreaterThanOrEqual(5);
      expect(getFindingsForTopic(topic.id).length, topic.id).toBeGreaterThanOrEqual(2);
      expect(topic.summary.length, topic.id).toBeGreaterThan(40);
    }
  });

  it('cite every finding to a report and a part a reader can look for', () => {
    for (const finding of dataset.findings) {
      expect(getReport(finding.citation.report), finding.id).toBeDefined();
      expect(finding.citation.part.trim().length, finding.id).toBeGreaterThan(3);
      if (finding.citation.url) expect(finding.citation.url, finding.id).toMatch(/^https:\/\/jinsa\.org\//);
    }
  });

  it('attribute every finding to JINSA or the report instead of stating it as fact', () => {
    const attributed = /\bJINSA\b|\bthe (?:\d{4} )?(?:report|paper|summary)\b/i;
    for (const finding of dataset.findings) expect(finding.text, finding.id).toMatch(attributed);
  });

  it('say what the publisher is and where it stands', () => {
    for (const report of dataset.reports) {
      expect(report.publisherNote, report.id).toMatch(/think tank/);
      expect(report.publisherNote, report.id).toMatch(/since 2018/);
    }
  });

  it('use the public addresses known for each publication', () => {
    expect(getReport('by-itself-with-us-2024')?.url).toBe('https://jinsa.org/jinsa_report/the-case-for-a-us-israel-mdt');
    expect(getReport('narrow-pact-2019')?.url).toBe('https://jinsa.org/jinsa_report/for-a-narrow-u-s-israel-defense-pact');
    expect(getReport('partner-to-ally-2023')?.url).toBe('https://jinsa.org/media_category/us-israel-mutual-defense-treaty/');
    const webinarCitations = dataset.findings.filter((finding) => finding.citation.url === 'https://jinsa.org/watch-webinar-mdp-report-rollout/');
    expect(webinarCitations.length).toBeGreaterThanOrEqual(1);
  });

  it('mark the publication known only from a third-party copy as such', () => {
    const followUp = dataset.reports.find((report) => report.date === '2019-11');
    expect(followUp?.sourceNote).toMatch(/third-party copy/);
    for (const finding of dataset.findings.filter((entry) => entry.citation.report === followUp?.id)) {
      expect(finding.text, finding.id).toMatch(/third-party copy/);
    }
  });

  it("carry over the sources' figures", () => {
    const everything = dataset.findings.map((finding) => `${finding.text} ${finding.figure ?? ''}`).join('\n');
    const figures = dataset.findings.map((finding) => finding.figure ?? '').join('\n');
    for (const figure of ['52', 'five continents', '2018', '50 countries', '70-plus years', 'July 2019']) {
      expect(figures).toContain(figure);
    }
    for (const fact of ['Abraham Accords', 'weapons of mass destruction', 'qualitative military edge', 'UN General Assembly']) {
      expect(everything).toContain(fact);
    }
  });

  it('list a finding under a topic with its main findings first', () => {
    const findings = getFindingsForTopic('us-alliances-nato');
    const firstOther = findings.findIndex((finding) => finding.topics[0] !== 'us-alliances-nato');
    expect(firstOther).toBeGreaterThan(0);
    expect(findings.slice(firstOther).every((finding) => finding.topics[0] !== 'us-alliances-nato')).toBe(true);
    expect(getTopic('us-alliances-nato')?.label).toMatch(/NATO/);
    expect(getTopic('no-such-topic')).toBeUndefined();
    expect(getFindingsForTopic('no-such-topic')).toEqual([]);
  });
});

describe('terms', () => {
  const termTexts = (topicId: string) => allTerms(topicId).map((term) => term.text);

  it('mark acronyms case-sensitive', () => {
    const byText = new Map(dataset.topics.flatMap((topic) => topic.terms.map((term) => [term.text, term] as const)));
    for (const acronym of ['MDT', 'MDP', 'MOU', 'WMD', 'NDS', 'IRGC', 'NATO', 'JINSA', 'JCPOA', 'FMF', 'QME']) {
      expect(byText.get(acronym)?.caseSensitive, acronym).toBe(true);
    }
  });

  it('make ambiguous terms wait for context', () => {
    const byText = new Map(dataset.topics.flatMap((topic) => topic.terms.map((term) => [term.text, term] as const)));
    for (const text of ['MDT', 'MDP', 'MOU', 'NDS', '10/7', '7 October', 'October 7', 'Oct. 7', 'Oct 7', 'the Accords', 'Makovsky', 'Ruhe', 'Stavridis', 'Article 5', 'mutual defense treaty', 'normalization']) {
      expect(byText.get(text)?.context, text).toBeDefined();
    }
    // Unambiguous long forms are trusted alone.
    for (const text of ['October 7 attack', '7 October massacre', 'Abraham Accords', 'weapons of mass destruction', 'Michael Makovsky']) {
      expect(byText.get(text)?.context, text).toBeUndefined();
    }
  });

  it('list spelling variants the matcher does not derive by itself', () => {
    expect(termTexts('mutual-defense-treaty')).toEqual(expect.arrayContaining(['mutual defense treaty', 'mutual defence treaty', 'US-Israel pact', 'U.S.-Israeli treaty']));
    expect(termTexts('iran-nuclear')).toEqual(expect.arrayContaining(["Iran's nuclear program", "Iran's nuclear programme"]));
    expect(termTexts('abraham-accords-normalization')).toEqual(expect.arrayContaining(['Saudi-Israel normalization', 'Saudi-Israel normalisation']));
    expect(termTexts('us-alliances-nato')).toEqual(expect.arrayContaining(['treaty ally', 'treaty allies', 'NATO', 'Nato']));
  });

  it('give a phrase two topics share a rule on each side, so context decides', () => {
    const owners = new Map<string, Array<{ topic: string; context: string | undefined }>>();
    for (const topic of [...dataset.topics, ...dataset.otherReadings]) {
      for (const term of topic.terms) {
        const key = term.caseSensitive ? term.text : term.text.toLowerCase();
        owners.set(key, [...(owners.get(key) ?? []), { topic: topic.id, context: term.context }]);
      }
    }
    for (const [phrase, list] of owners) {
      if (new Set(list.map((owner) => owner.topic)).size < 2) continue;
      const ruled = list.filter((owner) => owner.context !== undefined).length;
      expect(ruled === 0 || ruled === list.length, `"${phrase}" in ${list.map((owner) => owner.topic).join(', ')}`).toBe(true);
    }
    // The treaty's generic name belongs to the U.S.-Israel treaty, U.S. alliances, and other countries' pacts.
    expect(owners.get('mutual defense treaty')?.map((owner) => owner.topic)).toEqual(
      expect.arrayContaining(['mutual-defense-treaty', 'us-alliances-nato', 'another-countrys-pact']),
    );
  });
});

describe('context rules', () => {
  it('each give a reason and at least one example that must be marked', () => {
    for (const rule of dataset.contexts) {
      expect(rule.reason.length, rule.id).toBeGreaterThan(20);
      expect(rule.examples.marked.length, rule.id).toBeGreaterThan(0);
      for (const reject of rule.rejects ?? []) expect(reject.reason.length, rule.id).toBeGreaterThan(5);
    }
    for (const [id, list] of Object.entries(dataset.wordLists)) expect(list.reason.length, id).toBeGreaterThan(10);
  });

  it('keep the October 7 year rule for any year but 2023', () => {
    const rule = find(dataset.contexts, 'october-7');
    expect(rule.notAfter).toContain('{year}');
    const dated = find(dataset.topics, 'october-7-war').terms.filter((term) => /\b(?:19|20)\d\d\b/.test(term.text));
    expect(dated.length).toBeGreaterThan(0);
    for (const term of dated) expect(term.text).toMatch(/2023/);
  });

  it('choose a scope for each need: the article for the treaty, near for acronyms and look-alikes', () => {
    const scopesOf = (ruleId: string) => find(dataset.contexts, ruleId).needs?.map((need) => need.within) ?? [];
    expect(scopesOf('israel-treaty')).toEqual(['article']);
    expect(scopesOf('october-7')).toEqual(['article']);
    expect(scopesOf('mdt-acronym')[0]).toBe('paragraph');
    expect(scopesOf('us-defense')[0]).toBe('sentence');
  });
});

describe('listDatasetProblems names the bad entry', () => {
  it('for a duplicate id', () => {
    const data = copy();
    data.findings.push({ ...find(data.findings, 'p2a-52-treaty-allies') });
    expect(listDatasetProblems(data)).toContain('finding id "p2a-52-treaty-allies" is used more than once');
  });

  it('for a finding pointing at a topic that does not exist', () => {
    const data = copy();
    find(data.findings, 'biwu-purpose').topics.push('no-such-topic');
    expect(listDatasetProblems(data)).toContain('finding "biwu-purpose": unknown topic "no-such-topic"');
  });

  it('for a citation of an unknown report', () => {
    const data = copy();
    find(data.findings, 'biwu-purpose').citation.report = 'no-such-report';
    expect(listDatasetProblems(data)).toContain('finding "biwu-purpose": cites unknown report "no-such-report"');
  });

  it('for a term needing an unknown context rule', () => {
    const data = copy();
    find(data.topics, 'wmd').terms.push({ text: 'dirty bomb', context: 'no-such-rule' });
    expect(listDatasetProblems(data)).toContain('topic "wmd", term "dirty bomb": unknown context rule "no-such-rule"');
  });

  it('for a topic without findings', () => {
    const data = copy();
    data.topics.push({ id: 'orphan-topic', label: 'Orphan', summary: 'A topic no finding mentions.', terms: [{ text: 'orphan' }] });
    expect(listDatasetProblems(data)).toContain('topic "orphan-topic" has no findings');
  });

  it('for a bad URL, naming the report by id', () => {
    for (const url of ['not a url', 'http://jinsa.org/']) {
      const data = copy();
      find(data.reports, 'narrow-pact-2019').url = url;
      const problems = listDatasetProblems(data);
      expect(problems.length, url).toBeGreaterThan(0);
      expect(problems.every((problem) => problem.includes('(narrow-pact-2019).url')), problems.join('\n')).toBe(true);
    }
  });

  it('for a missing field or empty text, naming the finding', () => {
    const data = copy();
    find(data.findings, 'biwu-purpose').text = '   ';
    expect(listDatasetProblems(data).join('\n')).toMatch(/findings\[\d+\]\(biwu-purpose\)\.text/);
  });

  it('for a term the matcher would already find as a plural, possessive or dash variant', () => {
    const data = copy();
    const terms = find(data.topics, 'iran-proxies-attacks').terms;
    terms.push({ text: 'Houthis' }, { text: "Hezbollah's" }, { text: 'axis-of-resistance' });
    const problems = listDatasetProblems(data);
    expect(problems).toContain('topic "iran-proxies-attacks": term "Houthis" is redundant, "Houthi" already matches its plural and possessive forms');
    expect(problems).toContain('topic "iran-proxies-attacks": term "Hezbollah\'s" is redundant, "Hezbollah" already matches its plural and possessive forms');
    expect(problems).toContain('topic "iran-proxies-attacks": term "axis-of-resistance" is listed twice (as "axis of resistance")');
  });

  it('for a rule nothing uses, and a word list that does not exist', () => {
    const data = copy();
    data.contexts.push({ id: 'unused-rule', reason: 'Nobody asks for me.', needs: [{ anyOf: ['@no-such-list'], within: 'sentence' }], examples: { marked: ['x'] } });
    const problems = listDatasetProblems(data);
    expect(problems).toContain('context rule "unused-rule" is not used by any term');
    expect(problems).toContain('word list "@no-such-list" is used but not defined');
  });

  it('for a rule that does not mark its own example', () => {
    const data = copy();
    find(data.contexts, 'mdt-acronym').examples.marked.push('Mountain Daylight Time starts at 9 a.m. MDT.');
    expect(listDatasetProblems(data)).toEqual([
      'context rule "mdt-acronym": its example "Mountain Daylight Time starts at 9 a.m. MDT." should be marked, and is not',
    ]);
  });

  it('for an example that should not be marked but is', () => {
    const data = copy();
    find(data.contexts, 'iran').examples.unmarked = ['Iran says its nuclear program is peaceful.'];
    expect(listDatasetProblems(data)).toEqual([
      'context rule "iran": its example "Iran says its nuclear program is peaceful." should not be marked, but "nuclear program" is',
    ]);
  });

  it('for a guard with an unknown word class, naming the rule', () => {
    const data = copy();
    find(data.contexts, 'october-7').notAfter = ['{decade}'];
    expect(listDatasetProblems(data).join('\n')).toMatch(/context rule "october-7", notAfter: unknown word class "\{decade\}"/);
  });

  it('and assertValidDataset throws a DatasetError listing them', () => {
    const data = copy();
    find(data.findings, 'biwu-purpose').citation.report = 'no-such-report';
    let thrown: unknown;
    try {
      assertValidDataset(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatasetError);
    expect((thrown as DatasetError).problems).toEqual(['finding "biwu-purpose": cites unknown report "no-such-report"']);
    expect((thrown as DatasetError).message).toContain('biwu-purpose');
  });
});

describe('findCopiedPassages', () => {
  it('finds a run of 12 words copied from a source, and nothing shorter', () => {
    const data = copy();
    const source = { name: 'source.txt', text: 'One two three four five six seven eight nine ten eleven twelve thirteen.' };
    find(data.findings, 'biwu-purpose').text = 'JINSA says one two three four five six seven eight nine ten eleven twelve.';
    find(data.findings, 'biwu-authors').text = 'JINSA says one two three four five six seven eight nine ten eleven.';
    const copied = findCopiedPassages(data, [source]);
    expect(copied).toEqual([
      { entry: 'finding "biwu-purpose"', words: 'one two three four five six seven eight nine ten eleven twelve', source: 'source.txt' },
    ]);
  });

  it('ignores case, punctuation and curly apostrophes', () => {
    const data = copy();
    find(data.findings, 'biwu-purpose').text = "JINSA: Hamas's attack, on Israel; was one two three four five six seven eight";
    const copied = findCopiedPassages(data, [{ name: 's', text: 'HAMAS’S ATTACK ON ISRAEL WAS ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT' }]);
    expect(copied).toEqual([
      { entry: 'finding "biwu-purpose"', words: "hamas's attack on israel was one two three four five six seven eight", source: 's' },
    ]);
  });
});

const SEEDS_DIR = SHARED_SEEDS_DIR;
const seedsPresent = existsSync(SEEDS_DIR);
if (!seedsPresent) console.log(`Skipping the copied-sentence check: ${SEEDS_DIR} (../shared/seeds) is absent.`);

describe.skipIf(!seedsPresent)('notes are written in our own words', () => {
  it('share no run of 12 or more words with the seed texts', () => {
    const sources = readdirSync(SEEDS_DIR)
      .filter((name) => /\.(?:txt|md)$/.test(name))
      .map((name) => ({ name, text: readFileSync(`${SEEDS_DIR}/${name}`, 'utf8') }));
    expect(sources.some((source) => source.name.endsWith('.txt'))).toBe(true);
    expect(findCopiedPassages(dataset, sources)).toEqual([]);
  });
});
