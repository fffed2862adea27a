// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { caretFromPoint, hitTest, indexOfRectAt } from '@/src/card/hit-test';
import type { MarkedMention, MarkRegistry } from '@/src/page/types';

/** A mark over [start, end) of `node`, whose line boxes are `rects`. */
function fakeMark(id: number, node: Node, start: number, end: number, rects: DOMRect[]): MarkedMention & { start: number; end: number; node: Node } {
  const range = { getClientRects: () => rects } as unknown as Range;
  return { id, topics: ['treaty'], term: 'treaty', text: 'treaty', range, start, end, node };
}

/** A registry that, like the real one, reports marks whose range contains [node, offset) (end exclusive). */
function fakeRegistry(marks: ReturnType<typeof fakeMark>[]): MarkRegistry & { marksAt: ReturnType<typeof vi.fn> } {
  return {
    marksAt: vi.fn((node: Node, offset: number) =>
      marks.filter((mark) => mark.node === node && offset >= mark.start && offset < mark.end),
    ),
    marks: () => marks,
    topicCounts: () => [],
    subscribe: () => () => undefined,
  };
}

/** A document whose caret-from-point API answers `caret` for every point. */
function docWithCaretPosition(caret: { offsetNode: Node; offset: number } | null): Document {
  return { caretPositionFromPoint: vi.fn(() => caret) } as unknown as Document;
}

const text = document.createTextNode('The mutual defense treaty was debated.');
// "treaty" is characters 19–25; one line box from x=100 to x=150 at y=10–30.
const oneLine = [new DOMRect(100, 10, 50, 20)];

describe('caretFromPoint', () => {
  it('uses caretPositionFromPoint where the browser has it', () => {
    const doc = docWithCaretPosition({ offsetNode: text, offset: 4 });
    expect(caretFromPoint(doc, 1, 2)).toEqual({ node: text, offset: 4 });
  });

  it('falls back to caretRangeFromPoint (Chromium before 128)', () => {
    const range = { startContainer: text, startOffset: 7 } as unknown as Range;
    const doc = { caretRangeFromPoint: vi.fn(() => range) } as unknown as Document;
    expect(caretFromPoint(doc, 1, 2)).toEqual({ node: text, offset: 7 });
    expect(doc.caretRangeFromPoint).toHaveBeenCalledWith(1, 2);
  });

  it('answers null when there is no text position or no API', () => {
    expect(caretFromPoint(docWithCaretPosition(null), 0, 0)).toBeNull();
    expect(caretFromPoint({} as Document, 0, 0)).toBeNull();
  });
});

describe('indexOfRectAt', () => {
  it('finds the rectangle containing the point, edges included, skipping empty ones', () => {
    const rects = [new DOMRect(0, 0, 0, 20), new DOMRect(10, 0, 30, 20), new DOMRect(0, 20, 30, 20)];
    expect(indexOfRectAt(rects, 10, 0)).toBe(1);
    expect(indexOfRectAt(rects, 5, 30)).toBe(2);
    expect(indexOfRectAt(rects, 0, 5)).toBe(-1);
    expect(indexOfRectAt(rects, 100, 100)).toBe(-1);
  });
});

describe('hitTest', () => {
  it('returns the mark under the point', () => {
    const mark = fakeMark(1, text, 19, 25, oneLine);
    const registry = fakeRegistry([mark]);
    const hit = hitTest(registry, 120, 20, docWithCaretPosition({ offsetNode: text, offset: 21 }));
    expect(hit?.mention.id).toBe(1);
    expect(hit?.lineIndex).toBe(0);
    expect(hit?.mentions.map((mention) => mention.id)).toEqual([1]);
  });

  it('ignores a caret inside a mark when the point is beside its text (past a line end, below a paragraph)', () => {
    const registry = fakeRegistry([fakeMark(1, text, 19, 25, oneLine)]);
    expect(hitTest(registry, 400, 20, docWithCaretPosition({ offsetNode: text, offset: 21 }))).toBeNull();
    expect(hitTest(registry, 120, 90, docWithCaretPosition({ offsetNode: text, offset: 21 }))).toBeNull();
  });

  it('counts the right half of the last character (the caret lands just after the mark)', () => {
    const registry = fakeRegistry([fakeMark(1, text, 19, 25, oneLine)]);
    const hit = hitTest(registry, 149, 20, docWithCaretPosition({ offsetNode: text, offset: 25 }));
    expect(hit?.mention.id).toBe(1);
    expect(registry.marksAt).toHaveBeenCalledWith(text, 24);
  });

  it('reports the line under the point for a mention that wraps', () => {
    const wrapped = [new DOMRect(300, 10, 80, 20), new DOMRect(0, 30, 40, 20)];
    const registry = fakeRegistry([fakeMark(2, text, 4, 25, wrapped)]);
    const hit = hitTest(registry, 20, 40, docWithCaretPosition({ offsetNode: text, offset: 20 }));
    expect(hit?.lineIndex).toBe(1);
  });

  it('returns every mark at the point, anchored on the first', () => {
    const registry = fakeRegistry([fakeMark(3, text, 19, 25, oneLine), fakeMark(4, text, 4, 25, oneLine)]);
    const hit = hitTest(registry, 120, 20, docWithCaretPosition({ offsetNode: text, offset: 21 }));
    expect(hit?.mentions.map((mention) => mention.id)).toEqual([3, 4]);
    expect(hit?.mention.id).toBe(3);
  });

  it('does not ask the registry about element positions or empty space', () => {
    const registry = fakeRegistry([]);
    expect(hitTest(registry, 1, 1, docWithCaretPosition({ offsetNode: document.body, offset: 0 }))).toBeNull();
    expect(hitTest(registry, 1, 1, docWithCaretPosition(null))).toBeNull();
    expect(registry.marksAt).not.toHaveBeenCalled();
  });
});
