/**
 * The bundled policy notes with lookups. The data is validated at build time
 * (wxt.config.ts) and in tests, so here it is only typed, not re-checked:
 * shipping the validator to every page would cost bytes and time for nothing.
 * The validator and `matcherSourceOf` are exported for note packs (src/packs);
 * nothing here runs at import that a bundle could not drop, so a bundle
 * carries only what it uses.
 */
import rawDataset from './policy-notes.json';
import type { Dataset, Finding, Report, Topic } from './schema';

export type { Citation, ContextRule, Dataset, Finding, OtherReading, PackMeta, Report, Term, Topic, WordList } from './schema';
export { matcherSourceOf } from './matcher-source';
export { DatasetError, assertValidDataset, listDatasetProblems } from './validate';

/** All bundled notes. */
export const dataset = rawDataset as Dataset;

interface Lookups {
  topicsById: Map<string, Topic>;
  reportsById: Map<string, Report>;
  findingsByTopic: Map<string, Finding[]>;
}

function buildLookups(): Lookups {
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
  return { topicsById, reportsById, findingsByTopic };
}

// Built as the module loads, as before, but marked pure: a bundle that takes only a type or a helper
// from this index (the content script, through src/packs) leaves the lookups and the notes out.
const lookups = /* @__PURE__ */ buildLookups();

/** The topic with this id, if any. */
export function getTopic(id: string): Topic | undefined {
  return lookups.topicsById.get(id);
}

/** The report with this id, if any. */
export function getReport(id: string): Report | undefined {
  return lookups.reportsById.get(id);
}

/** Findings about a topic, those naming it as their main topic first; a fresh array the caller may change. */
export function getFindingsForTopic(topicId: string): Finding[] {
  return [...(lookups.findingsByTopic.get(topicId) ?? [])];
}
