// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverCardController, type CardSettings, type HoverCardController } from '@/src/card/controller';
import { createCardSurface } from '@/src/card/surface';
import type { MarkedMention, MarkRegistry } from '@/src/page/types';
import { findingsAbout, getReport, iranTopic, treatyTopic } from '../support/card-fixtures';
import { useEnglishMessages } from '../support/messages';

// happy-dom lays nothing out: give each mention a line box and let the caret API answer from it.
const LINE = new DOMRect(100, 10, 50, 20);
const INSIDE = { clientX: 120, clientY: 20 };
const OUTSIDE = { clientX: 600, clientY: 400 };

let text: Text;
let marks: MarkedMention[];
let controller: HoverCardController;
let abort: AbortController;
let settings: CardSettings;
let setTopicEnabled: ReturnType<typeof vi.fn<(topicId: string, enabled: boolean) => void>>;
let openSettings: ReturnType<typeof vi.fn<() => void>>;
let hostElement: HTMLElement;
let shadow: ShadowRoot;

function mark(id: number, start: number, end: number, topics: string[]): MarkedMention {
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, end);
  range.getClientRects = () => [LINE] as unknown as DOMRectList;
  range.getBoundingClientRect = () => LINE;
  return { id, topics, term: 'term', text: text.data.slice(start, end), range };
}

const registry: MarkRegistry = {
  marksAt: (node, offset) =>
    marks.filter((m) => m.range.startContainer === node && offset >= m.range.startOffset && offset < m.range.endOffset),
  marks: () => marks,
  topicCounts: () => [],
  subscribe: () => () => undefined,
};

const card = () => shadow.querySelector<HTMLElement>('.pl-layer:not([hidden]) .pl-card');
const movePointer = (at: { clientX: number; clientY: number }) =>
  document.dispatchEvent(new PointerEvent('pointermove', { ...at, bubbles: true, pointerType: 'mouse' }));

