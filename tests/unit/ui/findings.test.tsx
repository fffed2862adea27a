// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FindingItem,
  FindingList,
  FindingsByPack,
  groupFindingsByPack,
  moreFindingsLabel,
  mustNamePacks,
  PackLine,
  publishersOf,
  ReportSourceLine,
  type PackAttribution,
} from '@/src/ui/findings';
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

  it('links only to https addresses, falling back from a finding\'s own page to its report\'s', () => {
    expect(sourceUrl({ url: 'javascript:alert(1)' }, report2023)).toBe(report2023.url);
    expect(sourceUrl({ url: 'http://jinsa.org/x' }, { url: 'data:text/html,x' })).toBeUndefined();
    expect(sourceUrl({}, { url: 'HTTPS://example.org/' })).toBeUndefined();
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

  it('shows no link where neither the finding nor its report has an https address', () => {
    const [finding] = findingsAbout(treatyTopic, 1);
    const { container } = render(
      <FindingItem
        finding={{ ...finding!, citation: { ...finding!.citation, url: 'javascript:alert(1)' } }}
        report={{ ...report2023, url: 'http://jinsa.org/report' }}
        as="div"
      />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('.pl-finding__citation')?.textContent).toBe('From Partner to Ally, September 2023 · Key findings');
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

describe('pack lines', () => {
  const builtIn = { meta: { id: 'jinsa-treaty-notes' }, builtIn: true };
  const imported = { meta: { id: 'us-collective-defense' }, builtIn: false };
  const pack: PackAttribution = {
    id: 'us-collective-defense',
    name: 'U.S. collective defense treaties',
    publisher: 'Policy Lens example',
    publisherNote: 'An example pack.',
  };

  it('are needed with notes of several packs or of an imported one, not with the built-in notes alone', () => {
    expect(mustNamePacks([])).toBe(false);
    expect(mustNamePacks([builtIn])).toBe(false);
    expect(mustNamePacks([builtIn, builtIn])).toBe(false);
    expect(mustNamePacks([imported])).toBe(true);
    expect(mustNamePacks([builtIn, imported])).toBe(true);
  });

  it('say which pack, who publishes it and where they stand', () => {
    const { container } = render(<PackLine pack={pack} />);
    expect(container.textContent).toBe('From U.S. collective defense treaties · Policy Lens example — An example pack.');
    expect(container.querySelector('.pl-pack-line')?.getAttribute('data-pack-id')).toBe('us-collective-defense');
  });

  it('group findings by pack in first-shown order, keeping each group\'s order', () => {
    const findings = findingsAbout(treatyTopic, 4);
    const other: PackAttribution = { ...pack, id: 'other', name: 'Other' };
    const groups = groupFindingsByPack(findings, (id) => (id.endsWith('-2') || id.endsWith('-4') ? other : id.endsWith('-3') ? undefined : pack));
    expect(groups.map((group) => [group.pack?.id, group.findings.map((finding) => finding.id.slice(-1))])).toEqual([
      ['us-collective-defense', ['1']],
      ['other', ['2', '4']],
      [undefined, ['3']],
    ]);
  });

  it('head each pack\'s list, with no line for findings of no known pack, and no axe violations', async () => {
    const findings = findingsAbout(treatyTopic, 3);
    const { container } = render(
      <FindingsByPack findings={findings} getReport={getReport} packOf={(id) => (id.endsWith('-3') ? undefined : pack)} label="What the reports say" id="groups" />,
    );
    expect(container.querySelector('#groups')?.classList.contains('pl-pack-groups')).toBe(true);
    expect(container.querySelectorAll('.pl-pack-line')).toHaveLength(1);
    expect(screen.getAllByRole('list', { name: 'What the reports say' })).toHaveLength(2);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations).toEqual([]);
  });
});
