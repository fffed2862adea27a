/**
 * The bundled policy notes with lookups. The data is validated at build time
 * (wxt.config.ts) and in tests, so here it is only typed, not re-checked.
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

/** The topic with this id, if any. */
export function getTopic(id: string): Topic | undefined {
  return topicsById.get(id);
}

/** The report with this id, if any. */
export function getReport(id: string): Report | undefined {
  return reportsById.get(id);
}

/** Findings about a topic, those naming it as their main topic first. */
export function getFindingsForTopic(topicId: string): Finding[] {
  const findings = findingsByTopic.get(topicId) ?? [];
  return [...findings].sort((a, b) => Number(a.topics[0] !== topicId) - Number(b.topics[0] !== topicId));
}
