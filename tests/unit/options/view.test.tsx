// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataset } from '@/src/data';
import { OptionsView, type OptionsViewProps } from '@/src/options/OptionsView';
import { packsView } from '@/src/options/packs-controller';
import type { OptionsActions, PackActions } from '@/src/options/types';
import { DEFAULT_SETTINGS, type Settings } from '@/src/settings';
import { useEnglishMessages } from '../support/messages';

const [first, second] = dataset.topics;
if (!first || !second) throw new Error('the bundled data needs at least two topics');

beforeEach(useEnglishMessages);
afterEach(cleanup);

function fakeActions(): OptionsActions {
  return {
    onUpdate: vi.fn(),
    onRemoveExtraSite: vi.fn(),
    onRevokeAllSites: vi.fn(),
    onExport: vi.fn(),
    onImportFile: vi.fn(),
    onRequestReset: vi.fn(),
    onConfirmReset: vi.fn(),
    onCancelReset: vi.fn(),
    onOpenShortcutSettings: vi.fn(),
  };
}

function fakePackActions(): PackActions {
  return {
    onSetPackEnabled: vi.fn(),
    onRemovePack: vi.fn(),
    onImportPackFile: vi.fn(),
    onConfirmReplace: vi.fn(),
    onCancelReplace: vi.fn(),
  };
}

function props(overrides: Partial<OptionsViewProps> = {}, settings: Partial<Settings> = {}): OptionsViewProps {
  return {
    settings: { ...DEFAULT_SETTINGS, disabledTopics: [], pausedSites: [], ...settings },
    shortcuts: [
      { name: '_execute_action', description: '', shortcut: '' },
      { name: 'next-mention', description: 'Open the note on the next marked mention', shortcut: 'Alt+Shift+N' },
    ],
    shortcutHelp: 'chrome',
    extraSites: { sites: [{ origin: 'https://www.example.org/*', label: 'www.example.org' }], allSites: false },
    importState: { kind: 'idle' },
    resetConfirming: false,
    resetDone: false,
    saveError: null,
    actions: fakeActions(),
    packs: { packs: packsView([], []), replacement: null, refusal: null, failure: null, status: null },
    packActions: fakePackActions(),
    importedPacks: 0,
    ...overrides,
  };
}

/** axe-core on the page. happy-dom computes no layout or colours, so 'color-contrast' is off here (tokens.css documents the measured ratios). */
async function axeViolations(container: Element) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

describe('OptionsView controls', () => {
  it('has one switch per topic, and toggling calls the update function with the new list', () => {
    const view = props({}, { disabledTopics: [second.id] });
    render(<OptionsView {...view} />);
    const firstSwitch = screen.getByRole('switch', { name: first.label }) as HTMLInputElement;
    const secondSwitch = screen.getByRole('switch', { name: second.label }) as HTMLInputElement;
    expect([firstSwitch.checked, secondSwitch.checked]).toEqual([true, false]);
    fireEvent.click(firstSwitch);
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ disabledTopics: [second.id, first.id] });
    fireEvent.click(secondSwitch);
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ disabledTopics: [] });
  });

  it('turns every topic off and back on', () => {
    const view = props();
    render(<OptionsView {...view} />);
    expect((screen.getByRole('button', { name: 'Turn all on' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Turn all off' }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ disabledTopics: dataset.topics.map((topic) => topic.id) });
  });

  it('writes the master switch, badge, highlight style, mark mode and theme', () => {
    const view = props();
    render(<OptionsView {...view} />);
    fireEvent.click(screen.getByRole('switch', { name: 'Mark topics on pages' }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ enabled: false });
    fireEvent.click(screen.getByRole('switch', { name: /number of topics/ }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ showBadge: false });
    fireEvent.click(screen.getByRole('radio', { name: 'Background' }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ highlightStyle: 'background' });
    fireEvent.click(screen.getByRole('radio', { name: 'First mention of each topic' }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ markMode: 'first' });
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ theme: 'dark' });
  });

  it('shows the hover delay while dragging and saves it once, on release', () => {
    const view = props();
    render(<OptionsView {...view} />);
    const slider = screen.getByRole('slider', { name: 'Hover delay' }) as HTMLInputElement;
    expect(slider.value).toBe(String(DEFAULT_SETTINGS.hoverDelayMs));
    fireEvent.input(slider, { target: { value: '650' } });
    expect(screen.getByText('650 ms')).toBeTruthy();
    expect(view.actions.onUpdate).not.toHaveBeenCalled();
    fireEvent.change(slider, { target: { value: '650' } });
    expect(view.actions.onUpdate).toHaveBeenCalledWith({ hoverDelayMs: 650 });
  });
});

