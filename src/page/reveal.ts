/**
 * Brings a mention into view for the popup's "show me" action, without
 * touching the page's DOM: scroll, then let the highlight layer flash it.
 */
import { isElement, isShadowRoot } from './flat-tree';

// An element taller than this share of the viewport cannot be centred usefully; centre the mention's line instead.
const TALL_ANCHOR_SHARE = 0.6;

/** Scrolls so `range` sits mid-viewport, smoothly unless the reader prefers reduced motion. */
export function scrollRangeIntoView(range: Range): void {
  const node = range.startContainer;
  const parent = isElement(node) ? node : node.parentNode;
  const anchor = parent && isShadowRoot(parent) ? parent.host : (parent as Element | null);
  const view = node.ownerDocument?.defaultView;
  if (!anchor || !view) return;
  const behavior: ScrollBehavior = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  if (anchor.getBoundingClientRect().height <= view.innerHeight * TALL_ANCHOR_SHARE) {
    // scrollIntoView also scrolls any scrolling container the mention sits in.
    anchor.scrollIntoView({ block: 'center', inline: 'nearest', behavior });
    return;
  }
  const rect = range.getBoundingClientRect();
  view.scrollBy({ top: rect.top + rect.height / 2 - view.innerHeight / 2, behavior });
}
