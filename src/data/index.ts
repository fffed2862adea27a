/**
 * The bundled policy notes with lookups. The data is validated at build time
 * (wxt.config.ts) and in tests, so here it is only typed, not re-checked:
 * shipping the validator to every page would cost bytes and time for nothing.
 */
import rawDataset from './policy-notes.json';
import type { Dataset, Finding, Report, Topic } from './schema';

export type { Citation, ContextRule, Dataset, Finding, Report, Term, Topic } from './schema';

/** All bundled notes. */
export const dataset = rawDataset as Dataset;

const topicsById = new Map(dataset.topics.map((topic) => [topic.id, topic]));
const reportsById = new Map(dataset.reports.map((report) => [report.id, report]));
const findingsByTopic = new Map<string, Finding[]>();
for (const finding of dataset.findings) {
  for (const topicId of finding.topics) {
    const list = findingsByTopic.get(topicId) ?? [];
    list.push(finding);
    findingsByTopic.set(topicId, list);
  }
}
// A finding's first topic is the one it is mainly about; those lead, otherwise data order is kept (the sort is stable).
for (const [topicId, list] of findingsByTopic) {
  list.sort((a, b) => Number(a.topics[0] !== topicId) - Number(b.topics[0] !== topicId));
}

/** The topic with this id, if any. */
export function getTopic(id: string): Topic | undefined {
  return topicsById.get(id);
}

/** The report with this id, if any. */
export function getReport(id: string): Report | undefined {
  return reportsById.get(id);
}

/** Findings about a topic, those naming it as their main topic first; a fresh array the caller may change. */
export function getFindingsForTopic(topicId: string): Finding[] {
  return [...(findingsByTopic.get(topicId) ?? [])];
}
