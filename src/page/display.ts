/**
 * Where the page's text breaks, and whether a piece of it is shown.
 *
 * Blocks are judged by tag ("p", "li", "div"... end a run of text; see the
 * tag table, `tags.ts`), never by computed style while reading: a style read
 * per element costs more than the whole walk, and almost all of it would be
 * for text that names no term.
 * Computed style is consulted only where it can change an answer: for a
 * mention about to be marked (is it shown? does a CSS block or `display:
 * none` element cut it?) and where two words meet at an element boundary.
 */
import { ownExclusionOf } from './exclusions';
import { flatParent, isElement } from './flat-tree';
import { IS_BLOCK, IS_LINE_BREAK, isBlockTag, tagFlags } from './tags';

/** How an element takes part in the page's text, as computed style says. */
export type DisplayKind = 'none' | 'block' | 'inline';

/** Classifies a CSS `display` value; an empty value (no style available) falls back to the tag. */
export function displayKindOf(display: string, localName: string): DisplayKind {
  if (display === 'none') return 'none';
  if (display === '') return isBlockTag(localName) ? 'block' : 'inline';
  // inline, inline-block, inline-flex, "inline flow-root", contents and ruby boxes keep text flowing.
  if (display.startsWith('inline') || display === 'contents' || display.startsWith('ruby')) return 'inline';
  return 'block';
}

/** The computed display kind of an element (by tag where the document has no view). */
export function computedDisplayKind(element: Element): DisplayKind {
  const view = element.ownerDocument.defaultView;
  // Documents without style (a saved page read in Node) answer by tag.
  const display = typeof view?.getComputedStyle === 'function' && element.isConnected ? view.getComputedStyle(element).display : '';
  return displayKindOf(display, element.localName);
}

/** The nearest flat-tree ancestor-or-self of `node` that is a block by tag, or `root` if none is closer. */
export function blockOf(node: Node, root: Element): Element {
  for (let current: Node | null = node; current && current !== root; current = flatParent(current)) {
    if (isElement(current) && isBlockTag(current.localName)) return current;
  }
  return root;
}

/** Whether an element met between two pieces of text cuts the run: a line break, a skipped element, a block or hidden box. */
function cutsText(element: Element): boolean {
  if (tagFlags(element.localName) & (IS_BLOCK | IS_LINE_BREAK) || ownExclusionOf(element) !== null) return true;
  return computedDisplayKind(element) !== 'inline';
}

const SHOW_ELEMENT = 0x1;
const FOLLOWING = 4;

/**
 * Whether anything between two text nodes of one run (`before` comes first,
 * both in the same tree) breaks the text: an element either one leaves or
 * enters on the way, or an element wholly between them, that is a line
 * break, a block, hidden, or skipped.
 */
export function isCutBetween(before: Text, after: Text): boolean {
  const common = commonAncestor(before, after);
  if (!common) return true;
  for (let node = before.parentNode; node && node !== common; node = node.parentNode) {
    if (isElement(node) && cutsText(node)) return true;
  }
  for (let node = after.parentNode; node && node !== common; node = node.parentNode) {
    if (isElement(node) && cutsText(node)) return true;
  }
  const walker = (before.ownerDocument ?? document).createTreeWalker(common, SHOW_ELEMENT);
  walker.currentNode = before;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (after.compareDocumentPosition(node) & FOLLOWING) break;
    // after's own ancestors were checked above.
    if (node.contains(after)) continue;
    if (cutsText(node as Element)) return true;
    // A cutting element's insides do not matter; an inline one's may (a <br> inside a <span>).
  }
  return false;
}

function commonAncestor(a: Node, b: Node): Node | null {
  for (let node: Node | null = a.parentNode; node; node = node.parentNode) {
    if (node.contains(b)) return node;
  }
  return null;
}
