// @vitest-environment happy-dom
/**
 * The fallbacks behind each feature check in docs/compatibility.md, run with the newer API taken
 * away (or, where happy-dom lacks it, put in place) — each test names the browsers it stands for.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHoverCardController, type HoverCardController } from '@/src/card/controller';
import { createCardSurface } from '@/src/card/surface';
import { caretFromPoint } from '@/src/card/hit-test';
import { Options } from '@/src/options/Options';
import { FLASH_HIGHLIGHT_NAME, HighlightLayer } from '@/src/page/highlights';
import { createYieldToHost } from '@/src/page/scheduler';
import type { MarkedMention, MarkRegistry } from '@/src/page/types';
import { findingsAbout, getReport, treatyTopic } from './support/card-fixtures';
import { useEnglishMessages } from './support/messages';
import { highlightRegistry, installHighlightApi } from './support/highlight-api';

beforeEach(() => {
  fakeBrowser.reset();
  useEnglishMessages();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Records whether a yield resolved before or after the microtasks queued with it: a real yield comes after. */
async function yieldOrder(yieldToHost: () => Promise<void>): Promise<string[]> {
  const order: string[] = [];
  const yielded = yieldToHost().then(() => order.push('yield'));
  await Promise.resolve().then(() => order.push('microtask'));
  await yielded;
  return order;
}

describe('scheduler.yield() missing', () => {
  it('yields with a message where there is no scheduler at all (Firefox 140–141)', async () => {
    vi.stubGlobal('scheduler', undefined);
    expect(await yieldOrder(createYieldToHost())).toEqual(['microtask', 'yield']);
  });

  it('yields with a message where scheduler has postTask but no yield (Chrome 105–128)', async () => {
    const postTask = vi.fn(async () => undefined);
    vi.stubGlobal('scheduler', { postTask });
    expect(await yieldOrder(createYieldToHost())).toEqual(['microtask', 'yield']);
    expect(postTask).not.toHaveBeenCalled();
  });
});

describe('caret-from-point APIs missing', () => {
  it('finds no text position, rather than throwing, where neither API exists', () => {
    expect(caretFromPoint({} as Document, 10, 20)).toBeNull();
  });
});

describe('Highlight without priority', () => {
  let uninstall: () => void;
  beforeEach(() => {
    uninstall = installHighlightApi();
  });
  afterEach(() => uninstall());

  it('still flashes a mention, registered after the topic highlights so it paints on top', () => {
    // A Highlight as the spec first shipped it in some engines: a set of ranges, no priority.
    class HighlightWithoutPriority extends Set<AbstractRange> {
      constructor(...ranges: AbstractRange[]) {
        super(ranges);
      }
    }
    vi.stubGlobal('Highlight', HighlightWithoutPriority);
    const paragraph = document.createElement('p');
    paragraph.textContent = 'The mutual defense treaty was signed.';
    document.body.replaceChildren(paragraph);
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    const layer = new HighlightLayer(CSS.highlights);
    layer.sync(new Map([['mutual-defense-treaty', [range]]]));

    layer.flash(range, 60_000);
    const names = [...highlightRegistry().keys()];
    expect(names.at(-1)).toBe(FLASH_HIGHLIGHT_NAME);
    const flash = highlightRegistry().get(FLASH_HIGHLIGHT_NAME)!;
    expect(flash).toBeInstanceOf(HighlightWithoutPriority);
    expect('priority' in flash).toBe(false);
    expect([...flash]).toEqual([range]);
    layer.clear();
  });
});

