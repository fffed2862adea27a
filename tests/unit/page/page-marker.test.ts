// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { POLICY_LENS_UI_TAG } from '@/src/page/exclusions';
import { FLASH_HIGHLIGHT_NAME, highlightName } from '@/src/page/highlights';
import { createPageMarker } from '@/src/page/page-marker';
import { fakeMatcher, TEST_TERMS } from '../support/fake-matcher';
import { highlightRegistry, highlightTexts } from '../support/highlight-api';
import { createTestMarker, MARK_ALL, markTexts, setBody, startMarker, usePageTestEnvironment } from '../support/page';

usePageTestEnvironment();

const PHRASE = 'mutual defense treaty';

describe('matching over the DOM', () => {
  it('finds a phrase split across inline elements and maps it to the right text nodes', async () => {
    setBody('<p id="p">The <b>mutual</b> defense <a href="#">treaty</a> was signed.</p>');
    const { marker } = await startMarker();

    const [mark, ...rest] = marker.registry.marks();
    expect(rest).toEqual([]);
    const bold = document.querySelector('b')?.firstChild;
    const link = document.querySelector('a')?.firstChild;
    expect(mark?.range.startContainer).toBe(bold);
    expect(mark?.range.startOffset).toBe(0);
    expect(mark?.range.endContainer).toBe(link);
    expect(mark?.range.endOffset).toBe('treaty'.length);
    expect(mark?.range.toString()).toBe(PHRASE);
    expect(mark).toMatchObject({ topics: ['treaty'], term: PHRASE, text: PHRASE });
  });

  it('maps an offset inside a longer text node', async () => {
    setBody('<p>Officials said the mutual defense treaty stalled.</p>');
    const { marker } = await startMarker();
    const mark = marker.registry.marks()[0];
    expect(mark?.range.startOffset).toBe('Officials said the '.length);
    expect(mark?.range.toString()).toBe(PHRASE);
  });

  it('does not join text across block boundaries or line breaks', async () => {
    setBody('<div><div>mutual defense</div><div>treaty</div></div><p>mutual defense<br>treaty</p><ul><li>mutual</li><li>defense treaty</li></ul>');
    const { marker, matcher } = await startMarker();
    expect(marker.registry.marks()).toEqual([]);
    expect(matcher.calls.some((text) => text.includes('mutual defense\ntreaty'))).toBe(true);
  });

  it('gives context rules the whole block: one matcher call per paragraph', async () => {
    setBody('<p>First <i>part</i> of a paragraph, <b>then</b> the rest.</p>');
    const { matcher } = await startMarker();
    expect(matcher.calls).toContain('First part of a paragraph, then the rest.');
  });

  it('marks one span naming several topics once, listing every topic', async () => {
    setBody('<p>Fear of a nuclear Iran grows.</p>');
    const { marker } = await startMarker();
    const marks = marker.registry.marks();
    expect(marks).toHaveLength(1);
    expect(marks[0]?.topics).toEqual(['iran', 'nuclear']);
    const registry = highlightRegistry();
    expect(highlightTexts(registry.get(highlightName('underline', 'iran')))).toEqual(['nuclear Iran']);
    expect(highlightTexts(registry.get(highlightName('underline', 'nuclear')))).toEqual(['nuclear Iran']);
  });

  it('scans open shadow roots of page components, and watches them for changes', async () => {
    setBody('<p>Light text.</p><article-card></article-card>');
    const host = document.querySelector('article-card') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.textContent = 'JINSA published a paper.';
    shadow.append(inner);
    const { marker } = await startMarker();

    const mark = marker.registry.marks('jinsa')[0];
    expect(mark?.range.startContainer).toBe(inner.firstChild);

    const added = document.createElement('p');
    added.textContent = 'The Abraham Accords expanded.';
    shadow.append(added);
    await marker.settled();
    expect(markTexts(marker, 'accords')).toEqual(['Abraham Accords']);
  });

  it('reads slotted light text where the slot renders it, and drops it once unslotted', async () => {
    setBody('<p>Read <em-x>mutual defense</em-x> treaty news.</p>');
    const host = document.querySelector('em-x') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append('[', document.createElement('slot'), ']');
    const { marker } = await startMarker();
    // The shadow tree's brackets break the text; the slotted text still reads on with the paragraph's.
    expect(marker.registry.marks()).toEqual([]);

    shadow.replaceChildren(document.createElement('slot'));
    await marker.settled();
    const mark = marker.registry.marks()[0];
    expect(mark?.range.startContainer).toBe(host.firstChild);
    expect(mark?.range.toString()).toBe(PHRASE);

    // Without a slot the light text is not rendered, so it is not marked.
    shadow.replaceChildren('JINSA');
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA']);
  });
});

