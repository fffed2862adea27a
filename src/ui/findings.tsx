/**
 * Pure components that show what a report says and where to check it. Shared
 * by the hover card, the popup's topic view and the options page.
 *
 * Styles: import `@/src/ui/tokens.css` and `@/src/ui/components.css` in the
 * page (the card inlines them into its shadow root). Every string shown comes
 * from data or `_locales` and is rendered as text, never as markup.
 */
import type { Finding, PackMeta, Report } from '@/src/data';
import { getReport as lookUpReport } from '@/src/data';
import { formatCitation, formatReportDate, sourceUrl } from './format';
import { t } from './i18n';

/** Resolves a report id to its report; defaults to the bundled data. */
export type ReportLookup = (reportId: string) => Report | undefined;

/** What a view says of the note pack a finding comes from. */
export type PackAttribution = Pick<PackMeta, 'id' | 'name' | 'publisher' | 'publisherNote'>;

/** The pack a finding (or topic) id comes from; undefined names none. */
export type PackLookup = (id: string) => PackAttribution | undefined;

/** Props of {@link FindingItem}. */
export interface FindingItemProps {
  finding: Finding;
  /** The cited report; looked up in the bundled data when omitted. */
  report?: Report;
  /** Also show the report's `sourceNote` (why the link is not the report itself). Default false. */
  showSourceNote?: boolean;
  /** Element to render: 'li' (default, inside a list) or 'div' (standalone). */
  as?: 'li' | 'div';
}

/**
 * One finding: its figure (if any), its text, the citation line
 * "<shortTitle>, <Month YYYY> · <part>" and a link to the source (new tab).
 */
export function FindingItem({ finding, report, showSourceNote = false, as: Tag = 'li' }: FindingItemProps) {
  const cited = report ?? lookUpReport(finding.citation.report);
  const href = sourceUrl(finding.citation, cited);
  return (
    <Tag class="pl-finding" data-finding-id={finding.id}>
      {finding.figure ? <p class="pl-finding__figure">{finding.figure}</p> : null}
      <p class="pl-finding__text">{finding.text}</p>
      <p class="pl-finding__meta">
        <span class="pl-finding__citation">
          {cited ? (
            <>
              <cite>{cited.shortTitle}</cite>, {formatReportDate(cited.date)} · {finding.citation.part}
            </>
          ) : (
            finding.citation.part
          )}
        </span>
        {href ? (
          <>
            <span class="pl-finding__separator" aria-hidden="true">
              ·
            </span>
            <a
              class="pl-finding__source"
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              // The name starts with the visible word, then says which source and that it opens a tab.
              aria-label={t('uiSourceLinkLabel', cited ? formatCitation(finding.citation, cited) : finding.citation.part)}
            >
              {t('uiSourceLink')}
              <span class="pl-finding__arrow" aria-hidden="true">
                {'\u00a0↗'}
              </span>
            </a>
          </>
        ) : null}
      </p>
      {showSourceNote && cited?.sourceNote ? <p class="pl-finding__source-note">{cited.sourceNote}</p> : null}
    </Tag>
  );
}

/** Props of {@link FindingList}. */
export interface FindingListProps {
  findings: readonly Finding[];
  /** Show only the first `limit` findings (the caller shows "N more"). Default: all. */
  limit?: number;
  /** Resolves cited reports; defaults to the bundled data. */
  getReport?: ReportLookup;
  /** Passed to every {@link FindingItem}. */
  showSourceNotes?: boolean;
  /** Accessible name of the list, e.g. "What the reports say". */
  label?: string;
  /** DOM id, so a "more" button can point at the list with aria-controls. */
  id?: string;
}

/** A list of findings, each with its citation and source link. Renders nothing for an empty list. */
export function FindingList({
  findings,
  limit,
  getReport = lookUpReport,
  showSourceNotes = false,
  label,
  id,
}: FindingListProps) {
  const shown = limit === undefined ? findings : findings.slice(0, Math.max(0, limit));
  if (shown.length === 0) return null;
  return (
    <ul class="pl-finding-list" aria-label={label} id={id}>
      {shown.map((finding) => (
        <FindingItem
          key={finding.id}
          finding={finding}
          report={getReport(finding.citation.report)}
          showSourceNote={showSourceNotes}
        />
      ))}
    </ul>
  );
}

