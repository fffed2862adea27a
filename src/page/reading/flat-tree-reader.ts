/**
 * Reads one block's own text over the flat tree (open shadow roots and
 * slots as rendered): the inline content between its start and end, with
 * nested blocks left as breaks (they are blocks of their own). A phrase split
 * over inline elements ("<b>mutual</b> defense <a>treaty</a>") is therefore
 * one piece of text. Used where components are involved; plain light-DOM
 * subtrees are read faster by `light-dom-reader.ts`, with the same tag table
 * and the same text: blank text nodes are one gap, line breaks, nested blocks
 * and skipped elements are breaks.
 *
 * Where the two differ: this reader also breaks at a tree boundary (a Range
 * cannot join text from two trees) and at elements skipped by attribute or
 * namespace (contenteditable, non-HTML), which the light-DOM reader leaves to
 * the mention check; and it does not look for a CSS cut between two words that
 * touch across an element boundary (the mention check does, for the mentions
 * found).
 */
import { ownExclusionOf } from '../exclusions';
import { flatChildren, isElement } from '../flat-tree';
import { CUTS_TEXT, IS_BLOCK, tagFlags } from '../tags';
import { BlockText, isBlank } from './block-text';

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
  let gap = false;
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
      if (frame.scope !== lastScope) {
        text.appendBreak();
        gap = false;
      }
      lastScope = frame.scope;
      const data = (node as Text).data;
      if (isBlank(data)) {
        gap = true;
        continue;
      }
      if (gap) text.appendGap();
      gap = false;
      text.appendNode(node as Text, data);
      continue;
    }
    if (!isElement(node)) continue;
    const flags = tagFlags(node.localName);
    // Hidden elements are read like any other: whether a mention is shown is checked when it is found.
    if (flags & CUTS_TEXT || ownExclusionOf(node) === 'skipped') {
      text.appendBreak();
      gap = false;
      continue;
    }
    const insideAdded = frame.insideAdded || (added !== null && added.has(node));
    if (flags & IS_BLOCK) {
      text.appendBreak();
      gap = false;
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