describe('HighlightPreview', () => {
  const marks = () => [...document.querySelectorAll('.pl-preview-mark')];

  it('marks every sample mention in the chosen style', () => {
    render(<OptionsView {...props({}, { highlightStyle: 'background' })} />);
    expect(marks().map((mark) => mark.textContent)).toEqual([
      'mutual defense treaty',
      'mutual defense treaty',
      'Abraham Accords',
    ]);
    expect(marks().every((mark) => mark.classList.contains('pl-preview-mark--background'))).toBe(true);
    expect(screen.getByText('Preview: mentions get a tinted background.')).toBeTruthy();
  });

  it('marks only the first mention of each topic in "first" mode, and nothing with style none', () => {
    const { rerender } = render(<OptionsView {...props({}, { markMode: 'first' })} />);
    expect(marks().map((mark) => mark.textContent)).toEqual(['mutual defense treaty', 'Abraham Accords']);
    expect(document.querySelector('.pl-preview__text')?.textContent).toContain('Critics warn that a mutual defense treaty');
    rerender(<OptionsView {...props({}, { highlightStyle: 'none' })} />);
    expect(marks()).toHaveLength(0);
  });
});

describe('HighlightPreview with the CSS Custom Highlight API', () => {
  /** A stand-in for the browser's highlight registry, which happy-dom lacks. */
  function fakeHighlightApi() {
    const registry = new Map<string, { ranges: Range[] }>();
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal(
      'Highlight',
      class {
        ranges: Range[];
        constructor(...ranges: Range[]) {
          this.ranges = ranges;
        }
      },
    );
    return registry;
  }
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('paints the sample under the content script’s highlight names, and removes them for "none"', () => {
    const registry = fakeHighlightApi();
    const { rerender } = render(<OptionsView {...props({}, { highlightStyle: 'background' })} />);
    const painted = (name: string) => registry.get(name)?.ranges.map((range) => range.toString());
    expect(painted('policy-lens-b-mutual-defense-treaty')).toEqual(['mutual defense treaty', 'mutual defense treaty']);
    expect(painted('policy-lens-b-abraham-accords-normalization')).toEqual(['Abraham Accords']);
    // The page's own stylesheet paints it; the spans carry no style of their own.
    expect(document.querySelector('.pl-preview-mark--background')).toBeNull();

    rerender(<OptionsView {...props({}, { highlightStyle: 'underline', markMode: 'first' })} />);
    expect(registry.has('policy-lens-b-mutual-defense-treaty')).toBe(false);
    expect(painted('policy-lens-u-mutual-defense-treaty')).toEqual(['mutual defense treaty']);

    rerender(<OptionsView {...props({}, { highlightStyle: 'none' })} />);
    expect(registry.size).toBe(0);
  });
});

