/**
 * The hover-card controller of a session is made only once the page has a
 * mark: a page without one gets no listeners and never compiles it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { HoverCardController } from '@/src/card';
import { createCardOnFirstMarks } from '@/src/content/card-on-first-marks';
import type { MarkRegistry } from '@/src/page';

/** A registry whose mark count the test sets, and that tells its listeners when asked. */
function fakeRegistry(initialMarks = 0) {
  let marks = initialMarks;
  const listeners = new Set<() => void>();
  const registry: MarkRegistry = {
    marksAt: () => [],
    marks: () => [],
    topicCounts: () => (marks > 0 ? [{ topic: 'wmd', count: marks }] : []),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    registry,
    listeners,
    setMarks(count: number) {
      marks = count;
      for (const listener of [...listeners]) listener();
    },
  };
}

function fakeController(): HoverCardController {
  return { openNext: vi.fn(() => true), openPrevious: vi.fn(() => true), close: vi.fn(), destroy: vi.fn() };
}

describe('the card controller made on first marks', () => {
  it('is not made while the page has no marks, and commands find nothing to open', () => {
    const page = fakeRegistry();
    const create = vi.fn(fakeController);
    const card = createCardOnFirstMarks(page.registry, create, new AbortController().signal);
    page.setMarks(0);
    expect(card.openNext()).toBe(false);
    expect(card.openPrevious()).toBe(false);
    card.close();
    expect(create).not.toHaveBeenCalled();
  });

  it('is made once, when the first marks are published, and then stops listening for them', () => {
    const page = fakeRegistry();
    const made = fakeController();
    const create = vi.fn(() => made);
    const card = createCardOnFirstMarks(page.registry, create, new AbortController().signal);
    expect(page.listeners.size).toBe(1);
    page.setMarks(2);
    expect(create).toHaveBeenCalledTimes(1);
    expect(page.listeners.size).toBe(0);
    page.setMarks(0);
    page.setMarks(3);
    expect(create).toHaveBeenCalledTimes(1);
    // Marks that went away leave the controller in place: it is what closes an open card.
    page.setMarks(0);
    expect(card.openNext()).toBe(true);
    expect(made.openNext).toHaveBeenCalledTimes(1);
    card.openPrevious();
    card.close();
    expect(made.openPrevious).toHaveBeenCalledTimes(1);
    expect(made.close).toHaveBeenCalledTimes(1);
  });

  it('is made at once on a registry that already has marks', () => {
    const page = fakeRegistry(1);
    const create = vi.fn(fakeController);
    createCardOnFirstMarks(page.registry, create, new AbortController().signal);
    expect(create).toHaveBeenCalledTimes(1);
    expect(page.listeners.size).toBe(0);
  });

  it('is never made after the session ends, and leaves no listener behind', () => {
    const page = fakeRegistry();
    const create = vi.fn(fakeController);
    const session = new AbortController();
    const card = createCardOnFirstMarks(page.registry, create, session.signal);
    session.abort();
    expect(page.listeners.size).toBe(0);
    page.setMarks(1);
    expect(card.openNext()).toBe(false);
    expect(create).not.toHaveBeenCalled();
  });

  it('destroys the controller it made, and stops waiting when destroyed before any mark', () => {
    const page = fakeRegistry();
    const made = fakeController();
    const card = createCardOnFirstMarks(page.registry, () => made, new AbortController().signal);
    page.setMarks(1);
    card.destroy();
    expect(made.destroy).toHaveBeenCalledTimes(1);

    const waiting = fakeRegistry();
    const create = vi.fn(fakeController);
    createCardOnFirstMarks(waiting.registry, create, new AbortController().signal).destroy();
    expect(waiting.listeners.size).toBe(0);
    waiting.setMarks(1);
    expect(create).not.toHaveBeenCalled();
  });
});
