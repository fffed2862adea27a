// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BlockText } from '@/src/page/block-text';
import { readBlock, textWindows, type BlockRead } from '@/src/page/blocks';
import { displayKindOf, isCutBetween } from '@/src/page/display';
import { compareTreeOrder, flatParent } from '@/src/page/flat-tree';
import { matchBlock } from '@/src/page/match-block';
import { readSubtree, type SubtreeBlock } from '@/src/page/subtree-reader';
import { fakeMatcher } from './support/fake-matcher';

function read(block: Element, deep = true, added: Set<Node> | null = null): BlockRead {
  const reading = readBlock(block, { deep, added, onShadowRoot: () => undefined });
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
  }
}

function drain<T>(generator: Generator<void, T>): T {
  for (;;) {
    const step = generator.next();
    if (step.done) return step.value;
  }
}

function div(html: string): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = html;
  document.body.replaceChildren(element);
  return element;
}

describe('BlockText', () => {
  it('maps text offsets to node positions, ends belonging to the node before', () => {
    const [a, b] = [new Text('ab'), new Text('cd')];
    const text = new BlockText();
    text.appendNode(a);
    text.appendNode(b);
    expect(text.text).toBe('abcd');
    expect(text.positionAt(2, 'start')).toEqual({ node: b, offset: 0 });
    expect(text.positionAt(2, 'end')).toEqual({ node: a, offset: 2 });
    expect(text.nodesBetween(1, 3)).toEqual([a, b]);
    expect(text.nodesBetween(0, 2)).toEqual([a]);
  });

  it('keeps breaks as newlines that map to no node and collapse when repeated', () => {
    const text = new BlockText();
    text.appendBreak();
    text.appendNode(new Text('one'));
    text.appendBreak();
    text.appendBreak();
    text.appendNode(new Text('two'));
    expect(text.text).toBe('one\ntwo');
    expect(text.positionAt(3, 'start')).toBeNull();
    expect(text.spansBreak(0, 3)).toBe(false);
    expect(text.spansBreak(2, 5)).toBe(true);
    expect(text.spansBreak(4, 7)).toBe(false);
  });

  it('refuses positions in a node edited since it was read', () => {
    const node = new Text('hello');
    const text = new BlockText();
    text.appendNode(node);
    node.data = 'hi';
    expect(text.positionAt(1, 'start')).toBeNull();
  });
});

describe('readBlock', () => {
  it("reads a block's own inline text and lists nested blocks", () => {
    const block = div('Intro <b>bold <i>deep</i></b><p>Nested</p> outro<br>after');
    const { text, nested } = read(block);
    expect(text.text).toBe('Intro bold deep\n outro\nafter');
    expect(nested.map((element) => element.localName)).toEqual(['p']);
  });

  it('in a shallow read, lists only nested blocks inside added nodes', () => {
    const block = div('<p>old</p><span id="new"><p>inside new</p></span>');
    expect(read(block, false).nested).toEqual([]);
    const added = new Set<Node>([block.querySelector('#new') as Node]);
    expect(read(block, false, added).nested.map((element) => element.textContent)).toEqual(['inside new']);
  });

  it('breaks at elements skipped for good, but reads hidden ones (their mentions are checked when found)', () => {
    const block = div('<span hidden>a</span><code>b</code><span aria-hidden="true">c</span><span style="display:none">d</span>');
    expect(read(block).text.text).toBe('a\ncd');
  });

  it('yields while walking a long block, so it can be paused', () => {
    const block = div(Array.from({ length: 300 }, (_, index) => `<span>${index}</span>`).join(''));
    const reading = readBlock(block, { deep: true, added: null, onShadowRoot: () => undefined });
    let steps = 0;
    while (!reading.next().done) steps += 1;
    expect(steps).toBeGreaterThan(5);
  });
});

/** Every block the subtree reader hands out, as "tag: text" (text null shown as "-"). */
function readAll(root: Element, deep = true, added: Set<Node> | null = null): string[] {
  const blocks: SubtreeBlock[] = [];
  for (const batch of readSubtree(root, { deep, added })) blocks.push(...batch);
  return blocks.map(({ block, text, components }) =>
    components ? `${block.localName}: via ${components.map((host) => host.localName).join(',')}` : `${block.localName}: ${text?.text ?? '-'}`,
  );
}

