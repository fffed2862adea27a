// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { useMemo, useReducer } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataset, getFindingsForTopic, getReport } from '@/src/data';
import { builtInCatalog } from '@/src/packs';
import { PopupView, type PopupViewProps } from '@/src/popup/PopupView';
import type { PopupActions } from '@/src/popup/types';
import { INITIAL_POPUP_UI, popupUiReducer } from '@/src/popup/ui-state';
import { createSearchIndex, type SearchResult } from '@/src/search';
import { formatCitation } from '@/src/ui/format';
import { catalogWithExample, exampleCatalogPack } from '../packs/support';
import { useEnglishMessages } from '../support/messages';

const [first, second] = dataset.topics;
if (!first || !second) throw new Error('the bundled data needs at least two topics');

beforeEach(useEnglishMessages);
afterEach(cleanup);

function fakeActions(): PopupActions {
  return {
    onQueryChange: vi.fn(),
    onMoveActive: vi.fn(),
    onActivate: vi.fn(),
    onOpenResult: vi.fn(),
    onCloseTopic: vi.fn(),
    onToggleExpanded: vi.fn(),
    onSetEnabled: vi.fn(),
    onSetTopicEnabled: vi.fn(),
    onJump: vi.fn(),
    onPauseSite: vi.fn(),
    onResumeSite: vi.fn(),
    onEnableSite: vi.fn(),
    onEnableAllSites: vi.fn(),
    onGrantSiteAccess: vi.fn(),
    onRevokeSite: vi.fn(),
    onRevokeAllSites: vi.fn(),
    onReload: vi.fn(),
    onOpenOptions: vi.fn(),
  };
}

function props(overrides: Partial<PopupViewProps> = {}): PopupViewProps {
  return {
    status: { kind: 'loading' },
    site: null,
    accessBanner: null,
    enabled: true,
    disabledTopics: [],
    notes: builtInCatalog(dataset),
    ui: INITIAL_POPUP_UI,
    results: [],
    jumps: {},
    notice: null,
    actions: fakeActions(),
    ...overrides,
  };
}

const found = (): PopupViewProps['status'] => ({
  kind: 'found',
  topics: [
    { topic: first.id, count: 3 },
    { topic: second.id, count: 1 },
  ],
  scanning: false,
});

/** axe-core on the popup. happy-dom computes no layout or colours, so 'color-contrast' is off here (tokens.css documents the measured ratios). */
async function axeViolations(container: Element) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

const pageList = () => screen.getByRole('list', { name: 'On this page' });

