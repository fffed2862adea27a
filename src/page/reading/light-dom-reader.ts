/**
 * Reads the text of a light-DOM subtree, block by block, in one pass: the
 * fast path behind the first scan and every update. `flat-tree-reader.ts`
 * reads the blocks whose text runs through components, with the same rules.
 *
 * The walk decides only what markup decides cheaply, by one lookup in the tag
 * table (`tags.ts`) per element: blocks, line breaks, skipped subtrees (code,
 * forms, scripts...), possible shadow hosts. Blank text nodes (the markup's
 * indentation, often half of all text nodes) become one gap without being
 * looked at further. Everything costly (computed style,
 * attributes up the tree) is left to the few mentions found; see
 * `mention-check.ts`. Where two words meet across an element boundary the
 * walk asks computed style whether something cuts them apart, since that
 * decides whether either word can match at all.
 */
import { isWordAt } from '@/src/matching';
import { isCutBetween } from '../display';
import { CUTS_TEXT, IS_BLOCK, MAY_HOST_SHADOW, tagFlags } from '../tags';
import { BlockText, isBlank } from './block-text';

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

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** Nodes visited between two chances to pause (a power of two). */
const NODES_PER_STEP = 256;

/**
 * Reads `root`'s own text and, in a deep read, the text of every block
 * inside it (in a shallow read, only blocks inside `added` nodes). Hands out
 * each block that has text of its own (and `root` always) once the walk has
 * left it, nested blocks before the blocks around them: every few hundred
 * nodes it yields the blocks completed since (often none), a chance to
 * pause, and at the end the rest.
 */
export function* readSubtree(root: Element, options: SubtreeReadOptions): Generator<SubtreeBlock[], void> {
  const { deep, added } = options;
  // The elements the walk is inside, as parallel stacks indexed by depth (nothing allocated per element):
  // the element, the depth of its block, whether it is inside an added node; and for blocks, their text
  // so far and the components their text runs through.
  const elements: Element[] = [root];
  const blockDepths: number[] = [0];
  const insideAdded: boolean[] = [added !== null && added.has(root)];
  const texts: Array<BlockText | null> = [null];
  const components: Array<Element[] | null> = [null];
  let depth = 0;
  /** The depth of the block whose text the walk is adding to, and that text. */
  let textDepth = -1;
  let text: BlockText | null = null;
  let gap = false;
  let visited = 0;
  let done: SubtreeBlock[] = [];

  /** The block at `at` ends: its text, if it has any (or it is the root, whose old marks may need clearing). */
  const finish = (at: number): SubtreeBlock | null => {
    const block = elements[at] as Element;
    const own = texts[at] ?? null;
    const hosts = components[at] ?? null;
    texts[at] = null;
    components[at] = null;
    if (textDepth === at) {
      textDepth = -1;
      text = null;
    }
    if (hosts) return { block, text: null, components: hosts };
    return own || at === 0 ? { block, text: own, components: null } : null;
  };

  /** Something cuts the current run of text (a break, a nested block, a skipped element). */
  const cut = (at: number): void => {
    if (textDepth === at) text?.appendBreak();
    gap = false;
  };

  // A hand-rolled walk rather than a TreeWalker: it knows when it leaves an element without asking
  // each node for its parent, and skipping a subtree costs nothing.
  let node: Node | null = root.firstChild;
  while (node) {
    visited += 1;
    if ((visited & (NODES_PER_STEP - 1)) === 0) {
      const batch = done;
      done = [];
      yield batch;
    }
    const blockDepth = blockDepths[depth] as number;
    const type = node.nodeType;
    /** The first child to go down to, when the walk enters this node. */
    let descendTo: Node | null = null;

    if (type === TEXT_NODE) {
      const data = (node as Text).data;
      if (isBlank(data)) {
        gap = true;
      } else {
        if (blockDepth !== textDepth) {
          textDepth = blockDepth;
          text = texts[blockDepth] ?? null;
          // Back in a block after a nested one: the nested block cut its text.
          if (text) text.appendBreak();
          else texts[blockDepth] = text = new BlockText();
        } else if (gap) {
          (text as BlockText).appendGap();
        } else {
          const before = (text as BlockText).lastNode;
          // Two words touching across an element boundary: whether CSS cuts them apart decides whether either can match.
          if (before && isWordAt(data, 0) && isWordAt(before.data, before.data.length - 1) && isCutBetween(before, node as Text)) {
            (text as BlockText).appendBreak();
          }
        }
        gap = false;
        (text as BlockText).appendNode(node as Text, data);
      }
    } else if (type === ELEMENT_NODE) {
      const element = node as Element;
      const flags = tagFlags(element.localName);
      if (flags & CUTS_TEXT) {
        cut(blockDepth);
      } else if (flags & MAY_HOST_SHADOW && element.shadowRoot) {
        (components[blockDepth] ??= []).push(element);
        cut(blockDepth);
      } else {
        const isInsideAdded = (insideAdded[depth] as boolean) || (added !== null && added.has(element));
        const isBlock = (flags & IS_BLOCK) !== 0;
        if (isBlock) cut(blockDepth);
        if (!isBlock || deep || isInsideAdded) descendTo = element.firstChild;
        if (descendTo) {
          depth += 1;
          elements[depth] = element;
          blockDepths[depth] = isBlock ? depth : blockDepth;
          insideAdded[depth] = isInsideAdded;
          texts[depth] = null;
          components[depth] = null;
        }
      }
    }

    if (descendTo) {
      node = descendTo;
      continue;
    }
    let next: Node | null = node.nextSibling;
    // Out of the elements this was the last child of; a block left is complete.
    while (!next && depth > 0) {
      const left = elements[depth] as Element;
      if (blockDepths[depth] === depth) {
        const finished = finish(depth);
        if (finished) done.push(finished);
      }
      depth -= 1;
      next = left.nextSibling;
    }
    node = next;
  }
  done.push(finish(0) as SubtreeBlock);
  yield done;
}
