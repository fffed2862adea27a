// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardView, FINDINGS_SHOWN, type CardViewProps } from '@/src/card/CardView';
import type { PackAttribution, PackLookup } from '@/src/ui/findings';
import { cardTopic, findingsAbout, getReport, iranTopic, treatyTopic } from '../support/card-fixtures';
import { useEnglishMessages } from '../support/messages';

beforeEach(useEnglishMessages);
afterEach(cleanup);

function props(overrides: Partial<CardViewProps> = {}): CardViewProps {
  return {
    idPrefix: 'card',
    topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 2))],
    matchedText: 'mutual defence pact',
    activeTopicId: treatyTopic.id,
    expanded: false,
    pinned: false,
    getReport,
    onSelectTopic: vi.fn(),
    onToggleExpanded: vi.fn(),
    onPin: vi.fn(),
    onClose: vi.fn(),
    onSetTopicEnabled: vi.fn(),
    onOpenSettings: vi.fn(),
    ...overrides,
  };
}

/** axe-core on the rendered card. happy-dom computes no layout or colours, so 'color-contrast' is off here (tokens.css documents the measured ratios). */
async function axeViolations(container: Element) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

describe('CardView', () => {
  it('shows the topic, its note, the matched text, findings with citations and the source', () => {
    render(<CardView {...props()} />);
    const dialog = screen.getByRole('dialog', { name: treatyTopic.label });
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe(treatyTopic.label);
    expect(dialog.textContent).toContain(treatyTopic.summary);
    expect(screen.getByText(/^Matched:/).textContent).toBe('Matched: mutual defence pact');
    expect(dialog.querySelector('q')?.textContent).toBe('mutual defence pact');

    const items = within(dialog).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.querySelector('.pl-finding__citation')?.textContent).toBe('From Partner to Ally, September 2023 · Key findings');
    expect(items[1]?.querySelector('.pl-finding__citation')?.textContent).toBe('By Itself, With U.S., October 2024 · Treaty scope');

    const source = within(items[0] as HTMLElement).getByRole('link');
    expect(source.getAttribute('href')).toBe('https://jinsa.org/media_category/us-israel-mutual-defense-treaty/');
    expect(source.getAttribute('target')).toBe('_blank');
    expect(source.getAttribute('rel')).toBe('noopener noreferrer');

    // One line on the publisher, even though both reports are JINSA's.
    const sourceLines = dialog.querySelectorAll('.pl-source-line');
    expect(sourceLines).toHaveLength(1);
    expect(sourceLines[0]?.textContent).toContain('JINSA');
    expect(sourceLines[0]?.textContent).toContain('advocated a U.S.-Israel defense treaty since 2018');
    expect(screen.queryByRole('button', { name: /more finding/ })).toBeNull();
    // Without a pack lookup (the built-in notes alone) no finding names a pack.
    expect(dialog.querySelector('.pl-pack-line')).toBeNull();
  });

  it('has no axe violations, collapsed, expanded and with several topics', async () => {
    const { container, rerender } = render(
      <CardView {...props({ topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 5))] })} />,
    );
    expect(await axeViolations(container)).toEqual([]);

    rerender(<CardView {...props({ topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 5))], expanded: true, pinned: true })} />);
    expect(await axeViolations(container)).toEqual([]);

    rerender(
      <CardView
        {...props({
          topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 4)), cardTopic(iranTopic, [], true)],
          activeTopicId: iranTopic.id,
        })}
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it(`shows the first ${FINDINGS_SHOWN} findings and "N more findings", which expands the list`, () => {
    const onToggleExpanded = vi.fn();
    const topics = [cardTopic(treatyTopic, findingsAbout(treatyTopic, 5))];
    const { rerender } = render(<CardView {...props({ topics, onToggleExpanded })} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(FINDINGS_SHOWN);
    const more = screen.getByRole('button', { name: '2 more findings' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.getAttribute('aria-controls')).toBe(screen.getByRole('list').id);
    fireEvent.click(more);
    expect(onToggleExpanded).toHaveBeenCalledTimes(1);

    rerender(<CardView {...props({ topics, onToggleExpanded, expanded: true })} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(screen.getByRole('button', { name: 'Show fewer findings' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('says "1 more finding" in the singular', () => {
    render(<CardView {...props({ topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, FINDINGS_SHOWN + 1))] })} />);
    expect(screen.getByRole('button', { name: '1 more finding' })).toBeTruthy();
  });

  it('shows every topic of a mention that names several, as tabs', () => {
    const onSelectTopic = vi.fn();
    render(
      <CardView
        {...props({
          topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 1)), cardTopic(iranTopic, findingsAbout(iranTopic, 2))],
          activeTopicId: iranTopic.id,
          onSelectTopic,
        })}
      />,
    );
    expect(screen.getByRole('dialog').getAttribute('aria-labelledby')).toBe('card-matched');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([treatyTopic.label, iranTopic.label]);
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([-1, 0]);
    const panel = screen.getByRole('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[1]?.id);
    expect(panel.textContent).toContain(iranTopic.summary);
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);

    fireEvent.click(tabs[0] as HTMLElement);
    expect(onSelectTopic).toHaveBeenLastCalledWith(treatyTopic.id);
    fireEvent.keyDown(tabs[1] as HTMLElement, { key: 'ArrowRight' });
    expect(onSelectTopic).toHaveBeenLastCalledWith(treatyTopic.id);
    fireEvent.keyDown(tabs[1] as HTMLElement, { key: 'Home' });
    expect(onSelectTopic).toHaveBeenLastCalledWith(treatyTopic.id);
    expect(document.activeElement).toBe(tabs[0]);
  });

  it('renders page text and data as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const [finding] = findingsAbout(treatyTopic, 1);
    const topics = [cardTopic({ ...treatyTopic, label: `<b>${hostile}</b>`, summary: hostile }, [{ ...finding!, text: hostile, figure: hostile }])];
    const { container } = render(<CardView {...props({ topics, matchedText: hostile })} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('.pl-finding__text')?.textContent).toBe(hostile);
    expect(container.querySelector('q')?.textContent).toBe(hostile);
    expect(container.querySelector('h2')?.textContent).toBe(`<b>${hostile}</b>`);
  });

  it('wires the controls: pin, close, turn the topic off and on, settings', () => {
    const callbacks = props();
    const { rerender } = render(<CardView {...callbacks} />);
    const pin = screen.getByRole('button', { name: 'Keep this card open' });
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(pin);
    expect(callbacks.onPin).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(callbacks.onClose).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(callbacks.onOpenSettings).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Turn off this topic' }));
    expect(callbacks.onSetTopicEnabled).toHaveBeenLastCalledWith(treatyTopic.id, false);

    rerender(<CardView {...callbacks} pinned topics={[cardTopic(treatyTopic, findingsAbout(treatyTopic, 2), true)]} />);
    expect(screen.getByRole('button', { name: 'Keep this card open' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('Turned off everywhere.');
    fireEvent.click(screen.getByRole('button', { name: 'Turn back on' }));
    expect(callbacks.onSetTopicEnabled).toHaveBeenLastCalledWith(treatyTopic.id, true);
  });

  it('says so when a topic has no findings yet', () => {
    render(<CardView {...props({ topics: [cardTopic(treatyTopic, [])] })} />);
    expect(screen.getByText('No findings are recorded for this topic yet.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  describe('with the packs named', () => {
    const builtInPack: PackAttribution = {
      id: 'built-in',
      name: 'Built-in notes',
      publisher: 'Policy Lens',
      publisherNote: 'Written from the publications of one think tank.',
    };
    const importedPack: PackAttribution = {
      id: 'imported',
      name: 'Imported notes',
      publisher: 'A reader',
      publisherNote: 'Notes a reader imported.',
    };
    /** The first two findings of each topic are the built-in pack's, the rest the imported one's. */
    const packOf: PackLookup = (id) => (/-finding-[12]$/.test(id) ? builtInPack : importedPack);

    it('shows each pack\'s findings under one line naming the pack, its publisher and where it stands', () => {
      const topics = [cardTopic(treatyTopic, findingsAbout(treatyTopic, 3))];
      render(<CardView {...props({ topics, packOf })} />);
      const groups = [...document.querySelectorAll('.pl-pack-group')];
      expect(groups.map((group) => group.querySelector('.pl-pack-line')?.textContent)).toEqual([
        'From Built-in notes · Policy Lens — Written from the publications of one think tank.',
        'From Imported notes · A reader — Notes a reader imported.',
      ]);
      expect(groups.map((group) => [...group.querySelectorAll('.pl-finding')].map((item) => (item as HTMLElement).dataset.findingId))).toEqual([
        ['mutual-defense-treaty-finding-1', 'mutual-defense-treaty-finding-2'],
        ['mutual-defense-treaty-finding-3'],
      ]);
      // The publishers' line stays, once per publisher.
      expect(document.querySelectorAll('.pl-source-line')).toHaveLength(1);
    });

    it('counts the collapsed limit over every pack, and "more" controls them all', () => {
      const topics = [cardTopic(treatyTopic, findingsAbout(treatyTopic, 5))];
      const { rerender } = render(<CardView {...props({ topics, packOf })} />);
      expect(screen.getAllByRole('listitem')).toHaveLength(FINDINGS_SHOWN);
      const more = screen.getByRole('button', { name: '2 more findings' });
      const controlled = document.getElementById(more.getAttribute('aria-controls')!);
      expect(controlled?.classList.contains('pl-pack-groups')).toBe(true);
      rerender(<CardView {...props({ topics, packOf, expanded: true })} />);
      expect(screen.getAllByRole('listitem')).toHaveLength(5);
      expect(document.querySelectorAll('.pl-pack-line')).toHaveLength(2);
    });

    it('renders pack metadata as text, never as markup', () => {
      const hostile = '<img src=x onerror=alert(1)>';
      const hostilePack: PackAttribution = { id: 'x', name: `<b>${hostile}</b>`, publisher: hostile, publisherNote: hostile };
      const { container } = render(<CardView {...props({ packOf: () => hostilePack })} />);
      expect(container.querySelector('img')).toBeNull();
      expect(container.querySelector('b')).toBeNull();
      expect(container.querySelector('.pl-pack-line__name')?.textContent).toBe(`<b>${hostile}</b>`);
    });

    it('has no axe violations with pack lines, on one topic and on several', async () => {
      const { container, rerender } = render(
        <CardView {...props({ topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 4))], packOf, expanded: true })} />,
      );
      expect(await axeViolations(container)).toEqual([]);
      rerender(
        <CardView
          {...props({
            topics: [cardTopic(treatyTopic, findingsAbout(treatyTopic, 2)), cardTopic(iranTopic, findingsAbout(iranTopic, 3))],
            activeTopicId: iranTopic.id,
            packOf,
          })}
        />,
      );
      expect(await axeViolations(container)).toEqual([]);
    });
  });
});
