// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scrollMentionIntoView } from '@/src/page';
import { revealMark } from '@/src/page/reveal';
import type { MarkedMention } from '@/src/page/types';
import { setBody } from '../support/page';

let scrolledInto: Array<{ element: Element; options: ScrollIntoViewOptions | undefined }>;
let scrolledBy: ScrollToOptions[];

function rect(top: number, height: number): DOMRect {
  return new DOMRect(0, top, 100, height);
}

/** A range over the first text of `element`, laid out at `top` (happy-dom lays nothing out). */
function rangeIn(element: Element, top = 1000, height = 20): Range {
  const range = document.createRange();
  range.selectNodeContents(element.firstChild as Node);
  range.getBoundingClientRect = () => rect(top, height);
  return range;
}

function prefersReducedMotion(reduce: boolean): void {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) => ({ matches: reduce && query === '(prefers-reduced-motion: reduce)', media: query }) as MediaQueryList,
  );
}

beforeEach(() => {
  scrolledInto = [];
  scrolledBy = [];
  vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element, options?: boolean | ScrollIntoViewOptions) {
    scrolledInto.push({ element: this, options: options as ScrollIntoViewOptions | undefined });
  });
  vi.spyOn(window, 'scrollBy').mockImplementation(((options: ScrollToOptions) => void scrolledBy.push(options)) as typeof window.scrollBy);
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(800);
  prefersReducedMotion(false);
});
afterEach(() => document.body.replaceChildren());

describe('scrollMentionIntoView', () => {
  it("centres the mention's element, smoothly", () => {
    setBody('<p id="p">The <b id="b">mutual defense treaty</b>.</p>');
    scrollMentionIntoView(rangeIn(document.getElementById('b') as Element));
    expect(scrolledInto).toEqual([{ element: document.getElementById('b'), options: { block: 'center', inline: 'nearest', behavior: 'smooth' } }]);
  });

  it('jumps instead of gliding when the reader prefers reduced motion', () => {
    prefersReducedMotion(true);
    setBody('<p id="p">JINSA</p>');
    scrollMentionIntoView(rangeIn(document.getElementById('p') as Element));
    expect(scrolledInto[0]?.options?.behavior).toBe('auto');
  });

  it("centres the mention's line when its element is too tall to centre", () => {
    setBody('<p id="p">JINSA</p>');
    const paragraph = document.getElementById('p') as Element;
    paragraph.getBoundingClientRect = () => rect(-2000, 5000);
    scrollMentionIntoView(rangeIn(paragraph, 1000, 20));
    expect(scrolledInto).toEqual([]);
    expect(scrolledBy).toEqual([{ top: 1000 + 10 - 400, behavior: 'smooth' }]);
  });

  it('with ifNeeded, leaves a mention well inside the viewport where it is', () => {
    setBody('<p id="p">JINSA</p>');
    const paragraph = document.getElementById('p') as Element;
    scrollMentionIntoView(rangeIn(paragraph, 300), { ifNeeded: true });
    expect(scrolledInto).toEqual([]);
    scrollMentionIntoView(rangeIn(paragraph, 30), { ifNeeded: true });
    scrollMentionIntoView(rangeIn(paragraph, 790), { ifNeeded: true });
    expect(scrolledInto.map((entry) => entry.element)).toEqual([paragraph, paragraph]);
  });

  it("scrolls to a component's host for text directly in its shadow root", () => {
    setBody('<x-card id="host"></x-card>');
    const host = document.getElementById('host') as HTMLElement;
    const text = new Text('JINSA');
    host.attachShadow({ mode: 'open' }).append(text);
    const range = document.createRange();
    range.selectNodeContents(text);
    range.getBoundingClientRect = () => rect(1000, 20);
    scrollMentionIntoView(range);
    expect(scrolledInto.map((entry) => entry.element)).toEqual([host]);
  });
});

describe('revealMark', () => {
  function marks(count: number): MarkedMention[] {
    setBody(Array.from({ length: count }, (_, index) => `<p id="m${index}">JINSA ${index}</p>`).join(''));
    return Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      topics: ['jinsa'],
      term: 'JINSA',
      text: 'JINSA',
      range: rangeIn(document.getElementById(`m${index}`) as Element),
    }));
  }

  it('scrolls to and flashes the requested mark, wrapping around both ways', () => {
    const all = marks(3);
    const layer = { flash: vi.fn() };
    expect(revealMark(all, 4, layer)).toEqual({ index: 1, total: 3 });
    expect(layer.flash).toHaveBeenLastCalledWith(all[1]?.range);
    expect(scrolledInto.map((entry) => entry.element.id)).toEqual(['m1']);
    expect(revealMark(all, -1, layer)).toEqual({ index: 2, total: 3 });
    expect(revealMark(all, 1.7, layer)).toEqual({ index: 1, total: 3 });
  });

  it('does nothing without marks', () => {
    const layer = { flash: vi.fn() };
    expect(revealMark([], 0, layer)).toEqual({ index: -1, total: 0 });
    expect(layer.flash).not.toHaveBeenCalled();
    expect(scrolledInto).toEqual([]);
  });
});
