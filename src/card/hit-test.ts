/**
 * Which marked mention is under the pointer, found without touching the page:
 * the browser maps the point to a text position, the registry says which marks
 * contain that position, and the range's own line boxes confirm the point is
 * really on the text (a caret position is also reported beside and below text).
 */
import type { MarkedMention, MarkRegistry } from '@/src/page';

/** A text position: a node and an offset into it. */
export interface CaretPoint {
  node: Node;
  offset: number;
}

/** What lies under a point: the mentions there and the line box the point is on. */
export interface Hit {
  /** Every mark containing the point (usually one), in registry order. */
  mentions: MarkedMention[];
  /** The mention the card anchors to: the first of `mentions`. */
  mention: MarkedMention;
  /** Index into `mention.range.getClientRects()` of the line under the point (a wrapped mention has several). */
  lineIndex: number;
}

/** The two caret-from-point APIs; Chromium before 128 only has the second. */
interface CaretDocument {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

/** Maps viewport coordinates to a text position, or null when the browser finds none. */
export function caretFromPoint(doc: Document, x: number, y: number): CaretPoint | null {
  const caretDoc = doc as unknown as CaretDocument;
  if (typeof caretDoc.caretPositionFromPoint === 'function') {
    const position = caretDoc.caretPositionFromPoint.call(doc, x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof caretDoc.caretRangeFromPoint === 'function') {
    const range = caretDoc.caretRangeFromPoint.call(doc, x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** Index of the rectangle containing (x, y), or -1. Edges count as inside. */
export function indexOfRectAt(rects: ArrayLike<DOMRectReadOnly>, x: number, y: number): number {
  for (let index = 0; index < rects.length; index += 1) {
    const rect = rects[index];
    if (rect && rect.width > 0 && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return index;
  }
  return -1;
}

/** The marked mention under viewport point (x, y), or null. */
export function hitTest(registry: MarkRegistry, x: number, y: number, doc: Document = document): Hit | null {
  const caret = caretFromPoint(doc, x, y);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;

  // Over the right half of a mention's last character the caret lands just
  // after the mention; asking for the previous offset too keeps that half
  // hoverable. The rectangle check below throws out any false neighbour.
  const candidates = registry.marksAt(caret.node, caret.offset);
  if (caret.offset > 0) {
    for (const mark of registry.marksAt(caret.node, caret.offset - 1)) {
      if (!candidates.some((known) => known.id === mark.id)) candidates.push(mark);
    }
  }

  const mentions: MarkedMention[] = [];
  let anchor: { mention: MarkedMention; lineIndex: number } | null = null;
  for (const mention of candidates) {
    const lineIndex = indexOfRectAt(mention.range.getClientRects(), x, y);
    if (lineIndex < 0) continue;
    mentions.push(mention);
    anchor ??= { mention, lineIndex };
  }
  return anchor ? { mentions, ...anchor } : null;
}
