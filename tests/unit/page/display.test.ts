// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { displayKindOf, isCutBetween } from '@/src/page/display';
import { mountDiv } from '../support/reading';

describe('isCutBetween', () => {
  it('finds line breaks, blocks, hidden and skipped elements between two text nodes, wherever they sit', () => {
    const root = mountDiv(
      '<p id="a">one<span><br></span>two</p><p id="b"><i>one</i><span style="display:none"></span>two</p>' +
        '<p id="c"><b>one</b> <a>two</a></p><p id="d"><span style="display:inline-block">one</span><em>two</em></p>',
    );
    const texts = (id: string): Text[] => {
      const walker = document.createTreeWalker(root.querySelector(`#${id}`) as Node, NodeFilter.SHOW_TEXT);
      const found: Text[] = [];
      while (walker.nextNode()) found.push(walker.currentNode as Text);
      return found;
    };
    const [a1, a2] = texts('a');
    const [b1, b2] = texts('b');
    const [c1, , c3] = texts('c');
    const [d1, d2] = texts('d');
    expect(isCutBetween(a1 as Text, a2 as Text)).toBe(true);
    expect(isCutBetween(b1 as Text, b2 as Text)).toBe(true);
    expect(isCutBetween(c1 as Text, c3 as Text)).toBe(false);
    expect(isCutBetween(d1 as Text, d2 as Text)).toBe(false);
    expect(isCutBetween(a2 as Text, b1 as Text)).toBe(true);
  });
});

describe('displayKindOf', () => {
  it.each([
    ['block', 'div', 'block'],
    ['flex', 'div', 'block'],
    ['table-cell', 'td', 'block'],
    ['list-item', 'li', 'block'],
    ['inline', 'span', 'inline'],
    ['inline-block', 'span', 'inline'],
    ['inline flow-root', 'span', 'inline'],
    ['contents', 'div', 'inline'],
    ['none', 'span', 'none'],
    ['', 'p', 'block'],
    ['', 'em', 'inline'],
  ])('display %j on <%s> is %s', (display, tag, kind) => {
    expect(displayKindOf(display, tag)).toBe(kind);
  });
});
