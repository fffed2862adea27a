// @vitest-environment happy-dom
/**
 * The two readers (light DOM, the fast path; flat tree, for components) read
 * the same markup to the same text: the same blocks, and in each the same
 * characters, gaps and breaks.
 */
import { describe, expect, it } from 'vitest';
import type { BlockText } from '@/src/page/reading';
import { mountDiv, readFlat, readLight, showBreaksAndGaps } from '../../support/reading';

/** Labels for the blocks of `root`, in document order ("div", "p#2"...). */
function labeller(root: Element): (block: Element) => string {
  const order = new Map<Element, number>([[root, 0]]);
  for (const element of root.querySelectorAll('*')) order.set(element, order.size);
  return (block) => `${block.localName}#${order.get(block)}`;
}

/** What the light-DOM reader reads: each block with text of its own (and the root), in document order. */
function lightReading(root: Element): string[] {
  const label = labeller(root);
  return readLight(root)
    .map(({ block, text }) => ({ block, text: text as BlockText | null }))
    .sort((a, b) => (a.block.compareDocumentPosition(b.block) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
    .map(({ block, text }) => `${label(block)}: ${text ? showBreaksAndGaps(text) : '-'}`);
}

/** What the flat-tree reader reads, block after nested block as the marker reads them. */
function flatReading(root: Element): string[] {
  const label = labeller(root);
  const lines: string[] = [];
  const visit = (block: Element): void => {
    const { text, nested } = readFlat(block);
    if (text.length > 0 || block === root) lines.push(`${label(block)}: ${text.length > 0 ? showBreaksAndGaps(text) : '-'}`);
    for (const inner of nested) visit(inner);
  };
  visit(root);
  // Nested blocks were visited after their parent's text: put every line in document order.
  const position = (line: string) => Number(line.slice(line.indexOf('#') + 1, line.indexOf(':')));
  return lines.sort((a, b) => position(a) - position(b));
}

const FIXTURES: Array<[string, string, string[]]> = [
  [
    'nested blocks',
    'Intro <b>bold <i>deep</i></b><p>Nested <em>inline</em></p> outro<ul><li>one</li><li>two <section><p>deeper</p></section> back</li></ul>end',
    ['div#0: Intro bold deep| outro|end', 'p#3: Nested inline', 'li#6: one', 'li#7: two | back', 'p#9: deeper'],
  ],
  [
    'inline elements across words',
    '<p>The <b>mutual</b> defense <a href="#">treaty</a>, <b>U</b>nited <span><em>at</em>once</span>.</p>',
    ['div#0: -', 'p#1: The mutual defense treaty, United atonce.'],
  ],
  [
    'line breaks',
    '<p>mutual defense<br>treaty</p><p>one<span><br></span>two<br><br>three<br></p>',
    ['div#0: -', 'p#1: mutual defense|treaty', 'p#3: one|two|three|'],
  ],
  [
    'skipped elements',
    '<p>mutual <code>x</code> defense<textarea>typed</textarea>treaty</p><p>a<script>s</script>b<button>c</button>d<svg><text>t</text></svg>e</p>',
    ['div#0: -', 'p#1: mutual | defense|treaty', 'p#4: a|b|d|e'],
  ],
  [
    'blank text nodes',
    '<p><b>mutual</b>\n   <i>defense</i>  treaty</p>\n  <div>\n  <p>\n  x\n</p>\n  <span>a</span>\n\n<span>b</span>  \n</div>\n',
    ['div#0: -', 'p#1: mutual_defense  treaty', 'div#4: a_b', 'p#5: \n  x\n'],
  ],
  [
    'hidden elements (read like any other; the mention check decides)',
    '<p>a <span hidden>b</span> c</p><div aria-hidden="true">d</div>',
    ['div#0: -', 'p#1: a b c', 'div#3: d'],
  ],
];

describe('the light-DOM and flat-tree readers', () => {
  it.each(FIXTURES)('read %s the same way', (_name, html, expected) => {
    const root = mountDiv(html);
    expect(lightReading(root)).toEqual(expected);
    expect(flatReading(root)).toEqual(expected);
  });
});
