// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { MarkStore, type MarkDraft } from '@/src/page/mark-store';

const TOPICS = ['treaty', 'accords', 'jinsa'];

function draft(node: Text, start: number, end: number, topics: string[]): MarkDraft {
  return { topics, term: node.data.slice(start, end), text: node.data.slice(start, end), start: { node, offset: start }, end: { node, offset: end }, nodes: [node] };
}

function paragraph(text: string): { block: HTMLParagraphElement; node: Text } {
  const block = document.createElement('p');
  const node = new Text(text);
  block.append(node);
  document.body.append(block);
  return { block, node };
}

function storeWithAll(maxMarks = 100): MarkStore {
  const store = new MarkStore(maxMarks, TOPICS);
  store.setFilter({ enabledTopics: new Set(TOPICS), mode: 'every' });
  return store;
}

describe('MarkStore', () => {
  it('keeps marks in document order whatever order blocks are read in', () => {
    document.body.replaceChildren();
    const first = paragraph('JINSA');
    const second = paragraph('JINSA');
    const store = storeWithAll();
    store.replaceBlock(second.block, [second.node], [draft(second.node, 0, 5, ['jinsa'])]);
    store.replaceBlock(first.block, [first.node], [draft(first.node, 0, 5, ['jinsa'])]);
    store.commit();
    expect(store.registry.marks().map((mark) => mark.range.startContainer)).toEqual([first.node, second.node]);
  });

  it('answers marksAt for positions inside a mark, ends included, and nothing else', () => {
    document.body.replaceChildren();
    const { block, node } = paragraph('see JINSA here');
    const store = storeWithAll();
    store.replaceBlock(block, [node], [draft(node, 4, 9, ['jinsa'])]);
    store.commit();
    expect(store.registry.marksAt(node, 3)).toEqual([]);
    expect(store.registry.marksAt(node, 4).map((mark) => mark.text)).toEqual(['JINSA']);
    expect(store.registry.marksAt(node, 9).map((mark) => mark.text)).toEqual(['JINSA']);
    expect(store.registry.marksAt(node, 10)).toEqual([]);
    expect(store.registry.marksAt(new Text('other'), 1)).toEqual([]);
  });

  it('counts mentions per enabled topic, most first, ties in data order', () => {
    document.body.replaceChildren();
    const { block, node } = paragraph('a b c d e f');
    const store = storeWithAll();
    store.replaceBlock(block, [node], [
      draft(node, 0, 1, ['jinsa']),
      draft(node, 2, 3, ['accords']),
      draft(node, 4, 5, ['treaty', 'jinsa']),
      draft(node, 6, 7, ['accords']),
      draft(node, 8, 9, ['treaty']),
    ]);
    store.commit();
    expect(store.registry.topicCounts()).toEqual([
      { topic: 'treaty', count: 2 },
      { topic: 'accords', count: 2 },
      { topic: 'jinsa', count: 2 },
    ]);
    store.setFilter({ enabledTopics: new Set(['jinsa', 'accords']), mode: 'first' });
    store.commit();
    expect(store.registry.topicCounts()).toEqual([
      { topic: 'accords', count: 2 },
      { topic: 'jinsa', count: 2 },
    ]);
    // First-only: the shared span is not the first jinsa mention, and treaty is off.
    expect(store.registry.marks().map((mark) => [mark.text, mark.topics])).toEqual([
      ['a', ['jinsa']],
      ['b', ['accords']],
    ]);
  });

  it('replacing a block drops its old marks; the view objects of unchanged marks stay the same', () => {
    document.body.replaceChildren();
    const { block, node } = paragraph('JINSA JINSA');
    const store = storeWithAll();
    store.replaceBlock(block, [node], [draft(node, 0, 5, ['jinsa'])]);
    store.commit();
    const [before] = store.registry.marks();
    store.setFilter({ enabledTopics: new Set(TOPICS), mode: 'every' });
    store.commit();
    expect(store.registry.marks()[0]).toBe(before);
    store.replaceBlock(block, [node], [draft(node, 6, 11, ['jinsa'])]);
    store.commit();
    expect(store.registry.marks().map((mark) => mark.range.startOffset)).toEqual([6]);
  });

  it('sweeps marks whose text left the page', () => {
    document.body.replaceChildren();
    const { block, node } = paragraph('JINSA');
    const store = storeWithAll();
    store.replaceBlock(block, [node], [draft(node, 0, 5, ['jinsa'])]);
    block.remove();
    store.sweep();
    store.commit();
    expect(store.registry.marks()).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('stops at the cap and says so', () => {
    document.body.replaceChildren();
    const { block, node } = paragraph('a b c');
    const store = storeWithAll(2);
    store.replaceBlock(block, [node], [draft(node, 0, 1, ['jinsa']), draft(node, 2, 3, ['jinsa']), draft(node, 4, 5, ['jinsa'])]);
    expect(store.size).toBe(2);
    expect(store.capped).toBe(true);
  });

  it('notifies subscribers once per commit with changes, isolates a throwing one, and unsubscribes', () => {
    document.body.replaceChildren();
    const { block, node } = paragraph('JINSA');
    const store = storeWithAll();
    const listener = vi.fn();
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) => {
      try {
        callback();
      } catch (error) {
        onError({ error } as ErrorEvent);
      }
    });
    store.registry.subscribe(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = store.registry.subscribe(listener);
    store.replaceBlock(block, [node], [draft(node, 0, 5, ['jinsa'])]);
    expect(store.commit()).toBe(true);
    expect(store.commit()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(thrown).toHaveLength(1);
    unsubscribe();
    store.touch();
    store.commit();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
