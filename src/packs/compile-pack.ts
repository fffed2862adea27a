/**
 * A checked note pack made ready to keep: its ids put in its own namespace
 * (`<pack id>/<id>`, which no other pack and no built-in id can spell, since
 * ids never contain "/"), its matcher compiled by the same compiler as the
 * build, and its counts for the options page. What a page loads of it is the
 * shipped tables; the notes themselves are read only when a card opens.
 */
import { matcherSourceOf } from '@/src/data';
import type { Dataset, PackMeta } from '@/src/data';
import { compileMatcherTables, shipMatcher, type ShippedMatcher } from '@/src/matching/index';

/** How much a pack holds, for the reader to see before and after importing it. */
export interface PackCounts {
  topics: number;
  terms: number;
  findings: number;
}

/** A pack as it is kept: metadata, counts, its notes (namespaced) and its compiled tables. */
export interface CompiledPack {
  meta: PackMeta;
  counts: PackCounts;
  /** The notes with every id in the pack's namespace: what cards, the popup and search read. */
  notes: Dataset;
  /** What the content script loads. */
  tables: ShippedMatcher;
}

/** An id in the pack's namespace. */
export function namespacedId(packId: string, id: string): string {
  return `${packId}/${id}`;
}

/** The pack id of a namespaced id, or undefined for a built-in id (which has no "/"). */
export function packOfId(id: string): string | undefined {
  const slash = id.indexOf('/');
  return slash < 0 ? undefined : id.slice(0, slash);
}

export function countsOf(pack: Dataset): PackCounts {
  return {
    topics: pack.topics.length,
    terms: pack.topics.reduce((total, topic) => total + topic.terms.length, 0),
    findings: pack.findings.length,
  };
}

/**
 * Puts every id a page or the popup can see (topics, other readings,
 * findings, reports and the references between them) in the pack's
 * namespace. Context rules and word lists stay as they are: they are
 * compiled into this pack's own tables and never meet another pack's.
 */
export function namespacePack(pack: Dataset): Dataset {
  const id = (local: string) => namespacedId(pack.pack.id, local);
  return {
    ...pack,
    reports: pack.reports.map((report) => ({ ...report, id: id(report.id) })),
    topics: pack.topics.map((topic) => ({ ...topic, id: id(topic.id) })),
    otherReadings: pack.otherReadings.map((reading) => ({ ...reading, id: id(reading.id) })),
    findings: pack.findings.map((finding) => ({
      ...finding,
      id: id(finding.id),
      topics: finding.topics.map(id),
      citation: { ...finding.citation, report: id(finding.citation.report) },
    })),
  };
}

/**
 * The pack as its author wrote it, from its namespaced notes: the inverse of
 * `namespacePack`. What is kept of a pack is its compiled notes, not its
 * file; this gives back a pack that `checkPack` accepts and that compiles to
 * the same notes, so a kept pack can travel in a settings file.
 */
export function packSourceOf(notes: Dataset): Dataset {
  const prefix = namespacedId(notes.pack.id, '');
  const local = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  return {
    ...notes,
    reports: notes.reports.map((report) => ({ ...report, id: local(report.id) })),
    topics: notes.topics.map((topic) => ({ ...topic, id: local(topic.id) })),
    otherReadings: notes.otherReadings.map((reading) => ({ ...reading, id: local(reading.id) })),
    findings: notes.findings.map((finding) => ({
      ...finding,
      id: local(finding.id),
      topics: finding.topics.map(local),
      citation: { ...finding.citation, report: local(finding.citation.report) },
    })),
  };
}

/** Compiles a checked pack (see `checkPack`); the built-in pack keeps its ids as they are. */
export function compilePack(pack: Dataset, options: { builtIn?: boolean } = {}): CompiledPack {
  const notes = options.builtIn ? pack : namespacePack(pack);
  return {
    meta: pack.pack,
    counts: countsOf(pack),
    notes,
    tables: shipMatcher(compileMatcherTables(matcherSourceOf(notes))),
  };
}