describe('what is never marked', () => {
  const excluded: Array<[string, string]> = [
    ['textarea', `<textarea>${PHRASE}</textarea>`],
    ['select', `<select><option>${PHRASE}</option></select>`],
    ['input (its value is not text)', `<input value="${PHRASE}">`],
    ['contenteditable subtree', `<div contenteditable="true"><p><span>${PHRASE}</span></p></div>`],
    ['contenteditable without value', `<div contenteditable><p>${PHRASE}</p></div>`],
    ['script', `<script type="text/plain">${PHRASE}</script>`],
    ['style', `<style>/* ${PHRASE} */</style>`],
    ['noscript', `<noscript>${PHRASE}</noscript>`],
    ['template', `<template><p>${PHRASE}</p></template>`],
    ['code', `<p>Run <code>${PHRASE}</code> now</p>`],
    ['pre', `<pre>${PHRASE}</pre>`],
    ['kbd', `<p>Press <kbd>${PHRASE}</kbd></p>`],
    ['svg', `<svg><text>${PHRASE}</text></svg>`],
    ['math', `<math><mi>${PHRASE}</mi></math>`],
    ['hidden', `<div hidden><p>${PHRASE}</p></div>`],
    ['aria-hidden', `<div aria-hidden="true"><p>${PHRASE}</p></div>`],
    ['display:none', `<div style="display:none"><p>${PHRASE}</p></div>`],
    ['inline display:none', `<p>A <span style="display: none">${PHRASE}</span> B</p>`],
    ['visibility:hidden', `<div style="visibility: hidden"><p>${PHRASE}</p></div>`],
    ['display:none from a style sheet', `<style>.folded { display: none }</style><div class="folded"><p>${PHRASE}</p></div>`],
    ['a phrase cut by a CSS block', `<p><span style="display: block">mutual defense</span> treaty</p>`],
    ['a phrase with a hidden word', `<p>mutual <span style="display: none">defense</span> treaty</p>`],
    ['our own UI', `<${POLICY_LENS_UI_TAG}><p>${PHRASE}</p></${POLICY_LENS_UI_TAG}>`],
  ];

  it.each(excluded)('skips %s', async (_name, html) => {
    setBody(`${html}<p id="control">JINSA</p>`);
    const { marker } = await startMarker();
    expect(markTexts(marker)).toEqual(['JINSA']);
  });

  it('does not join the text on both sides of a skipped element', async () => {
    setBody('<p>mutual <code>x</code> defense treaty</p><p>mutual defense <span hidden>x</span>treaty</p>');
    const { marker } = await startMarker();
    expect(marker.registry.marks()).toEqual([]);
  });

  it('never looks inside our own UI host, even its shadow root', async () => {
    setBody(`<p>JINSA</p><${POLICY_LENS_UI_TAG}></${POLICY_LENS_UI_TAG}>`);
    const host = document.querySelector(POLICY_LENS_UI_TAG) as HTMLElement;
    host.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('p'), { textContent: PHRASE }));
    const { marker, matcher } = await startMarker();
    expect(markTexts(marker)).toEqual(['JINSA']);
    expect(matcher.calls.join(' ')).not.toContain('mutual');
  });
});

describe('the page DOM is never modified', () => {
  it('leaves body markup byte-identical and adds nothing to head or adopted sheets', async () => {
    setBody(
      '<h1>The <b>mutual</b> defense treaty</h1><p class="lead" style="color: red">JINSA on the Abraham Accords.</p>' +
        '<ul><li>nuclear Iran</li></ul><!-- a comment --><div hidden>JINSA</div>',
    );
    const bodyBefore = document.body.innerHTML;
    const headBefore = document.head.innerHTML;
    const { marker } = await startMarker();
    expect(marker.registry.marks().length).toBe(4);
    marker.update({ ...MARK_ALL, highlightStyle: 'background' });
    marker.reveal('jinsa', 0);
    await marker.settled();
    expect(document.body.innerHTML).toBe(bodyBefore);
    expect(document.head.innerHTML).toBe(headBefore);
    expect(document.documentElement.attributes.length).toBe(0);
    expect(document.adoptedStyleSheets ?? []).toHaveLength(0);
  });
});

