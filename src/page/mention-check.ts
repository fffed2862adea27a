/**
 * The checks a found mention must pass before it is marked, made only for
 * the few mentions a page has rather than for every element while reading:
 * no excluded element around its text (hidden, aria-hidden, contenteditable,
 * or anything outside the scanned root), every piece of it shown (no
 * `display: none` or `visibility: hidden`), and nothing between its pieces
 * that cuts the text (a CSS block, a hidden element).
 */
import { isCutBetween, isShown } from './display';
import { exclusionUnder } from './exclusions';
import { flatParent, isElement } from './flat-tree';
import type { MarkDraft } from './registry';

/** Why a mention is not marked: `'hidden'` if its text is hidden now but may be shown later. */
export type MentionProblem = 'hidden' | 'skipped' | 'cut';

/** What stops `draft` from being marked now, or null if nothing does. */
export function mentionProblem(draft: MarkDraft, root: Element): MentionProblem | null {
  let hidden = false;
  let previous: Text | undefined;
  for (const node of draft.nodes) {
    if (node.parentNode !== previous?.parentNode) {
      const exclusion = exclusionUnder(node, root);
      if (exclusion === 'skipped' || exclusion === 'outside') return 'skipped';
      if (exclusion === 'hidden') hidden = true;
    }
    if (previous && isCutBetween(previous, node)) return 'cut';
    previous = node;
  }
  if (hidden) return 'hidden';
  for (const node of draft.nodes) {
    // The flat parent: the slot for slotted text, the host for text right inside a shadow root.
    const parent = flatParent(node);
    if (!parent || !isElement(parent) || !isShown(parent)) return 'hidden';
  }
  return null;
}
