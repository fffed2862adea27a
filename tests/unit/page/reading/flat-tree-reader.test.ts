// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readBlock } from '@/src/page/reading';
import { mountDiv, readFlat } from '../../support/reading';

describe('readBlock', () => {
  it("reads a block's own inline text and lists nested blocks", () => {
    const block = mountDiv('Intro <b>bold <i>deep</i></b><p>Nested</p> outro<br>after');
    const { text, nested } = readFlat(block);
    expect(text.text).toBe('Intro bold deep\n outro\nafter');
    expect(nested.map((element) => element.localName)).toEqual(['p']);
  });

  it('in a shallow read, lists only nested blocks inside added nodes', () => {
    const block = mountDiv('<p>old</p><span id="new"><p>inside new</p></span>');
    expect(readFlat(block, false).nested).toEqual([]);
    const added = new Set<Node>([block.querySelector('#new') as Node]);
    expect(readFlat(block, false, added).nested.map((element) => element.textContent)).toEqual(['inside new']);
  });

  it('breaks at elements skipped for good, but reads hidden ones (their mentions are checked when found)', () => {
    const block = mountDiv('<span hidden>a</span><code>b</code><span aria-hidden="true">c</span><span style="display:none">d</span>');
    expect(readFlat(block).text.text).toBe('a\ncd');
  });

  it('yields while walking a long block, so it can be paused', () => {
    const block = mountDiv(Array.from({ length: 300 }, (_, index) => `<span>${index}</span>`).join(''));
    const reading = readBlock(block, { deep: true, added: null, onShadowRoot: () => undefined });
    let steps = 0;
    while (!reading.next().done) steps += 1;
    expect(steps).toBeGreaterThan(5);
  });
});