describe('live pages', () => {
  it('marks an added paragraph, re-marks changed text and drops marks of removed nodes', async () => {
    setBody('<main><p id="first">JINSA wrote.</p></main>');
    const { marker } = await startMarker();
    expect(markTexts(marker)).toEqual(['JINSA']);

    const added = document.createElement('p');
    added.textContent = `A ${PHRASE} was debated.`;
    document.querySelector('main')?.append(added);
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA', PHRASE]);

    (added.firstChild as Text).data = 'Then the Abraham Accords came up.';
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA', 'Abraham Accords']);

    document.getElementById('first')?.remove();
    await marker.settled();
    expect(markTexts(marker)).toEqual(['Abraham Accords']);
    expect(highlightRegistry().has(highlightName('underline', 'jinsa'))).toBe(false);
  });

  it('only queues work in the observer callback, and batches mutations into the next frame', async () => {
    setBody('<main></main>');
    const frames: Array<() => void> = [];
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    const runFrames = async () => {
      while (frames.length > 0) {
        frames.shift()?.();
        await nextTask();
      }
    };
    const { marker, matcher } = createTestMarker({
      sliceHost: { requestFrame: (callback) => void frames.push(callback), yieldToHost: async () => undefined },
    });
    await runFrames();
    const main = document.querySelector('main') as HTMLElement;
    main.append(Object.assign(document.createElement('p'), { textContent: 'JINSA one' }));
    await nextTask();
    main.append(Object.assign(document.createElement('p'), { textContent: 'JINSA two' }));
    await nextTask();
    // Both observer callbacks have run: nothing was read yet, and one frame is pending for both.
    expect(matcher.calls).toEqual([]);
    expect(frames).toHaveLength(1);
    await runFrames();
    expect(matcher.calls).toEqual(['JINSA one', 'JINSA two']);
    expect(markTexts(marker)).toEqual(['JINSA', 'JINSA']);
    expect(marker.stats().batches).toBe(2);
  });

  it('with firstScanWithoutFrame, reads the page in the next task, and still batches later changes into the next frame', async () => {
    setBody('<main><p>JINSA first</p></main>');
    const frames: Array<() => void> = [];
    const { marker, matcher } = createTestMarker({
      firstScanWithoutFrame: true,
      sliceHost: { requestFrame: (callback) => void frames.push(callback), yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)) },
    });
    // Not in the task that made the marker.
    expect(matcher.calls).toEqual([]);
    await marker.settled();
    expect(frames).toEqual([]);
    expect(markTexts(marker)).toEqual(['JINSA']);
    document.querySelector('main')?.append(Object.assign(document.createElement('p'), { textContent: 'JINSA later' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA', 'JINSA']);
  });

  it('re-reads a paragraph when inline content is added inside it', async () => {
    setBody('<p id="p">The mutual defense</p>');
    const { marker } = await startMarker();
    expect(marker.registry.marks()).toEqual([]);
    document.getElementById('p')?.append(' ', Object.assign(document.createElement('b'), { textContent: 'treaty' }));
    await marker.settled();
    expect(markTexts(marker)).toEqual([PHRASE]);
  });

  it('reads only the changed block again, not the whole page', async () => {
    setBody(Array.from({ length: 20 }, (_, index) => `<p>Paragraph ${index} about JINSA.</p>`).join(''));
    const { marker, matcher } = await startMarker();
    const before = matcher.calls.length;
    const target = document.querySelectorAll('p')[7]?.firstChild as Text;
    target.data = 'Paragraph 7 about the Abraham Accords.';
    await marker.settled();
    expect(matcher.calls.slice(before)).toEqual(['Paragraph 7 about the Abraham Accords.']);
    expect(marker.registry.topicCounts()).toEqual([
      { topic: 'jinsa', count: 19 },
      { topic: 'accords', count: 1 },
    ]);
  });

  it('handles single-page navigation: old content out, new content in, first-mention order right', async () => {
    setBody('<main><article><p>Old story on JINSA.</p></article></main>');
    const { marker } = await startMarker({ settings: { ...MARK_ALL, markMode: 'first' } });
    const main = document.querySelector('main') as HTMLElement;
    const next = document.createElement('article');
    next.append(Object.assign(document.createElement('p'), { textContent: 'New story: JINSA and a nuclear Iran.' }));
    main.replaceChildren(next);
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA', 'nuclear Iran']);
    expect(marker.registry.marks('jinsa')[0]?.range.startContainer.isConnected).toBe(true);

    // Infinite scroll: a later article adds mentions, but the first stays first.
    const more = document.createElement('article');
    more.append(Object.assign(document.createElement('p'), { textContent: 'Older: JINSA again.' }));
    main.append(more);
    main.prepend(Object.assign(document.createElement('p'), { textContent: 'Top: the Abraham Accords.' }));
    await marker.settled();
    expect(markTexts(marker)).toEqual(['Abraham Accords', 'JINSA', 'nuclear Iran']);
    expect(marker.registry.topicCounts().find((entry) => entry.topic === 'jinsa')?.count).toBe(2);
  });

  it('marks content that was hidden when scanned once it is shown', async () => {
    setBody('<div id="wrap" aria-hidden="true"><p>JINSA</p></div><div id="more" style="display: none"><p>Abraham Accords</p></div>');
    const { marker } = await startMarker();
    expect(marker.registry.marks()).toEqual([]);
    document.getElementById('wrap')?.removeAttribute('aria-hidden');
    (document.getElementById('more') as HTMLElement).style.display = '';
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA', 'Abraham Accords']);
  });

  it('marks a hidden mention once a class change shows it, without reading the page again', async () => {
    setBody('<style>.closed { display: none }</style><p>Intro.</p><section id="more" class="closed"><p>JINSA wrote.</p></section>');
    const { marker, matcher } = await startMarker();
    expect(markTexts(marker)).toEqual([]);
    const calls = matcher.calls.length;
    document.getElementById('more')?.classList.remove('closed');
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA']);
    // Only the block with the hidden mention was read again.
    expect(matcher.calls.slice(calls)).toEqual(['JINSA wrote.']);
  });

  it('is immune to its own work: marking, styling, revealing and our UI cause no further scans', async () => {
    setBody('<p>JINSA and the Abraham Accords.</p>');
    const { marker, matcher } = await startMarker();
    const calls = matcher.calls.length;
    const { blocksRead, batches } = marker.stats();

    marker.update({ ...MARK_ALL, highlightStyle: 'background' });
    marker.update({ ...MARK_ALL, disabledTopics: ['jinsa'] });
    marker.reveal('accords', 0);
    const ui = document.createElement(POLICY_LENS_UI_TAG);
    ui.append(Object.assign(document.createElement('p'), { textContent: PHRASE }));
    document.body.append(ui);
    ui.setAttribute('style', 'top: 10px');
    ui.firstChild?.appendChild(document.createTextNode(' JINSA'));
    await marker.settled();

    expect(matcher.calls.length).toBe(calls);
    expect(marker.stats().blocksRead).toBe(blocksRead);
    expect(marker.stats().batches).toBe(batches + 1);
  });

  it('keeps at most maxMarks marks however many mentions the page has', async () => {
    setBody(Array.from({ length: 30 }, () => '<p>JINSA</p>').join(''));
    const { marker } = await startMarker({ maxMarks: 10 });
    expect(marker.registry.marks()).toHaveLength(10);
    expect(marker.stats()).toMatchObject({ marks: 10, capped: true });
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Abraham Accords' }));
    await marker.settled();
    expect(marker.stats().marks).toBe(10);
  });
});

describe('settings apply live', () => {
  it('first-mention mode shows one mark per topic but counts them all', async () => {
    setBody('<p>JINSA one.</p><p>JINSA two, Abraham Accords.</p><p>JINSA three.</p>');
    const { marker, matcher } = await startMarker({ settings: { ...MARK_ALL, markMode: 'first' } });
    expect(markTexts(marker)).toEqual(['JINSA', 'Abraham Accords']);
    expect(marker.registry.marks('jinsa')[0]?.range.startContainer.textContent).toBe('JINSA one.');
    expect(marker.registry.topicCounts()).toEqual([
      { topic: 'jinsa', count: 3 },
      { topic: 'accords', count: 1 },
    ]);
    const calls = matcher.calls.length;
    marker.update(MARK_ALL);
    expect(markTexts(marker)).toEqual(['JINSA', 'JINSA', 'Abraham Accords', 'JINSA']);
    expect(highlightRegistry().get(highlightName('underline', 'jinsa'))?.size).toBe(3);
    expect(matcher.calls.length).toBe(calls);
  });

  it('toggles a topic instantly, without scanning again', async () => {
    setBody('<p>JINSA on the Abraham Accords.</p>');
    const { marker, matcher } = await startMarker();
    const calls = matcher.calls.length;
    const jinsaName = highlightName('underline', 'jinsa');
    const jinsaHighlight = highlightRegistry().get(jinsaName);

    marker.update({ ...MARK_ALL, disabledTopics: ['jinsa'] });
    expect(highlightRegistry().has(jinsaName)).toBe(false);
    expect(markTexts(marker)).toEqual(['Abraham Accords']);
    expect(marker.registry.topicCounts()).toEqual([{ topic: 'accords', count: 1 }]);

    marker.update(MARK_ALL);
    expect(highlightRegistry().get(jinsaName)).toBe(jinsaHighlight);
    expect(markTexts(marker)).toEqual(['JINSA', 'Abraham Accords']);
    expect(matcher.calls.length).toBe(calls);
  });

  it('switches style by re-registering the same highlights; "none" keeps marks for hovering', async () => {
    setBody('<p>JINSA</p>');
    const { marker } = await startMarker();
    const registry = highlightRegistry();
    const highlight = registry.get(highlightName('underline', 'jinsa'));
    expect(highlight?.size).toBe(1);

    marker.update({ ...MARK_ALL, highlightStyle: 'background' });
    expect(registry.get(highlightName('background', 'jinsa'))).toBe(highlight);
    expect(registry.has(highlightName('underline', 'jinsa'))).toBe(false);

    marker.update({ ...MARK_ALL, highlightStyle: 'none' });
    expect(registry.size).toBe(0);
    const text = document.querySelector('p')?.firstChild as Text;
    expect(marker.registry.marksAt(text, 2).map((mark) => mark.text)).toEqual(['JINSA']);

    marker.update(MARK_ALL);
    expect(registry.get(highlightName('underline', 'jinsa'))).toBe(highlight);
  });

  it('ignores settings changes that do not concern marking', async () => {
    setBody('<p>JINSA</p>');
    const { marker } = await startMarker();
    const listener = vi.fn();
    marker.registry.subscribe(listener);
    marker.update({ ...MARK_ALL, disabledTopics: ['not-a-topic'] });
    marker.update({ ...MARK_ALL, pausedSites: ['elsewhere.example'] });
    expect(listener).not.toHaveBeenCalled();
    marker.update({ ...MARK_ALL, markMode: 'first' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['the master switch is off', { ...MARK_ALL, enabled: false }],
    ['the site is paused', { ...MARK_ALL, pausedSites: ['example'] }],
    ['every topic is off', { ...MARK_ALL, disabledTopics: ['treaty', 'accords', 'jinsa', 'iran', 'nuclear'] }],
  ])('clears marks and stops watching when %s, and comes back when turned on', async (_name, off) => {
    setBody('<p>JINSA</p>');
    const { marker, matcher } = await startMarker({ hostname: 'www.news.example', settings: { ...MARK_ALL, pausedSites: ['news.example'] } });
    expect(marker.registry.marks()).toEqual([]);
    expect(matcher.calls).toEqual([]);

    marker.update(MARK_ALL);
    await marker.settled();
    expect(markTexts(marker)).toEqual(['JINSA']);

    marker.update(off);
    expect(marker.registry.marks()).toEqual([]);
    expect(highlightRegistry().size).toBe(0);
    const calls = matcher.calls.length;
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'JINSA again' }));
    await marker.settled();
    expect(matcher.calls.length).toBe(calls);
  });
});

