// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HiddenWatch, MAX_HIDDEN_REMEMBERED, REVEAL_CHECK_DELAY_MS } from '@/src/page/hidden-watch';
import { JobQueue, type Job } from '@/src/page/job-queue';
import { MentionChecker } from '@/src/page/mention-check';
import { setBody } from '../support/page';

const byId = (id: string) => document.getElementById(id) as HTMLElement;

function setup() {
  const queue = new JobQueue();
  const onDue = vi.fn();
  const checker = new MentionChecker(document.body);
  const watch = new HiddenWatch(checker, queue, onDue);
  const revealed = (): Job[] => {
    // The marker forgets the checker's answers at every slice; so does each look here.
    checker.reset();
    for (const _step of watch.planRevealed());
    const jobs: Job[] = [];
    for (let next = queue.next(); next; next = queue.next()) jobs.push(next);
    return jobs;
  };
  return { watch, queue, onDue, revealed };
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
});
afterEach(() => vi.useRealTimers());

describe('HiddenWatch', () => {
  it('checks again a moment after a hiding attribute changes, once however many changes come', () => {
    setBody('<p id="p" hidden>JINSA</p>');
    const { watch, onDue } = setup();
    watch.scheduleCheck();
    vi.advanceTimersByTime(REVEAL_CHECK_DELAY_MS * 2);
    // Nothing remembered: nothing to check.
    expect(onDue).not.toHaveBeenCalled();

    watch.remember(byId('p'), null);
    watch.scheduleCheck();
    watch.scheduleCheck();
    vi.advanceTimersByTime(REVEAL_CHECK_DELAY_MS - 1);
    expect(watch.due).toBe(false);
    vi.advanceTimersByTime(1);
    expect(onDue).toHaveBeenCalledTimes(1);
    expect(watch.due).toBe(true);
  });

  it('queues again the blocks shown now, in the order they were found, and keeps those still hidden', () => {
    setBody('<section id="a" hidden><p>JINSA</p></section><p id="b"><span id="s" hidden>JINSA</span></p><p id="c" hidden>JINSA</p>');
    const { watch, revealed } = setup();
    watch.remember(byId('a'), null);
    watch.remember(byId('b'), byId('s').firstChild as Text);
    watch.remember(byId('c'), null);
    byId('a').hidden = false;
    byId('s').hidden = false;
    expect(revealed()).toEqual([
      // The whole block was hidden: read it and what is inside; only a mention was: its own text.
      { block: byId('a'), deep: true, added: null, verified: false, flat: false },
      { block: byId('b'), deep: false, added: null, verified: false, flat: false },
    ]);
    expect(watch.due).toBe(false);
    expect(watch.size).toBe(1);
    byId('c').hidden = false;
    expect(revealed().map((job) => job.block)).toEqual([byId('c')]);
  });

  it('lets go of blocks the page removed', () => {
    setBody('<p id="a" hidden>x</p><p id="b" hidden>y</p>');
    const { watch, revealed } = setup();
    watch.remember(byId('a'), null);
    watch.remember(byId('b'), null);
    byId('a').remove();
    watch.forgetRemoved();
    expect(watch.size).toBe(1);
    byId('b').remove();
    expect(revealed()).toEqual([]);
    expect(watch.size).toBe(0);
  });

  it(`remembers at most ${MAX_HIDDEN_REMEMBERED} blocks, but keeps updating those it has`, () => {
    const { watch } = setup();
    const first = document.createElement('p');
    watch.remember(first, null);
    for (let index = 1; index < MAX_HIDDEN_REMEMBERED + 10; index += 1) watch.remember(document.createElement('p'), null);
    expect(watch.size).toBe(MAX_HIDDEN_REMEMBERED);
    watch.remember(first, new Text('x'));
    expect(watch.size).toBe(MAX_HIDDEN_REMEMBERED);
  });

  it('runs a scheduled check at once when asked, and forgets everything on clear', () => {
    setBody('<p id="p" hidden>x</p>');
    const { watch, onDue } = setup();
    expect(watch.checkNow()).toBe(false);
    watch.remember(byId('p'), null);
    watch.scheduleCheck();
    expect(watch.checkNow()).toBe(true);
    expect(watch.due).toBe(true);
    expect(onDue).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(REVEAL_CHECK_DELAY_MS);
    expect(onDue).toHaveBeenCalledTimes(1);

    watch.scheduleCheck();
    watch.clear();
    vi.advanceTimersByTime(REVEAL_CHECK_DELAY_MS);
    expect(onDue).toHaveBeenCalledTimes(1);
    expect(watch.due).toBe(false);
    expect(watch.size).toBe(0);
  });
});
