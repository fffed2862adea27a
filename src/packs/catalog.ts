/**
 * The notes of every pack that is on, as one catalog for cards, the popup
 * and search: topics, findings and reports by id (imported packs' ids are
 * namespaced, so they never collide), and which pack each one comes from.
 */
import type { Dataset, Finding, PackMeta, Report, Topic } from '@/src/data';

/** One pack's notes as the catalog holds them. */
export interface CatalogPack {
  meta: PackMeta;
  notes: Dataset;
  builtIn: boolean;
}

export interface NotesCatalog {
  packs: readonly CatalogPack[];
  topics: readonly Topic[];
  getTopic(id: string): Topic | undefined;
  /** Findings about a topic, those naming it as their main topic first; a fresh array. */
  getFindingsForTopic(topicId: string): Finding[];
  getReport(id: string): Report | undefined;
  /** The pack a topic, finding or report id belongs to. */
  packOf(id: string): CatalogPack | undefined;
}

/** Builds the catalog of these packs, in the order given (the built-in pack first). */
export function createNotesCatalog(packs: readonly CatalogPack[]): NotesCatalog {
  const topics = new Map<string, Topic>();
  const reports = new Map<string, Report>();
  const findingsByTopic = new Map<string, Finding[]>();
  const owner = new Map<string, CatalogPack>();
  for (const pack of packs) {
    for (const topic of pack.notes.topics) {
      topics.set(topic.id, topic);
      owner.set(topic.id, pack);
    }
    for (const report of pack.notes.reports) {
      reports.set(report.id, report);
      owner.set(report.id, pack);
    }
    for (const finding of pack.notes.findings) {
      owner.set(finding.id, pack);
      for (const topicId of finding.topics) findingsByTopic.set(topicId, [...(findingsByTopic.get(topicId) ?? []), finding]);
    }
  }
  // A finding's first topic is the one it is mainly about; those lead, otherwise data order is kept (the sort is stable).
  for (const [topicId, list] of findingsByTopic) list.sort((a, b) => Number(a.topics[0] !== topicId) - Number(b.topics[0] !== topicId));
  return {
    packs,
    topics: [...topics.values()],
    getTopic: (id) => topics.get(id),
    getFindingsForTopic: (id) => [...(findingsByTopic.get(id) ?? [])],
    getReport: (id) => reports.get(id),
    packOf: (id) => owner.get(id),
  };
}
