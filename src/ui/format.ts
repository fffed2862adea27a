/**
 * Text formatting shared by every view that cites a report. Pure: no DOM, no
 * locale lookups, so a citation reads the same in every browser and test (the
 * reports and their citations are in English, so month names are too).
 */
import type { Citation, Report } from '@/src/data';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2023-09" or "2023-09-20" → "September 2023"; anything else is returned unchanged. */
export function formatReportDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : isoDate;
}

/** The citation line: "<report shortTitle>, <Month YYYY> · <part>". */
export function formatCitation(citation: Pick<Citation, 'part'>, report: Pick<Report, 'shortTitle' | 'date'>): string {
  return `${report.shortTitle}, ${formatReportDate(report.date)} · ${citation.part}`;
}

/** Whether a link may be shown: https only, whatever the notes say (imported packs are checked for it, and this holds even if a stored one was changed). */
export function isHttpsUrl(url: string | undefined): url is string {
  return typeof url === 'string' && url.startsWith('https:');
}

/** Where a finding can be checked: its own page if it has one, else its report's; only ever an https address. */
export function sourceUrl(citation: Pick<Citation, 'url'>, report: Pick<Report, 'url'> | undefined): string | undefined {
  return [citation.url, report?.url].find(isHttpsUrl);
}
