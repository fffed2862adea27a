// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FindingItem, FindingList, moreFindingsLabel, publishersOf, ReportSourceLine } from '@/src/ui/findings';
import { formatCitation, formatReportDate, sourceUrl } from '@/src/ui/format';
import { findingsAbout, getReport, report2023, report2024, treatyTopic } from '../support/card-fixtures';
import { useEnglishMessages } from '../support/messages';

beforeEach(useEnglishMessages);
afterEach(cleanup);

describe('format', () => {
  it('writes report dates as "Month YYYY"', () => {
    expect(formatReportDate('2023-09')).toBe('September 2023');
    expect(formatReportDate('2024-10-02')).toBe('October 2024');
    expect(formatReportDate('2019-01')).toBe('January 2019');
    expect(formatReportDate('2019-13')).toBe('2019-13');
    expect(formatReportDate('soon')).toBe('soon');
  });

  it('writes the citation line "<shortTitle>, <Month YYYY> · <part>"', () => {
    expect(formatCitation({ part: 'Treaty scope' }, report2024)).toBe('By Itself, With U.S., October 2024 · Treaty scope');
  });

  it('links a finding to its own page before its report', () => {
    expect(sourceUrl({ url: 'https://jinsa.org/x' }, report2023)).toBe('https://jinsa.org/x');
    expect(sourceUrl({}, report2023)).toBe(report2023.url);
    expect(sourceUrl({}, undefined)).toBeUndefined();
  });

  it('counts more findings in words', () => {
    expect(moreFindingsLabel(1)).toBe('1 more finding');
    expect(moreFindingsLabel(4)).toBe('4 more findings');
  });
});

describe('FindingItem', () => {
  it('shows figure, text, citation and a new-tab source link with a descriptive name', () => {
    const [base] = findingsAbout(treatyTopic, 1);
    const finding = { ...base!, figure: '52 treaty allies', citation: { ...base!.citation, url: 'https://jinsa.org/watch-webinar-mdp-report-rollout/' } };
    const { container } = render(<FindingItem finding={finding} report={report2023} as="div" />);
    expect(container.querySelector('.pl-finding__figure')?.textContent).toBe('52 treaty allies');
    expect(container.querySelector('.pl-finding__citation')?.textContent).toBe('From Partner to Ally, September 2023 · Key findings');
    // The arrow is decoration (aria-hidden); the name says which source, and that it opens a tab.
    const link = screen.getByRole('link', { name: 'Source: From Partner to Ally, September 2023 · Key findings (opens in a new tab)' });
    expect(link.getAttribute('href')).toBe('https://jinsa.org/watch-webinar-mdp-report-rollout/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.querySelector('[aria-hidden="true"]')?.textContent).toBe('\u00a0↗');
  });

  it('shows the report\'s source note only when asked', () => {
    const [finding] = findingsAbout(treatyTopic, 1);
    const withNote = { ...report2023, sourceNote: 'No stable address is known for the report itself.' };
    const { container, rerender } = render(<FindingItem finding={finding!} report={withNote} as="div" />);
    expect(container.textContent).not.toContain('No stable address');
    rerender(<FindingItem finding={finding!} report={withNote} as="div" showSourceNote />);
    expect(container.querySelector('.pl-finding__source-note')?.textContent).toBe('No stable address is known for the report itself.');
  });

  it('still shows the part when the report is unknown, without a link', () => {
    const [finding] = findingsAbout(treatyTopic, 1);
    const { container } = render(<FindingItem finding={{ ...finding!, citation: { report: 'gone', part: 'Annex' } }} report={undefined} as="div" />);
    expect(container.querySelector('.pl-finding__citation')?.textContent).toBe('Annex');
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('FindingList', () => {
  it('lists findings up to a limit, named for assistive tech, with no axe violations', async () => {
    const { container } = render(
      <FindingList findings={findingsAbout(treatyTopic, 4)} limit={2} getReport={getReport} label="What the reports say" id="list" />,
    );
    const list = screen.getByRole('list', { name: 'What the reports say' });
    expect(list.id).toBe('list');
    expect(screen.getAllByRole('listitem').map((item) => item.dataset.findingId)).toEqual([
      'mutual-defense-treaty-finding-1',
      'mutual-defense-treaty-finding-2',
    ]);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations).toEqual([]);
  });

  it('renders nothing for no findings', () => {
    const { container } = render(<FindingList findings={[]} getReport={getReport} />);
    expect(container.childElementCount).toBe(0);
  });
});

describe('ReportSourceLine and publishersOf', () => {
  it('says who the publisher is and where it stands', () => {
    const { container } = render(<ReportSourceLine report={report2023} />);
    expect(container.textContent).toBe(`Source: JINSA — ${report2023.publisherNote}`);
  });

  it('lists each publisher once, in first-cited order', () => {
    const other = { ...report2024, id: 'other', publisher: 'Other Institute' };
    const lookup = (id: string) => (id === 'other' ? other : getReport(id));
    const findings = [...findingsAbout(treatyTopic, 3), { ...findingsAbout(treatyTopic, 1)[0]!, citation: { report: 'other', part: 'x' } }];
    expect(publishersOf(findings, lookup).map((report) => report.publisher)).toEqual(['JINSA', 'Other Institute']);
  });
});
