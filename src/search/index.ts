/**
 * Instant search over the notes of every pack that is on: topics (label,
 * summary, terms) and findings (text, figure, report title). The index is
 * built once; each query is a handful of binary searches over a sorted
 * vocabulary, so typing stays instant however often it runs.
 */
import type { Dataset, Finding, Topic } from '@/src/data';
import { segmentMatches, tokenize, type TextSegment } from './tokenize';

export { normalizeWord, segmentMatches, tokenize, type TextSegment, type Word } from './tokenize';

/** A topic that matched, with its texts split for emphasis. */
export interface TopicResult {
  kind: 'topic';
  topicId: string;
  score: number;
  label: TextSegment[];
  summary: TextSegment[];
  /** Terms (other names) of the topic that matched, so a hit on "MDT" shows why. */
  terms: TextSegment[][];
}

/** A finding that matched, with its texts split for emphasis. */
export interface FindingResult {
  kind: 'finding';
  findingId: string;
  /** The finding's main topic. */
  topicId: string;
  score: number;
  text: TextSegment[];
  figure?: TextSegment[];
  reportTitle: TextSegment[];
}

/** One search hit. */
export type SearchResult = TopicResult | FindingResult;

/**
 * What search covers: the notes of each pack, in the catalog's order (a
 * `NotesCatalog` is one). Imported packs' ids are namespaced, so packs never
 * share a topic, finding or report id.
 */
export interface SearchSource {
  packs: readonly { notes: Pick<Dataset, 'topics' | 'findings' | 'reports'> }[];
}

/** A built index; `search` may be called on every keystroke. */
export interface SearchIndex {
  /** Results for `query`, best first; empty for a blank query. */
  search(query: string, options?: { limit?: number }): SearchResult[];
}

type FieldName = 'label' | 'terms' | 'summary' | 'figure' | 'text' | 'reportTitle';

// Where a word is found says how much it counts; a topic's own name counts most.
const FIELD_WEIGHT: Record<FieldName, number> = {
  label: 8,
  terms: 5,
  figure: 3,
  summary: 2,
  text: 2,
  reportTitle: 1,
};
// A whole-word hit beats a hit on the start of a longer word.
const PREFIX_FACTOR = 0.6;

// Ignored in queries that also hold other words: nearly every note contains
// them, and requiring them would only drop good results.
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the',
  'to', 'with',
]);

interface Posting {
  doc: number;
  field: FieldName;
}

type Doc = { kind: 'topic'; topic: Topic } | { kind: 'finding'; finding: Finding; reportTitle: string };

/** The words of a query, as compared against the index. */
export function queryTerms(query: string): string[] {
  const terms = [...new Set(tokenize(query).map((word) => word.norm))];
  const meaningful = terms.filter((term) => !STOP_WORDS.has(term));
  return meaningful.length > 0 ? meaningful : terms;
}

/** First index in the sorted `words` whose word is >= `prefix`. */
function lowerBound(words: readonly string[], prefix: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((words[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Builds the search index over every pack's notes once. */
export function createSearchIndex(source: SearchSource): SearchIndex {
  const notes = source.packs.map((pack) => pack.notes);
  const reportTitles = new Map(notes.flatMap((pack) => pack.reports.map((report) => [report.id, report.title] as const)));
  // Every topic before any finding, packs in order: equal scores rank in this order.
  const docs: Doc[] = [
    ...notes.flatMap((pack) => pack.topics.map((topic): Doc => ({ kind: 'topic', topic }))),
    ...notes.flatMap((pack) =>
      pack.findings.map(
        (finding): Doc => ({ kind: 'finding', finding, reportTitle: reportTitles.get(finding.citation.report) ?? '' }),
      ),
    ),
  ];

  const postings = new Map<string, Posting[]>();
  const addField = (doc: number, field: FieldName, text: string) => {
    for (const { norm } of tokenize(text)) {
      const list = postings.get(norm) ?? [];
      if (!list.some((posting) => posting.doc === doc && posting.field === field)) list.push({ doc, field });
      postings.set(norm, list);
    }
  };
  docs.forEach((doc, index) => {
    if (doc.kind === 'topic') {
      addField(index, 'label', doc.topic.label);
      addField(index, 'summary', doc.topic.summary);
      for (const term of doc.topic.terms) addField(index, 'terms', term.text);
    } else {
      addField(index, 'text', doc.finding.text);
      if (doc.finding.figure) addField(index, 'figure', doc.finding.figure);
      addField(index, 'reportTitle', doc.reportTitle);
    }
  });
  const vocabulary = [...postings.keys()].sort();

  /** Best score of each document for one query term, and whether it hit a topic label. */
  function scoreTerm(term: string): Map<number, { score: number; label: boolean }> {
    const scores = new Map<number, { score: number; label: boolean }>();
    for (let i = lowerBound(vocabulary, term); i < vocabulary.length; i++) {
      const word = vocabulary[i] as string;
      if (!word.startsWith(term)) break;
      const factor = word === term ? 1 : PREFIX_FACTOR;
      for (const { doc, field } of postings.get(word) ?? []) {
        const previous = scores.get(doc) ?? { score: 0, label: false };
        scores.set(doc, {
          score: Math.max(previous.score, FIELD_WEIGHT[field] * factor),
          label: previous.label || field === 'label',
        });
      }
    }
    return scores;
  }

  function toResult(doc: Doc, score: number, terms: string[]): SearchResult {
    if (doc.kind === 'topic') {
      return {
        kind: 'topic',
        topicId: doc.topic.id,
        score,
        label: segmentMatches(doc.topic.label, terms),
        summary: segmentMatches(doc.topic.summary, terms),
        terms: doc.topic.terms
          .map((term) => segmentMatches(term.text, terms))
          .filter((segments) => segments.some((segment) => segment.match)),
      };
    }
    const { finding } = doc;
    return {
      kind: 'finding',
      findingId: finding.id,
      topicId: finding.topics[0] as string,
      score,
      text: segmentMatches(finding.text, terms),
      ...(finding.figure ? { figure: segmentMatches(finding.figure, terms) } : {}),
      reportTitle: segmentMatches(doc.reportTitle, terms),
    };
  }

  return {
    search(query, { limit = 20 } = {}) {
      const terms = queryTerms(query);
      if (terms.length === 0) return [];
      // Every query word must match somewhere in a document (AND).
      let combined: Map<number, { score: number; label: boolean }> | undefined;
      for (const term of terms) {
        const scores = scoreTerm(term);
        if (!combined) {
          combined = scores;
          continue;
        }
        const next = new Map<number, { score: number; label: boolean }>();
        for (const [doc, hit] of scores) {
          const previous = combined.get(doc);
          if (previous) next.set(doc, { score: previous.score + hit.score, label: previous.label || hit.label });
        }
        combined = next;
      }
      return [...(combined ?? [])]
        .sort(
          ([docA, a], [docB, b]) =>
            Number(b.label) - Number(a.label) || b.score - a.score || docA - docB,
        )
        .slice(0, limit)
        .map(([doc, hit]) => toResult(docs[doc] as Doc, hit.score, terms));
    },
  };
}
