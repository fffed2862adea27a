/**
 * Reads one block's own text over the flat tree (open shadow roots and
 * slots as rendered): the inline content between its start and end, with
 * nested blocks left as breaks (they are blocks of their own). A phrase split
 * over inline elements ("<b>mutual</b> defense <a>treaty</a>") is therefore
 * one piece of text. Used where components are involved; plain light-DOM
 * subtrees are read faster by `subtree-reader.ts`, with the same rules.
 */
import { BlockText } from './block-text';
import { isBlockTag } from './display';
import { exclusionOf } from './exclusions';
import { flatChildren, isElement } from './flat-tree';

const TEXT_NODE = 3;
/** Nodes visited between two chances to yield. */
const NODES_PER_STEP = 64;

/** What reading one block found. */
export interface BlockRead {
  text: BlockText;
  /** Nested blocks to read next (all of them for a deep read, new ones for a shallow one). */
  nested: Element[];
}

/** How to read a block. */
export interface BlockReadOptions {
  /** Read every nested block too (a new subtree), rather than only those inside `added`. */
  deep: boolean;
  /** Nodes added to the page since the last read: nested blocks inside them are new and need reading. */
  added: ReadonlySet<Node> | null;
  /** Called for each open shadow root the read enters, so it can be observed. */
  onShadowRoot(shadowRoot: ShadowRoot): void;
}

interface Frame {
  nodes: ArrayLike<Node>;
  index: number;
  scope: Node;
  insideAdded: boolean;
}

/**
 * Reads `block`'s own text. A generator that yields every few dozen nodes so
 * a huge block never blocks the page; its return value is the result.
 */
export function* readBlock(block: Element, options: BlockReadOptions): Generator<void, BlockRead> {
  const { deep, added } = options;
  const text = new BlockText();
  const nested: Element[] = [];
  const start = flatChildren(block, block.getRootNode());
  if (start.enteredShadowRoot) options.onShadowRoot(start.enteredShadowRoot);
  const stack: Frame[] = [{ nodes: start.nodes, index: 0, scope: start.scope, insideAdded: false }];
  let lastScope: Node = start.scope;
  let visited = 0;

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const node = frame.nodes[frame.index];
    if (node === undefined) {
      stack.pop();
      continue;
    }
    frame.index += 1;
    visited += 1;
    if (visited % NODES_PER_STEP === 0) yield;

    if (node.nodeType === TEXT_NODE) {
      // A Range cannot join text from two trees, so a tree boundary ends the piece of text.
      if (frame.scope !== lastScope) text.appendBreak();
      lastScope = frame.scope;
      text.appendNode(node as Text);
      continue;
    }
    if (!isElement(node)) continue;
    if (node.localName === 'br') {
      text.appendBreak();
      continue;
    }
    // Hidden elements are read like any other: whether a mention is shown is checked when it is found.
    if (exclusionOf(node) === 'skipped') {
      text.appendBreak();
      continue;
    }
    const insideAdded = frame.insideAdded || (added !== null && added.has(node));
    if (isBlockTag(node.localName)) {
      text.appendBreak();
      if (deep || insideAdded) nested.push(node);
      continue;
    }
    if (node.shadowRoot === null && node.localName !== 'slot') {
      // The common case, without the allocation of a FlatChildren.
      stack.push({ nodes: node.childNodes, index: 0, scope: frame.scope, insideAdded });
      continue;
    }
    const children = flatChildren(node, frame.scope);
    if (children.enteredShadowRoot) options.onShadowRoot(children.enteredShadowRoot);
    stack.push({ nodes: children.nodes, index: 0, scope: children.scope, insideAdded });
  }
  return { text, nested };
}

/** A stretch of a long block's text handed to the matcher in one call. */
export interface TextWindow {
  /** Where `text` starts in the block's text. */
  offset: number;
  text: string;
  /** Mentions starting in [acceptFrom, acceptTo) (block offsets) belong to this window. */
  acceptFrom: number;
  acceptTo: number;
}

/** Longest text given to the matcher at once, so one call stays well inside a slice. */
export const MAX_WINDOW_CHARS = 8192;
/** Context shared by neighbouring windows; longer than any term, so no mention is cut in two. */
export const WINDOW_OVERLAP = 256;

/**
 * Cuts a long text into windows at breaks or spaces. Each window also
 * carries some of its neighbours' text, so a mention near a cut is found
 * whole, and context rules see the words around it; each mention is
 * accepted from exactly one window.
 */
export function textWindows(text: string, maxChars = MAX_WINDOW_CHARS, overlap = WINDOW_OVERLAP): TextWindow[] {
  if (text.length <= maxChars) return [{ offset: 0, text, acceptFrom: 0, acceptTo: text.length }];
  const cuts = [0];
  let from = 0;
  while (text.length - from > maxChars) {
    const limit = from + maxChars - 2 * overlap;
    let cut = Math.max(text.lastIndexOf('\n', limit), text.lastIndexOf(' ', limit));
    // No space in the second half of the stretch: cut anyway (a pathological unbroken run).
    if (cut <= from + (maxChars >> 2)) cut = limit;
    else cut += 1;
    cuts.push(cut);
    from = cut;
  }
  cuts.push(text.length);
  const windows: TextWindow[] = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const acceptFrom = cuts[index] as number;
    const acceptTo = cuts[index + 1] as number;
    const offset = Math.max(0, acceptFrom - overlap);
    const end = Math.min(text.length, acceptTo + overlap);
    windows.push({ offset, text: text.slice(offset, end), acceptFrom, acceptTo });
  }
  return windows;
}
