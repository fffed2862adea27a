/**
 * Brings a mention into view without touching the page's DOM: the one
 * scroll helper (for the popup's "show me" and the card's keyboard
 * navigation), and "reveal", which scrolls to a mark and lets the highlight
 * layer flash it.
 */
import { isElement, isShadowRoot } from './flat-tree';
import type { HighlightLayer } from './highlights';
import type { MarkedMention } from './types';

// An element taller than this share of the viewport cannot be centred usefully; centre the mention's line instead.
const TALL_ANCHOR_SHARE = 0.6;
/** With `ifNeeded`, a mention at least this far inside the viewport's top and bottom is left where it is. */
const IN_VIEW_MARGIN_PX = 80;

/** How to scroll a mention into view. */
export interface ScrollMentionOptions {
  /** Leave the page still if the mention is already well inside the viewport (keyboard navigation). */
  ifNeeded?: boolean;
}

/**
 * Scrolls so the mention `range` sits mid-viewport, through any scrolling
 * container it sits in; smoothly, unless the reader prefers reduced motion.
 */
export function scrollMentionIntoView(range: Range, options: ScrollMentionOptions = {}): void {
  const node = range.startContainer;
  const parent = isElement(node) ? node : node.parentNode;
  const anchor = parent && isShadowRoot(parent) ? parent.host : (parent as Element | null);
  const view = node.ownerDocument?.defaultView;
  if (!anchor || !view) return;
  if (options.ifNeeded) {
    const rect = range.getBoundingClientRect();
    if (rect.top >= IN_VIEW_MARGIN_PX && rect.bottom <= view.innerHeight - IN_VIEW_MARGIN_PX) return;
  }
  const behavior: ScrollBehavior = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  if (anchor.getBoundingClientRect().height <= view.innerHeight * TALL_ANCHOR_SHARE) {
    // scrollIntoView also scrolls any scrolling container the mention sits in.
    anchor.scrollIntoView({ block: 'center', inline: 'nearest', behavior });
    return;
  }
  const rect = range.getBoundingClientRect();
  view.scrollBy({ top: rect.top + rect.height / 2 - view.innerHeight / 2, behavior });
}

/**
 * Scrolls to and flashes the `index`th of `marks` (wrapping around, so -1 is
 * the last); returns the index shown and the total, -1 and 0 if there are none.
 */
export function revealMark(marks: readonly MarkedMention[], index: number, layer: Pick<HighlightLayer, 'flash'>): { index: number; total: number } {
  const total = marks.length;
  if (total === 0) return { index: -1, total: 0 };
  const wrapped = ((Math.trunc(index) % total) + total) % total;
  const mark = marks[wrapped];
  if (mark) {
    scrollMentionIntoView(mark.range);
    layer.flash(mark.range);
  }
  return { index: wrapped, total };
}
