/**
 * Checks raw note data against the schema and the rules a schema cannot
 * express (unique ids, resolvable references, coverage, tidy term lists).
 * Used by the build, by tests and by anyone editing `policy-notes.json`.
 */
import * as v from 'valibot';
import { compileMatcher, matchArticle, MatcherCompileError, type Matcher } from '../matching/index';
import { matcherSourceOf } from './matcher-source';
import { DatasetSchema, type Dataset, type Term } from './schema';

/** Raised when note data is broken; `problems` names every bad entry. */
export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(`Policy notes data is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DatasetError';
  }
}

function describePath(issue: v.BaseIssue<unknown>, raw: unknown): string {
  const keys = issue.path?.map((item) => item.key) ?? [];
  // Name the entry by its id (or a term by its text), not only its index, so the message points at the JSON a person edits.
  let node: unknown = raw;
  const parts: string[] = [];
  for (const key of keys) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    const record = node !== null && typeof node === 'object' ? (node as { id?: unknown; text?: unknown }) : {};
    const name = typeof record.id === 'string' ? record.id : typeof record.text === 'string' ? `"${record.text}"` : undefined;
    parts.push(typeof key === 'number' ? `[${key}]${name === undefined ? '' : `(${name})`}` : `.${String(key)}`);
  }
  return parts.join('').replace(/^\./, '') || '(root)';
}

/** Valibot's wording for a missing or unknown field, in plain words; other messages as they are. */
function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (/^Invalid key: Expected "[^"]*" but received undefined$/.test(issue.message)) return 'is missing';
  if (/^Invalid key: Expected never/.test(issue.message)) return 'is not a field of this format';
  return issue.message;
}

function findDuplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of ids) (seen.has(id) ? duplicates : seen).add(id);
  return [...duplicates];
}

/**
 * How the matcher reads a term: separators (spaces, hyphens, dashes) and
 * apostrophes are interchangeable, and case counts only for case-sensitive
 * terms. Two terms with the same reading (and the same context rule) are one.
 */
function termReading(term: Term): string {
  const words = term.text
    .trim()
    .replace(/[\u2019\u2018\u02BC]/gu, "'")
    .split(/[\s\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/u)
    .filter((word) => word.length > 0)
    .join(' ');
  return `${term.caseSensitive ? words : words.toLowerCase()}\u0000${term.context ?? ''}`;
}

/**
 * The shorter term that already matches `term`, since the matcher adds plural
 * ("s", "es") and possessive ("'s") endings to any term that ends in a letter.
 */
function coveringTerm(term: Term, byReading: ReadonlyMap<string, Term>): Term | undefined {
  const [words = '', context = ''] = termReading(term).split('\u0000');
  const stems = new Set<string>();
  const withoutPossessive = words.replace(/'s$/u, '');
  if (withoutPossessive !== words) stems.add(withoutPossessive);
  for (const ending of ['es', 's']) {
    if (withoutPossessive.endsWith(ending)) stems.add(withoutPossessive.slice(0, -ending.length));
  }
  for (const stem of stems) {
    const shorter = byReading.get(`${stem}\u0000${context}`);
    if (shorter && /\p{L}$/u.test(shorter.text)) return shorter;
  }
  return undefined;
}

function termProblems(data: Dataset, contextIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const topic of [...data.topics, ...data.otherReadings]) {
    const byReading = new Map<string, Term>();
    for (const term of topic.terms) {
      if (term.context !== undefined && !contextIds.has(term.context)) {
        problems.push(`topic "${topic.id}", term "${term.text}": unknown context rule "${term.context}"`);
      }
      const reading = termReading(term);
      const same = byReading.get(reading);
      if (same) problems.push(`topic "${topic.id}": term "${term.text}" is listed twice (as "${same.text}")`);
      else byReading.set(reading, term);
    }
    for (const term of topic.terms) {
      const shorter = coveringTerm(term, byReading);
      if (shorter) {
        problems.push(
          `topic "${topic.id}": term "${term.text}" is redundant, "${shorter.text}" already matches its plural and possessive forms`,
        );
      }
    }
  }
  // A phrase two topics share either names both (no rule on either) or is told apart by context (a rule on each):
  // a rule on one side only would never win against the certain other side.
  const owners = new Map<string, Array<{ topic: string; term: Term }>>();
  for (const topic of [...data.topics, ...data.otherReadings]) {
    for (const term of topic.terms) {
      const key = termReading({ ...term, context: undefined });
      owners.set(key, [...(owners.get(key) ?? []), { topic: topic.id, term }]);
    }
  }
  for (const list of owners.values()) {
    if (new Set(list.map((owner) => owner.topic)).size < 2) continue;
    if (list.every((owner) => owner.term.context === undefined)) continue;
    for (const { topic, term } of list) {
      if (term.context === undefined) {
        problems.push(`topic "${topic}": term "${term.text}" is also a term of "${list.find((other) => other.topic !== topic)!.topic}", so both need a context rule to tell them apart, or neither`);
      }
    }
  }
  for (const reading of data.otherReadings) {
    for (const term of reading.terms) {
      if (term.context === undefined) problems.push(`other reading "${reading.id}": term "${term.text}" needs a context rule, or it would always win`);
    }
  }
  return problems;
}

/** Every "@list" a rule mentions. */
function listReferences(data: Dataset): Set<string> {
  const phrases = data.contexts.flatMap((rule) => [
    ...(rule.needs ?? []).flatMap((need) => [...need.anyOf, ...(need.alsoAnyOf ?? [])]),
    ...(rule.rejects ?? []).flatMap((reject) => [...reject.anyOf, ...(reject.unlessAlso ?? [])]),
    ...(rule.notBefore ?? []),
    ...(rule.notAfter ?? []),
  ]);
  return new Set(phrases.flatMap((phrase) => [...phrase.matchAll(/@([a-z0-9-]+)/g)].map((match) => match[1]!)));
}

/** Which rule each (topic, term) pair uses, to tell whose mention an example produced. */
function ruleOfMention(data: Dataset): (topic: string, term: string) => string | undefined {
  const rules = new Map<string, string | undefined>();
  for (const topic of [...data.topics, ...data.otherReadings]) {
    for (const term of topic.terms) rules.set(`${topic.id}\u0000${term.text}`, term.context);
  }
  return (topic, term) => rules.get(`${topic}\u0000${term}`);
}

/**
 * Rules are data and tested as data: each rule's examples run through the
 * compiled matcher (each line a paragraph of one article), and a rule whose
 * `marked` examples are not marked, or whose `unmarked` ones are, is refused.
 * Other readings count as marks here, so their rules are checked the same way.
 */
function exampleProblems(data: Dataset, matcher: Matcher): string[] {
  const problems: string[] = [];
  const ruleOf = ruleOfMention(data);
  const marksOf = (ruleId: string, example: string): string[] =>
    matchArticle(matcher, example.split('\n'))
      .flat()
      .filter((mention) => ruleOf(mention.topic, mention.term) === ruleId)
      .map((mention) => mention.text);
  for (const rule of data.contexts) {
    for (const example of rule.examples.marked) {
      if (marksOf(rule.id, example).length === 0) problems.push(`context rule "${rule.id}": its example "${example}" should be marked, and is not`);
    }
    for (const example of rule.examples.unmarked ?? []) {
      const marks = marksOf(rule.id, example);
      if (marks.length > 0) problems.push(`context rule "${rule.id}": its example "${example}" should not be marked, but "${marks[0]!}" is`);
    }
  }
  return problems;
}

function contextRuleProblems(data: Dataset): string[] {
  const problems: string[] = [];
  const used = new Set([...data.topics, ...data.otherReadings].flatMap((topic) => topic.terms.map((term) => term.context)));
  for (const rule of data.contexts) {
    if (!used.has(rule.id)) problems.push(`context rule "${rule.id}" is not used by any term`);
  }
  const referenced = listReferences(data);
  for (const id of Object.keys(data.wordLists)) {
    if (!referenced.has(id)) problems.push(`word list "@${id}" is not used by any rule`);
  }
  for (const id of referenced) {
    if (!(id in data.wordLists)) problems.push(`word list "@${id}" is used but not defined`);
  }
  if (problems.length > 0) return problems;
  let matcher: Matcher;
  try {
    // Other readings are made visible here, so their rules' examples can be checked like the others.
    const source = matcherSourceOf(data);
    matcher = compileMatcher({ ...source, topics: source.topics.map((topic) => ({ ...topic, silent: false })) });
  } catch (error) {
    if (error instanceof MatcherCompileError) return [error.message];
    throw error;
  }
  return exampleProblems(data, matcher);
}

function findingProblems(data: Dataset): string[] {
  const problems: string[] = [];
  const reportIds = new Set(data.reports.map((report) => report.id));
  const topicIds = new Set(data.topics.map((topic) => topic.id));
  const topicsWithFindings = new Set<string>();
  for (const finding of data.findings) {
    if (!reportIds.has(finding.citation.report)) {
      problems.push(`finding "${finding.id}": cites unknown report "${finding.citation.report}"`);
    }
    for (const topic of findDuplicates(finding.topics)) problems.push(`finding "${finding.id}": topic "${topic}" is listed twice`);
    for (const topic of finding.topics) {
      if (!topicIds.has(topic)) problems.push(`finding "${finding.id}": unknown topic "${topic}"`);
      topicsWithFindings.add(topic);
    }
  }
  for (const topic of data.topics) {
    if (!topicsWithFindings.has(topic.id)) problems.push(`topic "${topic.id}" has no findings`);
  }
  return problems;
}

/** Every problem in `raw`, as readable sentences naming the bad entry; empty when the data is good. */
export function listDatasetProblems(raw: unknown): string[] {
  const parsed = v.safeParse(DatasetSchema, raw);
  if (!parsed.success) {
    return parsed.issues.map((issue) => `${describePath(issue, raw)}: ${plainMessage(issue)}`);
  }
  const data = parsed.output;
  const problems: string[] = [];
  for (const [kind, ids] of [
    ['report', data.reports.map((report) => report.id)],
    ['context rule', data.contexts.map((rule) => rule.id)],
    ['topic or other reading', [...data.topics, ...data.otherReadings].map((topic) => topic.id)],
    ['finding', data.findings.map((finding) => finding.id)],
  ] as const) {
    for (const id of findDuplicates(ids)) problems.push(`${kind} id "${id}" is used more than once`);
  }
  const contextIds = new Set(data.contexts.map((rule) => rule.id));
  problems.push(...termProblems(data, contextIds), ...contextRuleProblems(data), ...findingProblems(data));
  return problems;
}

/** Returns the typed data set, or throws a `DatasetError` naming every bad entry. */
export function assertValidDataset(raw: unknown): Dataset {
  const problems = listDatasetProblems(raw);
  if (problems.length > 0) throw new DatasetError(problems);
  return raw as Dataset;
}

/** A passage of our text that repeats a source word for word. */
export interface CopiedPassage {
  /** The entry holding it, e.g. `finding "p2a-52-treaty-allies"`. */
  entry: string;
  /** The shared run of words, lower-cased. */
  words: string;
  /** Name of the source text it was found in. */
  source: string;
}

function wordsOf(text: string): string[] {
  const words = text.toLowerCase().replace(/[\u2019\u2018\u02BC]/gu, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
  return words.map((word) => word.replace(/^'+|'+$/gu, '')).filter((word) => word.length > 0);
}

function runsOf(words: readonly string[], length: number): string[] {
  const runs: string[] = [];
  for (let start = 0; start + length <= words.length; start++) runs.push(words.slice(start, start + length).join(' '));
  return runs;
}

/**
 * Passages of `minWords` or more words that a finding or topic summary shares
 * with a source text, each reported once at its full length. The notes must
 * restate the sources, not copy them; the sources are passed in because they
 * are not part of the bundle.
 */
export function findCopiedPassages(
  data: Pick<Dataset, 'topics' | 'findings'>,
  sources: ReadonlyArray<{ name: string; text: string }>,
  minWords = 12,
): CopiedPassage[] {
  const sourceRuns = sources.map((source) => ({ name: source.name, runs: new Set(runsOf(wordsOf(source.text), minWords)) }));
  const entries = [
    ...data.findings.map((finding) => ({ entry: `finding "${finding.id}"`, text: finding.text })),
    ...data.topics.map((topic) => ({ entry: `topic "${topic.id}" summary`, text: topic.summary })),
  ];
  const copied: CopiedPassage[] = [];
  for (const { entry, text } of entries) {
    const words = wordsOf(text);
    const runs = runsOf(words, minWords);
    for (let start = 0; start < runs.length; start++) {
      const source = sourceRuns.find((candidate) => candidate.runs.has(runs[start]!));
      if (!source) continue;
      // Overlapping runs from one source are one copied passage: extend it while the next run is copied too.
      let last = start;
      while (last + 1 < runs.length && source.runs.has(runs[last + 1]!)) last++;
      copied.push({ entry, words: words.slice(start, last + minWords).join(' '), source: source.name });
      start = last;
    }
  }
  return copied;
}
