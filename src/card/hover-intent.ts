/**
 * When a hover card opens and closes. A small state machine fed with pointer
 * facts ("the pointer is over mention 7 at x,y", "the pointer entered the
 * card") and keyboard facts; it decides with two timers:
 *
 * - the rest timer opens a card only once the pointer has rested on a mention
 *   for `openDelayMs` (moving more than `restTolerancePx` restarts it), so a
 *   pointer merely passing over the text opens nothing; a shorter part of it
 *   first tells the controller the pointer has settled, so the card can get
 *   ready before it opens;
 * - the grace timer closes an open card `graceMs` after the pointer left both
 *   the mention and the card, so the pointer can travel from one to the other.
 *
 * No DOM here: the controller turns events into calls, which keeps the timing
 * testable with fake timers.
 */

/** Why a card opened. Keyboard and click opens are pinned. */
export type OpenCause = 'hover' | 'click' | 'keyboard';
/** Why a card closed. */
export type CloseCause = 'pointer' | 'escape' | 'dismiss';

/** Timing of hover intent. */
export interface HoverIntentOptions {
  /** How long the pointer rests on a mention before its card opens (the reader's setting, 0–1500 ms). */
  openDelayMs: () => number;
  /** How long an unpinned card survives after the pointer left the mention and the card. */
  graceMs?: number;
  /** Movement within this distance counts as resting. */
  restTolerancePx?: number;
  onOpen(key: number, cause: OpenCause): void;
  /** The pointer has rested on mention `key` for `SETTLE_MS` (at most half the open delay): its card will likely open. */
  onSettle?(key: number): void;
  onClose(cause: CloseCause): void;
  /** The open card was pinned (it no longer closes when the pointer leaves) or unpinned. */
  onPinChange?(pinned: boolean): void;
}

/** The intent machine's public face. */
export interface HoverIntent {
  /** The pointer moved over the page: over mention `key`, or over no mention (`null`). */
  pointerAt(key: number | null, x: number, y: number): void;
  /** The pointer left the page (window) entirely. */
  pointerLeftPage(): void;
  pointerEnteredCard(): void;
  pointerLeftCard(): void;
  /** A click on mention `key`: open it now, pinned. */
  click(key: number): void;
  /** Open mention `key` now, pinned (keyboard navigation). */
  openNow(key: number, cause: Exclude<OpenCause, 'hover'>): void;
  /** Pin the open card. */
  pin(): void;
  /** Unpin the open card: it closes once the pointer is away from it and its mention. */
  unpin(): void;
  /** Close the open card now (Escape, close button, mention gone, navigation). */
  close(cause: Exclude<CloseCause, 'pointer'>): void;
  /** The mention whose card is open, or null. */
  readonly openKey: number | null;
  readonly pinned: boolean;
  /** Cancels the timers; the machine ignores everything afterwards. */
  destroy(): void;
}

/** Default grace before an unpinned card closes after the pointer left it. */
export const DEFAULT_GRACE_MS = 350;
/** Default distance the pointer may drift while still resting. */
export const DEFAULT_REST_TOLERANCE_PX = 6;
/** How long a rest lasts before `onSettle`: long enough that a pointer passing over the text never settles. */
export const SETTLE_MS = 100;

/** Creates the hover-intent state machine. */
export function createHoverIntent(options: HoverIntentOptions): HoverIntent {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const tolerance = options.restTolerancePx ?? DEFAULT_REST_TOLERANCE_PX;

  let openKey: number | null = null;
  let pinned = false;
  let overCard = false;
  let destroyed = false;
  let candidate: { key: number; x: number; y: number } | null = null;
  let restTimer: ReturnType<typeof setTimeout> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  const cancelRest = () => {
    clearTimeout(restTimer);
    clearTimeout(settleTimer);
    restTimer = undefined;
    settleTimer = undefined;
    candidate = null;
  };
  const cancelGrace = () => {
    clearTimeout(graceTimer);
    graceTimer = undefined;
  };
  const open = (key: number, cause: OpenCause) => {
    cancelRest();
    cancelGrace();
    openKey = key;
    pinned = cause !== 'hover';
    options.onOpen(key, cause);
  };
  const shut = (cause: CloseCause) => {
    cancelRest();
    cancelGrace();
    if (openKey === null) return;
    openKey = null;
    pinned = false;
    overCard = false;
    options.onClose(cause);
  };
  /** Starts the grace countdown unless something keeps the card open. */
  const leaveSoon = () => {
    if (openKey === null || pinned || overCard || graceTimer !== undefined) return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      shut('pointer');
    }, graceMs);
  };
  const restOn = (key: number, x: number, y: number) => {
    if (candidate && candidate.key === key && Math.hypot(x - candidate.x, y - candidate.y) <= tolerance) return;
    cancelRest();
    const delay = Math.max(0, options.openDelayMs());
    if (delay === 0) {
      open(key, 'hover');
      return;
    }
    candidate = { key, x, y };
    restTimer = setTimeout(() => {
      restTimer = undefined;
      candidate = null;
      open(key, 'hover');
    }, delay);
    if (options.onSettle) {
      const onSettle = options.onSettle;
      settleTimer = setTimeout(() => {
        settleTimer = undefined;
        onSettle(key);
      }, Math.min(SETTLE_MS, delay / 2));
    }
  };

  return {
    pointerAt(key, x, y) {
      if (destroyed) return;
      overCard = false;
      if (key !== null && key === openKey) {
        cancelRest();
        cancelGrace();
        return;
      }
      if (key === null) cancelRest();
      // A pinned card stays put; hovering other mentions does not replace it.
      else if (!pinned) restOn(key, x, y);
      // With no delay, restOn may just have opened this very mention.
      if (key !== openKey) leaveSoon();
    },
    pointerLeftPage() {
      if (destroyed) return;
      cancelRest();
      overCard = false;
      leaveSoon();
    },
    pointerEnteredCard() {
      if (destroyed || openKey === null) return;
      overCard = true;
      cancelRest();
      cancelGrace();
    },
    pointerLeftCard() {
      if (destroyed) return;
      overCard = false;
      leaveSoon();
    },
    click(key) {
      if (destroyed) return;
      if (openKey === key) {
        this.pin();
        return;
      }
      open(key, 'click');
    },
    openNow(key, cause) {
      if (destroyed) return;
      open(key, cause);
    },
    pin() {
      if (destroyed || openKey === null || pinned) return;
      pinned = true;
      cancelGrace();
      options.onPinChange?.(true);
    },
    unpin() {
      if (destroyed || openKey === null || !pinned) return;
      pinned = false;
      options.onPinChange?.(false);
      leaveSoon();
    },
    close(cause) {
      if (destroyed) return;
      shut(cause);
    },
    get openKey() {
      return openKey;
    },
    get pinned() {
      return pinned;
    },
    destroy() {
      destroyed = true;
      cancelRest();
      cancelGrace();
    },
  };
}