describe('PopupView states', () => {
  it('shows a loading state with search already usable', () => {
    render(<PopupView {...props()} />);
    expect(screen.getByRole('status').textContent).toContain('Looking for topics on this page');
    expect(screen.getByRole('combobox', { name: 'Search the notes' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'On this page' })).toBeNull();
  });

  it('says when extensions cannot run here, without site controls', () => {
    render(
      <PopupView
        {...props({ status: { kind: 'restricted' }, site: { site: 'x.org', access: 'none', paused: false } })}
      />,
    );
    expect(screen.getByText('Browsers don’t let extensions work on this page.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Enable on/ })).toBeNull();
    expect(screen.getByRole('combobox')).toBeTruthy();
  });

  it('offers to enable a site that is not enabled, and all sites', () => {
    const view = props({
      status: { kind: 'not-enabled', site: 'example.org' },
      site: { site: 'example.org', access: 'none', paused: false },
    });
    render(<PopupView {...view} />);
    expect(screen.getByText('Policy Lens isn’t enabled on example.org.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on example.org' }));
    expect(view.actions.onEnableSite).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Enable on all sites' }));
    expect(view.actions.onEnableAllSites).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Pause on this site' })).toBeNull();
  });

  it('shows a paused site with Resume', () => {
    const view = props({
      status: { kind: 'paused', site: 'nytimes.com' },
      site: { site: 'nytimes.com', access: 'built-in', paused: true },
    });
    render(<PopupView {...view} />);
    expect(screen.getAllByText('Paused on nytimes.com.').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(view.actions.onResumeSite).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Pause on this site' })).toBeNull();
  });

  it('pauses a running site and revokes a site the reader enabled', () => {
    const view = props({ status: found(), site: { site: 'example.org', access: 'site', paused: false } });
    render(<PopupView {...view} />);
    fireEvent.click(screen.getByRole('button', { name: 'Pause on this site' }));
    expect(view.actions.onPauseSite).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Turn off for example.org' }));
    expect(view.actions.onRevokeSite).toHaveBeenCalledTimes(1);
  });

  it('says when the URL is hidden and no content script answered, offering all sites', () => {
    const view = props({ status: { kind: 'unreachable' } });
    render(<PopupView {...view} />);
    expect(screen.getByText('Policy Lens can’t see this page.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enable on all sites' }));
    expect(view.actions.onEnableAllSites).toHaveBeenCalledTimes(1);
  });

  it('shows the master switch off and turns it on', () => {
    const view = props({ status: { kind: 'off' }, enabled: false });
    render(<PopupView {...view} />);
    const master = screen.getByRole('switch', { name: 'Mark topics on pages' }) as HTMLInputElement;
    expect(master.checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(view.actions.onSetEnabled).toHaveBeenCalledWith(true);
  });

  it('with no mentions, says so and opens the list of all topics', () => {
    render(<PopupView {...props({ status: { kind: 'no-mentions' } })} />);
    expect(screen.getByText('No topics found on this page.')).toBeTruthy();
    const details = screen.getByText(`All topics (${dataset.topics.length})`).closest('details');
    expect(details?.open).toBe(true);
    const all = screen.getByRole('list', { name: 'All topics' });
    expect(within(all).getAllByRole('listitem')).toHaveLength(dataset.topics.length);
  });

  it('lists the topics found with their mention counts, and keeps all topics folded', () => {
    render(<PopupView {...props({ status: found() })} />);
    const rows = within(pageList()).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain(first.label);
    expect(rows[0]?.textContent).toContain('3 mentions');
    expect(rows[1]?.textContent).toContain('1 mention');
    expect(screen.getByText(`All topics (${dataset.topics.length})`).closest('details')?.open).toBe(false);
  });

  it('flags a page still being scanned while showing what was found so far', () => {
    render(<PopupView {...props({ status: { ...found(), scanning: true } as PopupViewProps['status'] })} />);
    expect(screen.getByText(/Still reading this page/)).toBeTruthy();
    expect(within(pageList()).getAllByRole('listitem')).toHaveLength(2);
  });
});

describe('PopupView topics', () => {
  it('expands a topic on request', () => {
    const view = props({ status: found() });
    render(<PopupView {...view} />);
    const expand = within(pageList()).getAllByRole('button', { expanded: false })[0] as HTMLElement;
    fireEvent.click(expand);
    expect(view.actions.onToggleExpanded).toHaveBeenCalledWith(`page:${first.id}`);
  });

  it('shows every finding of an expanded topic with its citation and source link', () => {
    render(<PopupView {...props({ status: found(), ui: { ...INITIAL_POPUP_UI, expanded: [`page:${first.id}`] } })} />);
    const findings = getFindingsForTopic(first.id);
    const list = screen.getByRole('list', { name: `What the reports say about ${first.label}` });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(findings.length);
    const [finding] = findings;
    const report = getReport(finding!.citation.report)!;
    expect(items[0]?.textContent).toContain(finding!.text);
    expect(items[0]?.textContent).toContain(formatCitation(finding!.citation, report).replace(/^.*?, /, ''));
    const link = within(items[0] as HTMLElement).getByRole('link') as HTMLAnchorElement;
    expect(link.href).toBe(finding!.citation.url ?? report.url);
    expect(link.target).toBe('_blank');
  });

  it('jumps to mentions and says where the page is', () => {
    const view = props({
      status: found(),
      ui: { ...INITIAL_POPUP_UI, expanded: [`page:${first.id}`] },
      jumps: { [first.id]: { index: 1, total: 3 } },
    });
    render(<PopupView {...view} />);
    fireEvent.click(screen.getByRole('button', { name: 'Next mention' }));
    expect(view.actions.onJump).toHaveBeenCalledWith(first.id);
    expect(screen.getByText('2 of 3')).toBeTruthy();
  });

  it('cannot jump to a topic that is switched off', () => {
    render(
      <PopupView
        {...props({ status: found(), disabledTopics: [first.id], ui: { ...INITIAL_POPUP_UI, expanded: [`page:${first.id}`] } })}
      />,
    );
    expect((screen.getByRole('button', { name: 'Jump to mention' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('switches topics and the master switch', () => {
    const view = props({ status: found(), disabledTopics: [second.id] });
    render(<PopupView {...view} />);
    const topicSwitches = within(pageList()).getAllByRole('switch') as HTMLInputElement[];
    expect(topicSwitches.map((input) => input.checked)).toEqual([true, false]);
    fireEvent.click(topicSwitches[0]!);
    expect(view.actions.onSetTopicEnabled).toHaveBeenCalledWith(first.id, false);
    fireEvent.click(topicSwitches[1]!);
    expect(view.actions.onSetTopicEnabled).toHaveBeenCalledWith(second.id, true);
    fireEvent.click(screen.getByRole('switch', { name: 'Mark topics on pages' }));
    expect(view.actions.onSetEnabled).toHaveBeenCalledWith(false);
  });
});

const index = createSearchIndex(builtInCatalog(dataset));

/** The popup with the real reducer and search index, as the controller wires them. */
function SearchablePopup({ onOpened }: { onOpened: (result: SearchResult) => void }) {
  const [ui, dispatch] = useReducer(popupUiReducer, INITIAL_POPUP_UI);
  const results = useMemo(() => index.search(ui.query), [ui.query]);
  const actions: PopupActions = {
    ...fakeActions(),
    onQueryChange: (query) => dispatch({ type: 'query', query }),
    onMoveActive: (by) => dispatch({ type: 'move', by, count: results.length }),
    onActivate: (active) => dispatch({ type: 'activate', index: active }),
    onOpenResult: (at) => {
      const result = results[at]!;
      onOpened(result);
      dispatch({ type: 'open', topic: { topicId: result.topicId } });
    },
    onCloseTopic: () => dispatch({ type: 'close' }),
  };
  return <PopupView {...props({ status: { kind: 'no-mentions' }, ui, results, actions })} />;
}

describe('PopupView search', () => {
  it('shows results with the matched words in <mark> elements', () => {
    render(<SearchablePopup onOpened={vi.fn()} />);
    // A prefix, as while typing "treaty": every emphasised piece is exactly the typed part of a word.
    fireEvent.input(screen.getByRole('combobox'), { target: { value: 'Trea' } });
    const options = screen.getAllByRole('option');
    expect(options.length).toBe(index.search('trea').length);
    for (const option of options) {
      const marks = [...option.querySelectorAll('mark')].map((mark) => mark.textContent?.toLowerCase());
      expect(marks.length).toBeGreaterThan(0);
      expect(new Set(marks)).toEqual(new Set(['trea']));
    }
  });

  it('never parses result text as markup', () => {
    const hostile: SearchResult = {
      kind: 'topic',
      topicId: first.id,
      score: 1,
      label: [{ text: '<img src=x onerror=alert(1)>', match: true }],
      summary: [{ text: '<b>bold</b>', match: false }],
      terms: [],
    };
    const { container } = render(
      <PopupView {...props({ ui: { ...INITIAL_POPUP_UI, query: 'x', active: 0 }, results: [hostile] })} />,
    );
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByRole('option').textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('is driven by the keyboard: arrows move the active result, Enter opens it', () => {
    const onOpened = vi.fn();
    render(<SearchablePopup onOpened={onOpened} />);
    const field = screen.getByRole('combobox');
    fireEvent.input(field, { target: { value: 'treaty' } });
    const results = index.search('treaty');
    expect(results.length).toBeGreaterThan(2);
    const selected = () => screen.getAllByRole('option').findIndex((option) => option.getAttribute('aria-selected') === 'true');

    expect(selected()).toBe(0);
    expect(field.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(selected()).toBe(2);
    expect(field.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[2]!.id);
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    expect(selected()).toBe(1);
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    expect(selected()).toBe(results.length - 1);

    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onOpened).toHaveBeenCalledWith(results[results.length - 1]);
    const opened = results[results.length - 1]!;
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading.textContent).toBe(dataset.topics.find((topic) => topic.id === opened.topicId)?.label);
    expect(document.activeElement).toBe(heading);

    fireEvent.keyDown(heading, { key: 'Escape' });
    expect(screen.getAllByRole('option')).toHaveLength(results.length);
    expect(document.activeElement).toBe(field);
  });

  it('says when nothing matches, and Escape clears the query', () => {
    render(<SearchablePopup onOpened={vi.fn()} />);
    const field = screen.getByRole('combobox') as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'zzzqx' } });
    expect(screen.getByText('No notes match “zzzqx”.')).toBeTruthy();
    expect(field.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(field.value).toBe('');
    expect(screen.getByText('No topics found on this page.')).toBeTruthy();
  });
});

describe('PopupView accessibility', () => {
  it('has no axe violations with topics found, one expanded, and site controls', async () => {
    const { container } = render(
      <PopupView
        {...props({
          status: found(),
          site: { site: 'nytimes.com', access: 'built-in', paused: false },
          ui: { ...INITIAL_POPUP_UI, expanded: [`page:${first.id}`] },
          jumps: { [first.id]: { index: 0, total: 3 } },
        })}
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('has no axe violations in the empty and blocked states', async () => {
    for (const status of [{ kind: 'no-mentions' }, { kind: 'restricted' }, { kind: 'unreachable' }] as const) {
      const { container, unmount } = render(<PopupView {...props({ status })} />);
      expect(await axeViolations(container), status.kind).toEqual([]);
      unmount();
    }
    const { container } = render(
      <PopupView
        {...props({
          status: { kind: 'not-enabled', site: 'example.org' },
          site: { site: 'example.org', access: 'none', paused: false },
          notice: 'Permission was not granted.',
        })}
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('has no axe violations with search results and with a topic opened from search', async () => {
    const results = index.search('treaty');
    const { container, unmount } = render(
      <PopupView {...props({ ui: { ...INITIAL_POPUP_UI, query: 'treaty', active: 1 }, results })} />,
    );
    expect(await axeViolations(container)).toEqual([]);
    unmount();
    const opened = render(
      <PopupView
        {...props({
          status: found(),
          ui: { ...INITIAL_POPUP_UI, query: 'treaty', active: 0, open: { topicId: first.id } },
          results,
        })}
      />,
    );
    expect(await axeViolations(opened.container)).toEqual([]);
  });
});

describe('PopupView with an imported note pack', () => {
  const notes = catalogWithExample();
  const example = exampleCatalogPack().meta;
  const nato = notes.getTopic('us-collective-defense/nato')!;
  const withPack = (overrides: Partial<PopupViewProps> = {}) => props({ notes, ...overrides });
  const foundWithPack = (): PopupViewProps['status'] => ({
    kind: 'found',
    topics: [
      { topic: first.id, count: 3 },
      { topic: nato.id, count: 2 },
    ],
    scanning: false,
  });
  const rowLabels = (list: HTMLElement) =>
    within(list)
      .getAllByRole('listitem')
      .map((row) => [row.querySelector('.pl-topic__label')?.textContent, row.querySelector('.pl-topic__pack')?.textContent ?? null]);

  it('lists the page\'s topics of every pack, naming the pack of imported ones', () => {
    render(<PopupView {...withPack({ status: foundWithPack() })} />);
    expect(rowLabels(pageList())).toEqual([
      [first.label, null],
      [nato.label, `From ${example.name}`],
    ]);
    expect(screen.getByText(`All topics (${dataset.topics.length + 6})`)).toBeTruthy();
  });

  it('lists every topic of every pack that is on under All topics', () => {
    render(<PopupView {...withPack({ status: { kind: 'no-mentions' } })} />);
    const all = screen.getByRole('list', { name: 'All topics' });
    const labels = rowLabels(all);
    expect(labels).toHaveLength(dataset.topics.length + 6);
    expect(labels.filter(([, pack]) => pack !== null)).toHaveLength(6);
  });

  it('shows an expanded topic\'s findings under the line of their pack, with their sources', () => {
    render(
      <PopupView {...withPack({ status: foundWithPack(), ui: { ...INITIAL_POPUP_UI, expanded: [`page:${nato.id}`, `page:${first.id}`] } })} />,
    );
    const natoList = screen.getByRole('list', { name: `What the reports say about ${nato.label}` });
    const natoBody = natoList.closest('.pl-topic-body') as HTMLElement;
    expect(natoBody.querySelector('.pl-pack-line')?.textContent).toBe(
      `From ${example.name} · ${example.publisher} — ${example.publisherNote}`,
    );
    const items = within(natoList).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.findingId)).toEqual(['us-collective-defense/nato-article-5', 'us-collective-defense/nato-founding']);
    expect(items[0]?.querySelector('.pl-finding__citation')?.textContent).toBe('North Atlantic Treaty, April 1949 · Article 5');
    expect((within(items[0]!).getByRole('link') as HTMLAnchorElement).href).toBe('https://www.nato.int/cps/en/natohq/official_texts_17120.htm');
    expect(natoBody.querySelector('.pl-source-line')?.textContent).toContain('NATO');
    // With an imported pack on, built-in findings name their pack too.
    const builtInBody = screen.getByRole('list', { name: `What the reports say about ${first.label}` }).closest('.pl-topic-body') as HTMLElement;
    expect(builtInBody.querySelector('.pl-pack-line')?.textContent).toMatch(new RegExp(`^From ${dataset.pack.name} · `));
  });

  it('switches an imported topic by its namespaced id', () => {
    const view = withPack({ status: foundWithPack(), disabledTopics: [nato.id] });
    render(<PopupView {...view} />);
    const natoSwitch = within(pageList()).getByRole('switch', { name: `Mark “${nato.label}” on pages` }) as HTMLInputElement;
    expect(natoSwitch.checked).toBe(false);
    fireEvent.click(natoSwitch);
    expect(view.actions.onSetTopicEnabled).toHaveBeenCalledWith(nato.id, true);
  });

  it('finds topics of both packs in search, naming the imported pack, and opens an imported topic', () => {
    const results = createSearchIndex(notes).search('ANZUS');
    const { rerender } = render(<PopupView {...withPack({ ui: { ...INITIAL_POPUP_UI, query: 'ANZUS', active: 0 }, results })} />);
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.querySelector('.pl-result__pack')?.textContent ?? null)).toEqual([`From ${example.name}`, null]);
    expect(options[0]?.querySelector('.pl-result__kind')?.textContent).toBe('Topic');

    rerender(
      <PopupView
        {...withPack({ ui: { ...INITIAL_POPUP_UI, query: 'ANZUS', active: 0, open: { topicId: 'us-collective-defense/anzus' } }, results })}
      />,
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('ANZUS (1951)');
    expect(document.querySelector('.pl-detail .pl-pack-line')?.textContent).toMatch(new RegExp(`^From ${example.name} · `));
  });

  it('names the topic and pack of a finding from an imported pack', () => {
    const results = createSearchIndex(notes).search('twelve countries');
    render(<PopupView {...withPack({ ui: { ...INITIAL_POPUP_UI, query: 'twelve countries', active: 0 }, results })} />);
    const [option] = screen.getAllByRole('option');
    expect(option?.querySelector('.pl-result__kind')?.textContent).toBe(`Finding · ${nato.label}`);
    expect(option?.querySelector('.pl-result__pack')?.textContent).toBe(`From ${example.name}`);
  });

  it('shows neither topic list while the notes are loading', () => {
    render(<PopupView {...props({ status: foundWithPack(), notes: null })} />);
    expect(screen.queryByRole('list', { name: 'On this page' })).toBeNull();
    expect(screen.queryByText(/^All topics/)).toBeNull();
    expect(screen.getByRole('combobox')).toBeTruthy();
  });

  it('has no axe violations with imported topics expanded and in search results', async () => {
    const { container, unmount } = render(
      <PopupView {...withPack({ status: foundWithPack(), ui: { ...INITIAL_POPUP_UI, expanded: [`page:${nato.id}`] } })} />,
    );
    expect(await axeViolations(container)).toEqual([]);
    unmount();
    const results = createSearchIndex(notes).search('treaty');
    const searched = render(<PopupView {...withPack({ ui: { ...INITIAL_POPUP_UI, query: 'treaty', active: 0 }, results })} />);
    expect(await axeViolations(searched.container)).toEqual([]);
  });
});
