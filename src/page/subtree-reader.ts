/**
 * Reads the text of a light-DOM subtree, block by block, in one native
 * TreeWalker pass: the fast path behind the first scan and every update.
 *
 * The walk decides only what markup decides cheaply: blocks and line breaks
 * by tag, skipped subtrees (code, forms, scripts...) by tag. Blank text nodes
 * (the markup's indentation, often half of all text nodes) become one gap
 * without being looked at further. Everything costly (computed style,
 * attributes up the tree) is left to the few mentions found; see
 * `mention-check.ts`. Where two words meet across an element boundary the
 * walk asks computed style whether something cuts them apart, since that
 * decides whether either word can match at all.
 */
import { BlockText } from './block-text';
import { isBlockTag, isCutBetween } from './display';
import { isSkippedTag } from './exclusions';
import { isWordAt } from '@/src/matching/characters';

/** One block's own text, complete: the walk has left the block. */
export interface SubtreeBlock {
  block: Element;
  /** Null when the block has no text of its own. */
  text: BlockText | null;
  /**
   * The components (elements with an open shadow root) the block's own text
   * runs through, if any: such a block must be read over the flat tree
   * instead (`readBlock`), so its `text` is left null.
   */
  components: Element[] | null;
}

/** How to read a subtree. */
export interface SubtreeReadOptions {
  /** Read every nested block too (a new subtree), rather than only the root's own text. */
  deep: boolean;
  /** Nodes added since the last read: nested blocks inside them are new, so a shallow read reads them too. */
  added: ReadonlySet<Node> | null;
}

const TEXT_NODE = 3;
const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;
/** Nodes visited between two chances to pause (a power of two). */
const NODES_PER_STEP = 256;

interface Frame {
  element: Element;
  /** The block this element's text belongs to (itself for a block). */
  block: Element;
  insideAdded: boolean;
}

/** Whether a text node holds only markup whitespace. */
function isBlank(data: string): boolean {
  for (let index = 0; index < data.length; index++) {
    const code = data.charCodeAt(index);
    if (code > 32 && code !== 160) return false;
  }
  return true;
}

/** Moves the walker past `node`'s subtree: its next node in document order outside it. */
function skipSubtree(walker: TreeWalker, node: Node): Node | null {
  walker.currentNode = node;
  // nextSibling() climbs out of ancestors the walker may not enter (text is all it shows besides elements).
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    const parent = walker.parentNode();
    if (!parent) return null;
  }
}

/**
 * Reads `root`'s own text and, in a deep read, the text of every block
 * inside it (in a shallow read, only blocks inside `added` nodes). Yields
 * each block once the walk has left it, nested blocks before the blocks
 * around them, and `null` every few hundred nodes: a chance to pause.
 */
export function* readSubtree(root: Element, options: SubtreeReadOptions): Generator<SubtreeBlock | null, void> {
  const { deep, added } = options;
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_ELEMENT_AND_TEXT);
  const frames: Frame[] = [{ element: root, block: root, insideAdded: added !== null && added.has(root) }];
  /** Texts of the blocks the walk is inside. */
  const open = new Map<Element, BlockText>();
  const components = new Map<Element, Element[]>();
  let textBlock: Element | null = null;
  let text: BlockText | null = null;
  let gap = false;
  let visited = 0;

  /** A block ends: hand out its text. */
  const finish = (block: Element): SubtreeBlock => {
    const own = open.get(block) ?? null;
    open.delete(block);
    if (textBlock === block) {
      textBlock = null;
      text = null;
    }
    const hosts = components.get(block) ?? null;
    if (hosts) components.delete(block);
    return { block, text: hosts ? null : own, components: hosts };
  };

  /** Something that cuts the current run of text (a break, a nested block, a skipped element). */
  const cut = (block: Element): void => {
    if (textBlock === block) text?.appendBreak();
    gap = false;
  };

  let node = walker.nextNode();
  while (node) {
    visited += 1;
    if ((visited & (NODES_PER_STEP - 1)) === 0) yield null;
    // Leave the elements the walk came out of; a block left is complete.
    const parent = node.parentNode;
    while (frames.length > 1 && (frames[frames.length - 1] as Frame).element !== parent) {
      const left = frames.pop() as Frame;
      if (left.block === left.element) yield finish(left.block);
    }
    const frame = frames[frames.length - 1] as Frame;

    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      if (isBlank(data)) {
        gap = true;
      } else {
        if (frame.block !== textBlock) {
          textBlock = frame.block;
          text = open.get(textBlock) ?? null;
          if (text) text.appendBreak();
          else open.set(textBlock, (text = new BlockText()));
        } else if (gap) {
          (text as BlockText).appendGap();
        } else {
          const before = (text as BlockText).lastNode;
          // Two words touching across an element boundary: whether CSS cuts them apart decides whether either can match.
          if (before && isWordAt(before.data, before.data.length - 1) && isWordAt(data, 0) && isCutBetween(before, node as Text)) {
            (text as BlockText).appendBreak();
          }
        }
        gap = false;
        (text as BlockText).appendNode(node as Text);
      }
      node = walker.nextNode();
      continue;
    }

    const element = node as Element;
    const name = element.localName;
    if (name === 'br' || isSkippedTag(name)) {
      cut(frame.block);
      node = skipSubtree(walker, element);
      continue;
    }
    if (element.shadowRoot) {
      const hosts = components.get(frame.block);
      if (hosts) hosts.push(element);
      else components.set(frame.block, [element]);
      cut(frame.block);
      node = skipSubtree(walker, element);
      continue;
    }
    const insideAdded = frame.insideAdded || (added !== null && added.has(element));
    if (isBlockTag(name)) {
      cut(frame.block);
      if (!deep && !insideAdded) {
        node = skipSubtree(walker, element);
        continue;
      }
      frames.push({ element, block: element, insideAdded });
    } else {
      frames.push({ element, block: frame.block, insideAdded });
    }
    node = walker.nextNode();
  }
  while (frames.length > 0) {
    const left = frames.pop() as Frame;
    if (left.block === left.element) yield finish(left.block);
  }
}
