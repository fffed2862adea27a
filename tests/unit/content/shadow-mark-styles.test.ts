// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createShadowMarkStyles } from '@/src/content/shadow-mark-styles';
import type { MarkedMention, MarkRegistry } from '@/src/page';

/** A registry whose marks the test sets, and which tells its listeners when they change. */
function fakeRegistry() {
  let marks: MarkedMention[] = [];
  const listeners = new Set<() => void>();
  const registry: MarkRegistry = {
    marksAt: () => [],
    marks: () => [...marks],
    topicCounts: () => [],
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    registry,
    listeners,
    show(nodes: Text[]) {
      marks = nodes.map((node, index) => {
        const range = document.createRange();
        range.setStart(node, 0);
        range.setEnd(node, node.data.length);
        return { id: index + 1, topics: ['wmd'], term: node.data, text: node.data, range };
      });
      for (const listener of listeners) listener();
    },
  };
}

function documentText(text: string): Text {
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  document.body.append(paragraph);
  return paragraph.firstChild as Text;
}

function shadowText(text: string): Text {
  const host = document.createElement('div');
  document.body.append(host);
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  host.attachShadow({ mode: 'open' }).append(paragraph);
  return paragraph.firstChild as Text;
}

describe('highlight styles for marks in shadow roots (Firefox)', () => {
  it('asks nothing while every mark is in the document', () => {
    const request = vi.fn(async () => true);
    const { registry, show } = fakeRegistry();
    createShadowMarkStyles(request).watch(registry, new AbortController().signal);
    show([documentText('sarin'), documentText('VX')]);
    expect(request).not.toHaveBeenCalled();
  });

  it('asks once when a mark lands in a shadow root, and stops listening', () => {
    const request = vi.fn(async () => true);
    const { registry, listeners, show } = fakeRegistry();
    createShadowMarkStyles(request).watch(registry, new AbortController().signal);
    show([documentText('sarin'), shadowText('Hezbollah')]);
    show([shadowText('Houthis')]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(0);
  });

  it('asks once per page, whatever the sessions, and a failed request breaks nothing', async () => {
    const request = vi.fn(async () => {
      throw new Error('No response');
    });
    const styles = createShadowMarkStyles(request);
    const first = fakeRegistry();
    first.show([shadowText('Hezbollah')]);
    styles.watch(first.registry, new AbortController().signal);
    const second = fakeRegistry();
    styles.watch(second.registry, new AbortController().signal);
    second.show([shadowText('Hamas')]);
    expect(request).toHaveBeenCalledTimes(1);
    expect(second.listeners.size).toBe(0);
    await Promise.resolve();
  });

  it('stops listening when its session ends', () => {
    const request = vi.fn(async () => true);
    const { registry, listeners, show } = fakeRegistry();
    const session = new AbortController();
    createShadowMarkStyles(request).watch(registry, session.signal);
    expect(listeners.size).toBe(1);
    session.abort();
    expect(listeners.size).toBe(0);
    show([shadowText('Hezbollah')]);
    expect(request).not.toHaveBeenCalled();
  });
});
