/**
 * Keeps the card next to its mention: anchored to the line box the reader is
 * on, flipped and shifted to stay inside the viewport, sized so it never
 * covers the mention, and following every scroll.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, size, type VirtualElement } from '@floating-ui/dom';

/** Gap between the mention and the card. */
const GAP_PX = 8;
/** Space kept free between the card and the viewport's edges. */
const VIEWPORT_PADDING_PX = 8;
/** Below this the card scrolls inside rather than shrinking further. */
const MIN_HEIGHT_PX = 120;

/**
 * A Floating UI reference for a mention: horizontally the line the reader is
 * on (a wrapped mention has several), vertically the whole mention, so a card
 * above or below never covers the mention's other line.
 */
export function lineReference(range: Range, lineIndex: number): VirtualElement {
  const parent = range.commonAncestorContainer;
  const contextElement = parent instanceof Element ? parent : (parent.parentElement ?? undefined);
  const rect = () => {
    const whole = range.getBoundingClientRect();
    const rects = range.getClientRects();
    // The line count changes when the page reflows; fall back to the last line, then the whole range.
    const line = rects[Math.min(lineIndex, rects.length - 1)] ?? whole;
    return new DOMRect(line.left, whole.top, line.width, whole.height);
  };
  return { getBoundingClientRect: rect, contextElement };
}

/** Callbacks from {@link trackPlacement}. */
export interface PlacementOptions {
  /** The reference left the viewport or its clipping container (true), or came back (false). */
  onReferenceHidden?(hidden: boolean): void;
}

/**
 * Positions `floating` (position: fixed) next to `reference` now and after
 * every scroll, resize and reflow; returns the function that stops it.
 */
export function trackPlacement(reference: VirtualElement, floating: HTMLElement, options: PlacementOptions = {}): () => void {
  let hidden: boolean | undefined;
  let frame = 0;
  let stopped = false;

  const update = () => {
    // Measure the card at its natural height, so flipping picks the side with
    // room for all of it; `size` caps it again in the same task (no paint between).
    floating.style.removeProperty('--pl-card-max-height');
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(GAP_PX),
        flip({ padding: VIEWPORT_PADDING_PX, fallbackPlacements: ['top-start'], fallbackStrategy: 'bestFit' }),
        // Shifting only along the line keeps the card off the mention's line.
        shift({ padding: VIEWPORT_PADDING_PX, crossAxis: false }),
        size({
          padding: VIEWPORT_PADDING_PX,
          apply({ availableHeight, availableWidth, elements }) {
            elements.floating.style.setProperty('--pl-card-max-height', `${Math.max(MIN_HEIGHT_PX, Math.floor(availableHeight))}px`);
            elements.floating.style.setProperty('--pl-card-max-width', `${Math.floor(availableWidth)}px`);
          },
        }),
        hide({ strategy: 'referenceHidden' }),
      ],
    }).then(({ x, y, placement, middlewareData }) => {
      if (stopped) return;
      floating.style.transform = `translate3d(${Math.round(x)}px, ${Math.round(y)}px, 0)`;
      floating.dataset.placement = placement;
      const nowHidden = middlewareData.hide?.referenceHidden ?? false;
      if (nowHidden !== hidden) {
        hidden = nowHidden;
        options.onReferenceHidden?.(nowHidden);
      }
    });
  };
  // Scroll events can fire many times per frame; position once per frame.
  const scheduleUpdate = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  };

  // Floating UI would add a scroll listener to every scrolling ancestor of
  // the mention; one capturing listener on the document sees all of those
  // scrolls without touching page elements.
  const listeners = new AbortController();
  document.addEventListener('scroll', scheduleUpdate, { capture: true, passive: true, signal: listeners.signal });
  window.addEventListener('resize', scheduleUpdate, { passive: true, signal: listeners.signal });
  const stopAutoUpdate = autoUpdate(reference, floating, update, { ancestorScroll: false, ancestorResize: false });

  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
    listeners.abort();
    stopAutoUpdate();
  };
}
