// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BlockText, isBlank } from '@/src/page/reading';

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

describe('isBlank', () => {
  it("is true for text that is only white space, the markup's indentation above all", () => {
    for (const data of ['', ' ', '\n', '\n\t\t\t', '\r\n    ', '\u00a0', ' \u00a0 ', '\f\v', '\u3000', '\u2003\u2009', '\ufeff', '\u2028']) {
      expect(isBlank(data), JSON.stringify(data)).toBe(true);
    }
  });

  it('is false for anything that can be read, wherever it is', () => {
    for (const data of ['a', ' a', '\n    Israel', 'Israel\n', '\u00a0.', '\u200b', '\u3000x', '\u0001', '1', '\u1680y']) {
      expect(isBlank(data), JSON.stringify(data)).toBe(false);
    }
  });
});
