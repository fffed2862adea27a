// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readSubtree } from '@/src/page/reading';
import { mountDiv, readAll } from '../../support/reading';

describe('readSubtree', () => {
  it('reads every block of a subtree in one walk, nested blocks first, each with its own text', () => {
    const root = mountDiv('Intro <b>bold <i>deep</i></b><p>Nested <em>inline</em></p> outro<br>after<ul><li>one</li><li>two</li></ul>');
    expect(readAll(root)).toEqual(['p: Nested inline', 'li: one', 'li: two', 'div: Intro bold deep\n outro\nafter\n']);
  });

  it('turns blank text nodes into one gap a mention may span, and skipped elements into breaks', () => {
    const root = mountDiv('<p><b>mutual</b>\n   <i>defense</i>  treaty</p><p>mutual <code>x</code> defense<textarea>typed</textarea>treaty</p>');
    expect(readAll(root)).toEqual(['p: mutual defense  treaty', 'p: mutual \n defense\ntreaty', 'div: -']);
  });

  it('in a shallow read, reads only the root and blocks inside added nodes', () => {
    const root = mountDiv('<p>old</p>text <span id="new"><p>inside new</p></span>');
    expect(readAll(root, false)).toEqual(['div: text \n']);
    const added = new Set<Node>([root.querySelector('#new') as Node]);
    expect(readAll(root, false, added)).toEqual(['p: inside new', 'div: text \n']);
  });

  it('hands a block whose text runs through a component to the flat-tree reader', () => {
    const root = mountDiv('<p>Read <x-card></x-card> more</p><p>plain</p>');
    (root.querySelector('x-card') as HTMLElement).attachShadow({ mode: 'open' }).append('inside');
    expect(readAll(root)).toEqual(['p: via x-card', 'p: plain', 'div: -']);
  });

  it('breaks between two words that touch across a CSS block boundary, and only there', () => {
    const root = mountDiv('<p><span style="display:block">Home</span><span>World</span> and <b>U</b>nited</p>');
    expect(readAll(root)).toEqual(['p: Home\nWorld and United', 'div: -']);
  });

  it('pauses every few hundred nodes', () => {
    const root = mountDiv(Array.from({ length: 1000 }, (_, index) => `<span>${index}</span>`).join(''));
    const batches = [...readSubtree(root, { deep: true, added: null })];
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.flat()).toHaveLength(1);
  });
});