beforeEach(() => {
  useEnglishMessages();
  // Floating UI reads the viewport from the root's client size, which happy-dom leaves at 0 (so every mention would count as scrolled away).
  Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: 1024 });
  Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, value: 768 });
  document.body.replaceChildren();
  const paragraph = document.createElement('p');
  paragraph.textContent = 'The mutual defense treaty and the Iran treaty were debated.';
  const button = document.createElement('button');
  button.id = 'reader-was-here';
  button.textContent = 'Search';
  document.body.append(button, paragraph);
  text = paragraph.firstChild as Text;
  marks = [mark(1, 4, 25, [treatyTopic.id]), mark(2, 34, 45, [treatyTopic.id, iranTopic.id])];
  (document as unknown as { caretPositionFromPoint: unknown }).caretPositionFromPoint = () => ({ offsetNode: text, offset: 10 });

  settings = { hoverDelayMs: 0, theme: 'dark', disabledTopics: [], disabledPacks: [] };
  setTopicEnabled = vi.fn<(topicId: string, enabled: boolean) => void>();
  openSettings = vi.fn<() => void>();
  abort = new AbortController();
  const topics = new Map([treatyTopic, iranTopic].map((topic) => [topic.id, topic]));
  controller = createHoverCardController({
    registry,
    getSettings: () => settings,
    setTopicEnabled,
    openSettings,
    signal: abort.signal,
    graceMs: 10,
    loadSurface: async (hooks) =>
      createCardSurface({
        hooks,
        data: {
          getTopic: (id) => topics.get(id),
          getFindingsForTopic: (id) => findingsAbout(topics.get(id)!, 4),
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

describe('hover card controller', () => {
  it('opens on hover without taking focus, themed, and closes after the pointer leaves', async () => {
    document.getElementById('reader-was-here')!.focus();
    movePointer(INSIDE);
    await vi.waitFor(() => expect(card()).not.toBeNull());
    expect(card()!.querySelector('h2')!.textContent).toBe(treatyTopic.label);
    expect(card()!.querySelector('q')!.textContent).toBe('mutual defense treaty');
    expect(shadow.querySelector('.pl-layer')!.getAttribute('data-theme')).toBe('dark');
    expect(document.activeElement?.id).toBe('reader-was-here');
    // One host for the page, however many cards.
    expect(document.querySelectorAll('policy-lens-ui')).toHaveLength(1);

    movePointer(OUTSIDE);
    await vi.waitFor(() => expect(card()).toBeNull());
  });

  it('makes the card\'s hidden host while the pointer rests on a mark, before the hover delay has passed', async () => {
    settings = { ...settings, hoverDelayMs: 60_000 };
    movePointer(INSIDE);
    await vi.waitFor(() => expect(document.querySelectorAll('policy-lens-ui')).toHaveLength(1));
    expect(shadow.querySelector('.pl-layer')?.hasAttribute('hidden')).toBe(true);
    expect(card()).toBeNull();
  });

  it('makes no host for a pointer that never rests on a mark', async () => {
    movePointer(OUTSIDE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelectorAll('policy-lens-ui')).toHaveLength(0);
  });

  it('keyboard navigation opens the next mention with focus inside; Escape returns focus', async () => {
    document.getElementById('reader-was-here')!.focus();
    expect(controller.openNext()).toBe(true);
    await vi.waitFor(() => expect(document.activeElement).toBe(hostElement));
    expect(shadow.activeElement).toBe(card());
    expect(card()!.getAttribute('role')).toBe('dialog');

    expect(controller.openNext()).toBe(true);
    await vi.waitFor(() => expect(card()!.querySelector('q')!.textContent).toBe('Iran treaty'));
    // Both topics of the second mention, as tabs.
    expect([...card()!.querySelectorAll('[role=tab]')].map((tab) => tab.textContent)).toEqual([treatyTopic.label, iranTopic.label]);

    card()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await vi.waitFor(() => expect(card()).toBeNull());
    expect(document.activeElement?.id).toBe('reader-was-here');
  });

  it('wraps around: previous from the first mention is the last', async () => {
    controller.openNext();
    await vi.waitFor(() => expect(card()).not.toBeNull());
    controller.openPrevious();
    await vi.waitFor(() => expect(card()!.querySelector('q')!.textContent).toBe('Iran treaty'));
  });

  it('a click on a mention pins the card: it stays when the pointer leaves', async () => {
    document.dispatchEvent(new MouseEvent('click', { ...INSIDE, bubbles: true, button: 0 }));
    await vi.waitFor(() => expect(card()).not.toBeNull());
    expect(card()!.querySelector('[aria-pressed]')!.getAttribute('aria-pressed')).toBe('true');
    movePointer(OUTSIDE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(card()).not.toBeNull();
  });

  it('turns a topic off through the callback and says so; Settings asks for the options page', async () => {
    controller.openNext();
    await vi.waitFor(() => expect(card()).not.toBeNull());
    const button = (name: string) => [...card()!.querySelectorAll('button')].find((b) => b.textContent === name)!;
    button('Turn off this topic').click();
    expect(setTopicEnabled).toHaveBeenCalledWith(treatyTopic.id, false);
    await vi.waitFor(() => expect(card()!.querySelector('[role=status]')!.textContent).toContain('Turned off everywhere.'));
    button('Settings').click();
    expect(openSettings).toHaveBeenCalledTimes(1);
  });

  it('shows "N more findings" and expands in place', async () => {
    controller.openNext();
    await vi.waitFor(() => expect(card()).not.toBeNull());
    expect(card()!.querySelectorAll('li')).toHaveLength(3);
    [...card()!.querySelectorAll('button')].find((b) => b.textContent === '1 more finding')!.click();
    await vi.waitFor(() => expect(card()!.querySelectorAll('li')).toHaveLength(4));
  });

  it('stops listening and removes the card when the content script is invalidated', async () => {
    controller.openNext();
    await vi.waitFor(() => expect(card()).not.toBeNull());
    abort.abort();
    expect(shadow.querySelector('.pl-layer')).toBeNull();
    movePointer(INSIDE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shadow.querySelector('.pl-card')).toBeNull();
  });
});