/** Props of {@link ReportSourceLine}. */
export interface ReportSourceLineProps {
  report: Pick<Report, 'publisher' | 'publisherNote'>;
  /** Lead-in before the publisher's name. Default: "Source:" (`uiSourceLead`). */
  lead?: string;
}

/** One line on who published the cited reports and where it stands, e.g. "Source: JINSA — a Washington think tank …". */
export function ReportSourceLine({ report, lead = t('uiSourceLead') }: ReportSourceLineProps) {
  return (
    <p class="pl-source-line">
      <span class="pl-source-line__lead">{lead}</span> <strong class="pl-source-line__publisher">{report.publisher}</strong>
      {' — '}
      {report.publisherNote}
    </p>
  );
}

/** The "N more findings" label: "1 more finding", "4 more findings". */
export function moreFindingsLabel(count: number): string {
  return count === 1 ? t('uiMoreFindingsOne') : t('uiMoreFindingsMany', String(count));
}

/** The reports behind these findings with one per publisher, in first-cited order (for one {@link ReportSourceLine} each). */
export function publishersOf(findings: readonly Finding[], getReport: ReportLookup = lookUpReport): Report[] {
  const byPublisher = new Map<string, Report>();
  for (const finding of findings) {
    const report = getReport(finding.citation.report);
    if (report && !byPublisher.has(report.publisher)) byPublisher.set(report.publisher, report);
  }
  return [...byPublisher.values()];
}

/**
 * Whether notes must say which pack they come from: when they come from more
 * than one pack, or from a pack the reader imported. The built-in notes alone
 * need no such line (their sources' line says who is behind them).
 */
export function mustNamePacks(packs: readonly { meta: { id: string }; builtIn: boolean }[]): boolean {
  return new Set(packs.map((pack) => pack.meta.id)).size > 1 || packs.some((pack) => !pack.builtIn);
}

/** Props of {@link PackLine}. */
export interface PackLineProps {
  pack: PackAttribution;
}

/** One line on the pack some findings come from: "From <name> · <publisher> — <publisher's line>". */
export function PackLine({ pack }: PackLineProps) {
  return (
    <p class="pl-pack-line" data-pack-id={pack.id}>
      <span class="pl-pack-line__lead">{t('uiPackLead')}</span> <strong class="pl-pack-line__name">{pack.name}</strong>
      {' · '}
      <span class="pl-pack-line__publisher">{pack.publisher}</span>
      {' — '}
      {pack.publisherNote}
    </p>
  );
}

/** Findings of one pack, in the order they were given. */
export interface PackFindingGroup {
  /** Undefined for findings whose pack is unknown: they are shown without a pack line. */
  pack: PackAttribution | undefined;
  findings: Finding[];
}

/** Findings grouped by the pack they come from, packs in first-shown order, each group's findings in their order. */
export function groupFindingsByPack(findings: readonly Finding[], packOf: PackLookup): PackFindingGroup[] {
  const groups = new Map<string | undefined, PackFindingGroup>();
  for (const finding of findings) {
    const pack = packOf(finding.id);
    const group = groups.get(pack?.id) ?? { pack, findings: [] };
    group.findings.push(finding);
    groups.set(pack?.id, group);
  }
  return [...groups.values()];
}

/** Props of {@link FindingsByPack}. */
export interface FindingsByPackProps extends FindingListProps {
  /** Which pack each finding comes from. */
  packOf: PackLookup;
}

/**
 * Findings under the line of the pack they come from, one group per pack:
 * for views that show notes of several packs, or of an imported one. `id`
 * names the whole (so a "more" button can control it); `limit` counts over
 * every group.
 */
export function FindingsByPack({ findings, limit, packOf, getReport, showSourceNotes, label, id }: FindingsByPackProps) {
  const shown = limit === undefined ? findings : findings.slice(0, Math.max(0, limit));
  if (shown.length === 0) return null;
  return (
    <div class="pl-pack-groups" id={id}>
      {groupFindingsByPack(shown, packOf).map((group) => (
        <div class="pl-pack-group" key={group.pack?.id ?? ''}>
          {group.pack ? <PackLine pack={group.pack} /> : null}
          <FindingList findings={group.findings} getReport={getReport} showSourceNotes={showSourceNotes} label={label} />
        </div>
      ))}
    </div>
  );
}