describe('OptionsView shortcuts and sites', () => {
  it('lists current shortcut bindings and how to change them', () => {
    const view = props();
    render(<OptionsView {...view} />);
    const table = screen.getByRole('table');
    expect(within(table).getByText('Alt+Shift+N')).toBeTruthy();
    expect(within(table).getByText('Open the Policy Lens popup')).toBeTruthy();
    expect(within(table).getByText('Not set')).toBeTruthy();
    expect(screen.getByText(/chrome:\/\/extensions\/shortcuts/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Change shortcuts' }));
    expect(view.actions.onOpenShortcutSettings).toHaveBeenCalledTimes(1);
  });

  it('explains Firefox’s shortcut settings there', () => {
    render(<OptionsView {...props({ shortcutHelp: 'firefox' })} />);
    expect(screen.getByText(/Manage Extension Shortcuts/)).toBeTruthy();
  });

  it('removes enabled and paused sites', () => {
    const view = props({ extraSites: { sites: [{ origin: 'https://www.example.org/*', label: 'www.example.org' }], allSites: true } }, {
      pausedSites: ['nytimes.com', 'bbc.com'],
    });
    render(<OptionsView {...view} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove www.example.org from enabled sites' }));
    expect(view.actions.onRemoveExtraSite).toHaveBeenCalledWith('https://www.example.org/*');
    fireEvent.click(screen.getByRole('button', { name: 'Remove nytimes.com from paused sites' }));
    expect(view.actions.onUpdate).toHaveBeenLastCalledWith({ pausedSites: ['bbc.com'] });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off for all sites' }));
    expect(view.actions.onRevokeAllSites).toHaveBeenCalledTimes(1);
  });
});

describe('OptionsView backup and reset', () => {
  it('hands a chosen file to the import action', () => {
    const view = props();
    render(<OptionsView {...view} />);
    const file = new File(['{}'], 'settings.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Import settings…'), { target: { files: [file] } });
    expect(view.actions.onImportFile).toHaveBeenCalledWith(file);
  });

  it('names the problem of a refused import in an alert', () => {
    render(<OptionsView {...props({ importState: { kind: 'error', message: 'Line 1, column 2: unexpected "x".' } })} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Not imported: Line 1, column 2: unexpected "x". Nothing was changed.',
    );
  });

  it('asks before resetting, with focus on Cancel', () => {
    const view = props();
    const { rerender } = render(<OptionsView {...view} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults…' }));
    expect(view.actions.onRequestReset).toHaveBeenCalledTimes(1);
    expect(view.actions.onConfirmReset).not.toHaveBeenCalled();

    rerender(<OptionsView {...view} resetConfirming />);
    const question = screen.getByRole('group', { name: /Reset every setting to its default\?/ });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Reset settings' }));
    expect(view.actions.onConfirmReset).toHaveBeenCalledTimes(1);
  });

  it('offers to include imported note packs in the export only when there are some', () => {
    const none = props();
    const { unmount } = render(<OptionsView {...none} />);
    expect(screen.queryByRole('checkbox', { name: 'Include imported note packs' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(none.actions.onExport).toHaveBeenLastCalledWith({ includePacks: false });
    unmount();

    const some = props({ importedPacks: 2 });
    render(<OptionsView {...some} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(some.actions.onExport).toHaveBeenLastCalledWith({ includePacks: false });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include imported note packs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(some.actions.onExport).toHaveBeenLastCalledWith({ includePacks: true });
  });

  it('says how many note packs a settings import brought', () => {
    const { rerender } = render(<OptionsView {...props({ importState: { kind: 'done', packs: 0 } })} />);
    expect(screen.getByText('Settings imported.')).toBeTruthy();
    rerender(<OptionsView {...props({ importState: { kind: 'done', packs: 1 } })} />);
    expect(screen.getByText('Settings imported, with 1 note pack.')).toBeTruthy();
    rerender(<OptionsView {...props({ importState: { kind: 'done', packs: 3 } })} />);
    expect(screen.getByText('Settings imported, with 3 note packs.')).toBeTruthy();
  });

  it('shows a save error in an alert', () => {
    render(<OptionsView {...props({ saveError: 'Settings were not saved: the sync storage is full.' })} />);
    expect(screen.getByRole('alert').textContent).toContain('sync storage is full');
  });
});

describe('OptionsView accessibility', () => {
  it('has no axe violations', async () => {
    const { container } = render(<OptionsView {...props()} />);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('has no axe violations while confirming a reset after a refused import', async () => {
    const { container } = render(
      <OptionsView
        {...props({ resetConfirming: true, importState: { kind: 'error', message: 'Not JSON.' }, shortcuts: null })}
      />,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