describe('highlight registry upkeep', () => {
  it('restores entries the page deletes or replaces', async () => {
    setBody('<p>JINSA and the Abraham Accords.</p>');
    const { marker } = await startMarker();
    const registry = highlightRegistry();
    const jinsaName = highlightName('underline', 'jinsa');
    const accordsName = highlightName('underline', 'accords');
    const ours = registry.get(accordsName);

    registry.delete(jinsaName);
    registry.set(accordsName, new Highlight());
    document.dispatchEvent(new Event('visibilitychange'));
    expect(registry.get(accordsName)).toBe(ours);
    expect(registry.get(jinsaName)?.size).toBe(1);

    registry.clear();
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'More.' }));
    await marker.settled();
    expect([...registry.keys()].sort()).toEqual([accordsName, jinsaName]);
    expect(marker.stats().restoredHighlights).toBe(4);
  });

  it('restores entries on its periodic check', async () => {
    setBody('<p>JINSA</p>');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { marker } = await startMarker();
      highlightRegistry().clear();
      vi.advanceTimersByTime(1000);
      expect(highlightRegistry().size).toBe(1);
      expect(marker.stats().restoredHighlights).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('reveal', () => {
  it('scrolls to and flashes the requested mark, wrapping around', async () => {
    setBody('<p id="a">JINSA one</p><p id="b">JINSA two</p>');
    const scrolled: Element[] = [];
    vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this);
    });
    const { marker } = await startMarker();
    expect(marker.reveal('jinsa', 3)).toEqual({ index: 1, total: 2 });
    expect(scrolled).toEqual([document.getElementById('b')]);
    expect(highlightTexts(highlightRegistry().get(FLASH_HIGHLIGHT_NAME))).toEqual(['JINSA']);
    expect(marker.reveal('jinsa', -1)).toEqual({ index: 1, total: 2 });
    expect(marker.reveal('accords', 0)).toEqual({ index: -1, total: 0 });
  });
});