describe('hover card with and without the Popover API', () => {
  let controller: HoverCardController;
  let abort: AbortController;
  let shadow: ShadowRoot;
  let hostElement: HTMLElement;

  beforeEach(() => {
    // Floating UI reads the viewport from the root's client size, which happy-dom leaves at 0.
    Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: 1024 });
    Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, value: 768 });
    document.body.replaceChildren();
    const paragraph = document.createElement('p');
    paragraph.textContent = 'The mutual defense treaty was debated.';
    document.body.append(paragraph);
    const range = document.createRange();
    range.setStart(paragraph.firstChild!, 4);
    range.setEnd(paragraph.firstChild!, 25);
    const line = new DOMRect(100, 10, 50, 20);
    range.getClientRects = () => [line] as unknown as DOMRectList;
    range.getBoundingClientRect = () => line;
    const mention: MarkedMention = { id: 1, topics: [treatyTopic.id], term: 'term', text: 'mutual defense treaty', range };
    const registry: MarkRegistry = {
      marksAt: () => [mention],
      marks: () => [mention],
      topicCounts: () => [],
      subscribe: () => () => undefined,
    };
    abort = new AbortController();
    controller = createHoverCardController({
      registry,
      getSettings: () => ({ hoverDelayMs: 0, theme: 'light', disabledTopics: [], disabledPacks: [] }),
      setTopicEnabled: () => undefined,
      openSettings: () => undefined,
      signal: abort.signal,
      loadSurface: async (hooks) =>
        createCardSurface({
          hooks,
          data: {
            getTopic: (id) => (id === treatyTopic.id ? treatyTopic : undefined),
            getFindingsForTopic: () => findingsAbout(treatyTopic, 2),
            getReport,
          },
          mountHost: async () => {
            hostElement = document.createElement('policy-lens-ui');
            shadow = hostElement.attachShadow({ mode: 'open' });
            const container = document.createElement('div');
            shadow.append(container);
            document.documentElement.append(hostElement);
            return { container, hostElement };
          },
        }),
    });
  });
  afterEach(() => {
    abort.abort();
    hostElement?.remove();
  });

  const layer = () => shadow?.querySelector<HTMLElement>('.pl-layer') ?? null;

  it('opens and closes as a plain layer where there is no Popover API (Chrome 105–113)', async () => {
    expect('showPopover' in HTMLElement.prototype).toBe(false);
    expect(controller.openNext()).toBe(true);
    await vi.waitFor(() => expect(layer()?.querySelector('.pl-card')).toBeTruthy());
    expect(layer()!.hidden).toBe(false);
    expect(layer()!.hasAttribute('popover')).toBe(false);
    controller.close();
    expect(layer()!.hidden).toBe(true);
  });

  it('uses the top layer where the Popover API exists', async () => {
    const open = new WeakSet<Element>();
    const showPopover = vi.fn(function (this: HTMLElement) {
      open.add(this);
    });
    const hidePopover = vi.fn(function (this: HTMLElement) {
      open.delete(this);
    });
    const matches = Element.prototype.matches;
    Object.assign(HTMLElement.prototype, { showPopover, hidePopover });
    vi.spyOn(Element.prototype, 'matches').mockImplementation(function (this: Element, selector: string) {
      return selector === ':popover-open' ? open.has(this) : matches.call(this, selector);
    });
    try {
      expect(controller.openNext()).toBe(true);
      await vi.waitFor(() => expect(layer()?.querySelector('.pl-card')).toBeTruthy());
      expect(layer()!.getAttribute('popover')).toBe('manual');
      expect(showPopover).toHaveBeenCalledTimes(1);
      controller.close();
      expect(hidePopover).toHaveBeenCalledTimes(1);
    } finally {
      Reflect.deleteProperty(HTMLElement.prototype, 'showPopover');
      Reflect.deleteProperty(HTMLElement.prototype, 'hidePopover');
    }
  });
});

describe('commands.openShortcutSettings() missing', () => {
  beforeEach(() => {
    vi.spyOn(browser.commands, 'getAll').mockImplementation(async () => []);
  });

  it('opens Chrome’s shortcut page where the call does not exist (Chrome)', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    render(<Options />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change shortcuts' }));
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });

  it('asks the browser to show its shortcut settings where it can (Firefox 137+)', async () => {
    const openShortcutSettings = vi.fn(async () => undefined);
    Object.assign(browser.commands, { openShortcutSettings });
    const create = vi.spyOn(browser.tabs, 'create');
    try {
      render(<Options />);
      fireEvent.click(await screen.findByRole('button', { name: 'Change shortcuts' }));
      expect(openShortcutSettings).toHaveBeenCalledTimes(1);
      expect(create).not.toHaveBeenCalled();
    } finally {
      Reflect.deleteProperty(browser.commands, 'openShortcutSettings');
    }
  });
});
