/**
 * Checks raw note data against the schema and the rules a schema cannot
 * express (unique ids, resolvable references, coverage). Used by the build,
 * by tests and by anyone editing `policy-notes.json`.
 */
import * as v from 'valibot';
import { DatasetSchema, type Dataset } from './schema';

/** Raised when note data is broken; `problems` names every bad entry. */
export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(`Policy notes data is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DatasetError';
  }
}

function describePath(issue: v.BaseIssue<unknown>, raw: unknown): string {
  const keys = issue.path?.map((item) => item.key) ?? [];
  // Name the entry by its id, not only its index, so the message points at the JSON a person edits.
  let node: unknown = raw;
  const parts: string[] = [];
  for (const key of keys) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    parts.push(typeof key === 'number' ? `[${key}]${typeof id === 'string' ? `(${id})` : ''}` : `.${String(key)}`);
  }
  return parts.join('').replace(/^\./, '') || '(root)';
}

function findDuplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of ids) (seen.has(id) ? duplicates : seen).add(id);
  return [...duplicates];
}

/** Every problem in `raw`, as readable sentences; empty when the data is good. */
export function listDatasetProblems(raw: unknown): string[] {
  const parsed = v.safeParse(DatasetSchema, raw);
  if (!parsed.success) {
    return parsed.issues.map((issue) => `${describePath(issue, raw)}: ${issue.message}`);
  }
  const data = parsed.output;
  const problems: string[] = [];
  for (const [kind, ids] of [
    ['report', data.reports.map((r) => r.id)],
    ['context rule', data.contexts.map((c) => c.id)],
    ['topic', data.topics.map((t) => t.id)],
    ['finding', data.findings.map((f) => f.id)],
  ] as const) {
    for (const id of findDuplicates([...ids])) problems.push(`${kind} id "${id}" is used more than once`);
  }
  const reportIds = new Set(data.reports.map((r) => r.id));
  const contextIds = new Set(data.contexts.map((c) => c.id));
  const topicIds = new Set(data.topics.map((t) => t.id));
  const topicsWithFindings = new Set<string>();

  for (const topic of data.topics) {
    const seenTerms = new Set<string>();
    for (const term of topic.terms) {
      if (term.context && !contextIds.has(term.context)) {
        problems.push(`topic "${topic.id}", term "${term.text}": unknown context rule "${term.context}"`);
      }
      const key = `${term.caseSensitive ? 'cs' : 'ci'}:${term.caseSensitive ? term.text : term.text.toLowerCase()}`;
      if (seenTerms.has(key)) problems.push(`topic "${topic.id}": term "${term.text}" is listed twice`);
      seenTerms.add(key);
    }
  }
  for (const rule of data.contexts) {
    for (const [field, source] of [['rejectBefore', rule.rejectBefore], ['rejectAfter', rule.rejectAfter]] as const) {
      if (source === undefined) continue;
      try {
        new RegExp(source, 'u');
      } catch (error) {
        problems.push(`context rule "${rule.id}": ${field} is not a valid regular expression (${(error as Error).message})`);
      }
    }
  }
  for (const finding of data.findings) {
    if (!reportIds.has(finding.citation.report)) {
      problems.push(`finding "${finding.id}": cites unknown report "${finding.citation.report}"`);
    }
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

/** Returns the typed data set, or throws a `DatasetError` naming every bad entry. */
export function assertValidDataset(raw: unknown): Dataset {
  const problems = listDatasetProblems(raw);
  if (problems.length > 0) throw new DatasetError(problems);
  return raw as Dataset;
}