describe('destroy', () => {
  it('disconnects everything: no marks, no highlights, no further work', async () => {
    setBody('<p>JINSA</p>');
    const { marker, matcher } = await startMarker();
    const listener = vi.fn();
    marker.registry.subscribe(listener);
    marker.destroy();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(marker.registry.marks()).toEqual([]);
    expect(highlightRegistry().size).toBe(0);

    const calls = matcher.calls.length;
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'JINSA' }));
    marker.update(MARK_ALL);
    await marker.settled();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(matcher.calls.length).toBe(calls);
    expect(highlightRegistry().size).toBe(0);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('stops when its signal aborts (the content script was invalidated)', async () => {
    setBody('<p>JINSA</p>');
    const controller = new AbortController();
    const matcher = fakeMatcher(TEST_TERMS);
    const { marker } = await startMarker({ signal: controller.signal, matcher });
    expect(marker.registry.marks()).toHaveLength(1);
    controller.abort();
    expect(highlightRegistry().size).toBe(0);
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'JINSA' }));
    await marker.settled();
    expect(marker.stats().marks).toBe(0);
  });

  it('stops mid-scan: a large first scan is abandoned after destroy', async () => {
    // Enough nodes for many pauses: the reader pauses every few hundred nodes.
    setBody(Array.from({ length: 3000 }, () => '<p>JINSA</p>').join(''));
    const matcher = fakeMatcher(TEST_TERMS);
    let clock = 0;
    let resume: (() => void) | null = null;
    const marker = createPageMarker({
      matcher,
      topics: ['jinsa'],
      settings: MARK_ALL,
      hostname: 'news.example',
      // Every clock reading advances 1 ms and a slice may take 1 ms: one step per slice. (Eight
      // steps, a thousand paragraphs in happy-dom, took over 2 s and timed out on a loaded machine.)
      budgetMs: 1,
      sliceHost: {
        now: () => (clock += 1),
        yieldToHost: () => new Promise<void>((resolve) => (resume = resolve)),
      },
    });
    /** Waits for the scan to pause between slices and returns what resumes it. */
    const paused = async (): Promise<() => void> => {
      while (!resume) await new Promise((resolve) => setTimeout(resolve, 0));
      const next: () => void = resume;
      resume = null;
      return next;
    };
    // Slice by slice until the scan has read some of the page: then it is stopped in the middle.
    let proceed = await paused();
    while (matcher.calls.length === 0) {
      proceed();
      proceed = await paused();
    }
    expect(marker.scanning).toBe(true);
    const calls = matcher.calls.length;
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(3000);

    marker.destroy();
    proceed();
    await marker.settled();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(matcher.calls.length).toBe(calls);
    expect(marker.stats().marks).toBe(0);
  });
});
