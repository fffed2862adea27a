// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Matcher } from '@/src/matching/types';
import { BlockMarker } from '@/src/page/block-marker';
import { HiddenWatch } from '@/src/page/hidden-watch';
import { JobQueue, type Job } from '@/src/page/job-queue';
import { MarkStore } from '@/src/page/mark-store';
import { MentionChecker } from '@/src/page/mention-check';
import { fakeMatcher, TEST_TERMS, TEST_TOPICS } from '../support/fake-matcher';
import { setBody } from '../support/page';

function setup(matcher: Matcher | (() => Matcher) = fakeMatcher(TEST_TERMS)) {
  const root = document.body;
  const store = new MarkStore(100, TEST_TOPICS);
  store.setFilter({ enabledTopics: new Set(TEST_TOPICS), mode: 'every' });
  const checker = new MentionChecker(root);
  const queue = new JobQueue();
  const hidden = new HiddenWatch(checker, queue, () => undefined);
  const state = { active: true };
  const onShadowRoot = vi.fn();
  const blocks = new BlockMarker({ root, matcher, store, checker, queue, hidden, onShadowRoot, isActive: () => state.active });
  /** Runs `job` and every job it queues, as the marker's work loop would. */
  const runAll = (job: Job): void => {
    queue.add(job);
    for (let next = queue.next(); next; next = queue.next()) for (const _step of blocks.run(next));
    store.commit();
  };
  const marked = () => store.registry.marks().map((mark) => mark.range.toString());
  return { blocks, store, queue, hidden, state, onShadowRoot, runAll, marked };
}

const deepJob = (block: Element): Job => ({ block, deep: true, added: null, verified: true, flat: false });

beforeEach(() => document.body.replaceChildren());

describe('BlockMarker', () => {
  it('reads a subtree, marks what it finds and counts its work', () => {
    setBody('<p>JINSA wrote.</p><ul><li>The Abraham Accords</li><li>Nothing here</li></ul>');
    const { blocks, runAll, marked } = setup();
    runAll(deepJob(document.body));
    expect(marked()).toEqual(['JINSA', 'Abraham Accords']);
    expect(blocks.blocksRead).toBe(3);
    expect(blocks.matcherCalls).toBe(3);
  });

  it('reads a block whose text runs through a component over the flat tree, and reports the shadow root', () => {
    setBody('<p id="p">The mutual <x-term></x-term> treaty.</p>');
    const host = document.querySelector('x-term') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append('defense');
    const { runAll, marked, onShadowRoot } = setup();
    runAll(deepJob(document.body));
    // A tree boundary breaks the text: the phrase is not joined across it.
    expect(marked()).toEqual([]);
    expect(onShadowRoot).toHaveBeenCalledWith(shadow);
    shadow.replaceChildren(document.createElement('slot'));
    host.append('defense');
    runAll({ block: document.getElementById('p') as Element, deep: false, added: null, verified: false, flat: false });
    expect(marked()).toEqual(['mutual defense treaty']);
  });

  it('remembers hidden blocks and hidden mentions for a later look, and marks neither', () => {
    setBody('<section id="s" hidden><p>JINSA</p></section><p id="p">A <span hidden>JINSA</span> mention.</p>');
    const { runAll, marked, hidden } = setup();
    runAll({ block: document.getElementById('s') as Element, deep: true, added: null, verified: false, flat: false });
    runAll({ block: document.getElementById('p') as Element, deep: false, added: null, verified: false, flat: false });
    expect(marked()).toEqual([]);
    expect(hidden.size).toBe(2);
  });

  it('builds a lazy matcher only when prepared, in steps, and runs it once before any block', () => {
    const built = fakeMatcher(TEST_TERMS);
    const build = vi.fn(() => built);
    const { blocks } = setup(build);
    expect(blocks.ready).toBe(false);
    expect(build).not.toHaveBeenCalled();
    const steps = blocks.prepare();
    expect(steps.next().done).toBe(false);
    expect(blocks.ready).toBe(true);
    expect(built.calls).toEqual([]);
    while (!steps.next().done);
    expect(built.calls).toHaveLength(1);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('stops at the next block once marking is off', () => {
    setBody('<p>JINSA one</p><p>JINSA two</p>');
    const matcher = fakeMatcher(TEST_TERMS);
    const scan = matcher.scan.bind(matcher);
    let onScan = (): void => undefined;
    matcher.scan = (text) => {
      onScan();
      return scan(text);
    };
    const { blocks, runAll, marked, state } = setup(matcher);
    // Marking is switched off while the first block is matched.
    onScan = () => {
      state.active = false;
    };
    runAll(deepJob(document.body));
    expect(blocks.blocksRead).toBe(1);
    expect(marked()).toEqual(['JINSA']);
  });
});