describe('readSubtree', () => {
  it('reads every block of a subtree in one walk, nested blocks first, each with its own text', () => {
    const root = div('Intro <b>bold <i>deep</i></b><p>Nested <em>inline</em></p> outro<br>after<ul><li>one</li><li>two</li></ul>');
    expect(readAll(root)).toEqual(['p: Nested inline', 'li: one', 'li: two', 'div: Intro bold deep\n outro\nafter\n']);
  });

  it('turns blank text nodes into one gap a mention may span, and skipped elements into breaks', () => {
    const root = div('<p><b>mutual</b>\n   <i>defense</i>  treaty</p><p>mutual <code>x</code> defense<textarea>typed</textarea>treaty</p>');
    expect(readAll(root)).toEqual(['p: mutual defense  treaty', 'p: mutual \n defense\ntreaty', 'div: -']);
  });

  it('in a shallow read, reads only the root and blocks inside added nodes', () => {
    const root = div('<p>old</p>text <span id="new"><p>inside new</p></span>');
    expect(readAll(root, false)).toEqual(['div: text \n']);
    const added = new Set<Node>([root.querySelector('#new') as Node]);
    expect(readAll(root, false, added)).toEqual(['p: inside new', 'div: text \n']);
  });

  it('hands a block whose text runs through a component to the flat-tree reader', () => {
    const root = div('<p>Read <x-card></x-card> more</p><p>plain</p>');
    (root.querySelector('x-card') as HTMLElement).attachShadow({ mode: 'open' }).append('inside');
    expect(readAll(root)).toEqual(['p: via x-card', 'p: plain', 'div: -']);
  });

  it('breaks between two words that touch across a CSS block boundary, and only there', () => {
    const root = div('<p><span style="display:block">Home</span><span>World</span> and <b>U</b>nited</p>');
    expect(readAll(root)).toEqual(['p: Home\nWorld and United', 'div: -']);
  });

  it('pauses every few hundred nodes', () => {
    const root = div(Array.from({ length: 1000 }, (_, index) => `<span>${index}</span>`).join(''));
    const batches = [...readSubtree(root, { deep: true, added: null })];
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.flat()).toHaveLength(1);
  });
});

describe('isCutBetween', () => {
  it('finds line breaks, blocks, hidden and skipped elements between two text nodes, wherever they sit', () => {
    const root = div(
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

describe('textWindows and matchBlock', () => {
  it('returns a short text as one window', () => {
    expect(textWindows('short text')).toEqual([{ offset: 0, text: 'short text', acceptFrom: 0, acceptTo: 10 }]);
  });

  it('cuts a long text at spaces with overlapping context, each offset accepted once', () => {
    const text = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');
    const windows = textWindows(text, 500, 40);
    expect(windows.length).toBeGreaterThan(5);
    expect(windows[0]?.acceptFrom).toBe(0);
    expect(windows.at(-1)?.acceptTo).toBe(text.length);
    for (const [index, window] of windows.entries()) {
      expect(window.text.length).toBeLessThanOrEqual(500);
      expect(text.slice(window.offset, window.offset + window.text.length)).toBe(window.text);
      if (index > 0) expect(window.acceptFrom).toBe(windows[index - 1]?.acceptTo);
      // Cuts fall after a space, so no window starts its accepted part mid-word.
      expect(text[window.acceptFrom - 1] ?? ' ').toBe(' ');
    }
  });

  it('finds every mention of a huge block exactly once, including those across window cuts', () => {
    const sentence = 'The mutual defense treaty was discussed again. ';
    const node = new Text(sentence.repeat(2000));
    const text = new BlockText();
    text.appendNode(node);
    const matcher = fakeMatcher({ 'mutual defense treaty': 'treaty' });
    const { drafts } = drain(matchBlock(text, matcher));
    expect(matcher.calls.length).toBeGreaterThan(5);
    expect(drafts).toHaveLength(2000);
    expect(new Set(drafts.map((draft) => draft.start.offset)).size).toBe(2000);
    for (const draft of drafts) expect(node.data.slice(draft.start.offset, draft.end.offset)).toBe('mutual defense treaty');
  });
});

describe('flat tree', () => {
  it('orders nodes across shadow trees by their hosts', () => {
    const block = div('<p id="before">before</p><x-host></x-host><p id="after">after</p>');
    const host = block.querySelector('x-host') as HTMLElement;
    const inside = new Text('inside');
    host.attachShadow({ mode: 'open' }).append(inside);
    const before = block.querySelector('#before')?.firstChild as Node;
    const after = block.querySelector('#after')?.firstChild as Node;
    expect(compareTreeOrder(before, inside)).toBeLessThan(0);
    expect(compareTreeOrder(inside, after)).toBeLessThan(0);
    expect(compareTreeOrder(after, inside)).toBeGreaterThan(0);
    expect(compareTreeOrder(inside, inside)).toBe(0);
    expect(flatParent(inside)).toBe(host);
    expect(flatParent(host.shadowRoot as ShadowRoot)).toBe(host);
  });
});
