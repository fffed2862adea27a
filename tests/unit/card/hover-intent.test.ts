import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent, SETTLE_MS, type CloseCause, type HoverIntent, type OpenCause } from '@/src/card/hover-intent';

const DELAY = 300;
const GRACE = 350;

let intent: HoverIntent;
let onOpen: ReturnType<typeof vi.fn<(key: number, cause: OpenCause) => void>>;
let onClose: ReturnType<typeof vi.fn<(cause: CloseCause) => void>>;
let delay = DELAY;

beforeEach(() => {
  vi.useFakeTimers();
  delay = DELAY;
  onOpen = vi.fn<(key: number, cause: OpenCause) => void>();
  onClose = vi.fn<(cause: CloseCause) => void>();
  intent = createHoverIntent({ openDelayMs: () => delay, graceMs: GRACE, restTolerancePx: 6, onOpen, onClose });
});

afterEach(() => {
  intent.destroy();
  vi.useRealTimers();
});

/** Rests on mention `key` until its card opens. */
function openByHover(key = 1) {
  intent.pointerAt(key, 10, 10);
  vi.advanceTimersByTime(DELAY);
  expect(onOpen).toHaveBeenLastCalledWith(key, 'hover');
}

describe('hover intent: opening', () => {
  it('does not open when the pointer merely passes over a mention', () => {
    intent.pointerAt(1, 10, 10);
    vi.advanceTimersByTime(100);
    intent.pointerAt(null, 40, 10);
    vi.advanceTimersByTime(2000);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('does not open while the pointer keeps sliding along a mention', () => {
    for (let step = 0; step < 10; step += 1) {
      intent.pointerAt(1, 10 + step * 10, 10);
      vi.advanceTimersByTime(100);
    }
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens after the pointer rests for the delay, tolerating a small tremor', () => {
    intent.pointerAt(1, 10, 10);
    vi.advanceTimersByTime(DELAY - 50);
    intent.pointerAt(1, 13, 12);
    vi.advanceTimersByTime(49);
    expect(onOpen).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onOpen).toHaveBeenCalledWith(1, 'hover');
    expect(intent.openKey).toBe(1);
    expect(intent.pinned).toBe(false);
  });

  it('follows the reader\'s delay setting, including 0 (open at once)', () => {
    delay = 1200;
    intent.pointerAt(1, 10, 10);
    vi.advanceTimersByTime(1199);
    expect(onOpen).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onOpen).toHaveBeenCalledTimes(1);

    intent.close('dismiss');
    delay = 0;
    intent.pointerAt(2, 10, 10);
    expect(onOpen).toHaveBeenLastCalledWith(2, 'hover');
    // ...and stays open while the pointer rests there.
    vi.advanceTimersByTime(5000);
    expect(intent.openKey).toBe(2);
  });
});

describe('hover intent: settling before the card opens', () => {
  let onSettle: ReturnType<typeof vi.fn<(key: number) => void>>;
  beforeEach(() => {
    intent.destroy();
    onSettle = vi.fn<(key: number) => void>();
    intent = createHoverIntent({ openDelayMs: () => delay, graceMs: GRACE, restTolerancePx: 6, onOpen, onClose, onSettle });
  });

  it('says the pointer settled on a mention part of the way into the delay, before it opens', () => {
    intent.pointerAt(1, 10, 10);
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(onSettle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onSettle).toHaveBeenCalledExactlyOnceWith(1);
    expect(onOpen).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DELAY);
    expect(onOpen).toHaveBeenCalledWith(1, 'hover');
    expect(onSettle).toHaveBeenCalledTimes(1);
  });

  it('never settles on a pointer that slides along or passes over a mention', () => {
    for (let step = 0; step < 10; step += 1) {
      intent.pointerAt(1, 10 + step * 10, 10);
      vi.advanceTimersByTime(SETTLE_MS / 2);
    }
    intent.pointerAt(null, 200, 10);
    vi.advanceTimersByTime(2000);
    expect(onSettle).not.toHaveBeenCalled();
  });

  it('settles within half of a short delay, and not at all with none (the card opens at once)', () => {
    delay = 80;
    intent.pointerAt(1, 10, 10);
    vi.advanceTimersByTime(40);
    expect(onSettle).toHaveBeenCalledExactlyOnceWith(1);
    intent.close('dismiss');
    delay = 0;
    intent.pointerAt(2, 10, 10);
    vi.advanceTimersByTime(1000);
    expect(onSettle).toHaveBeenCalledTimes(1);
  });
});

describe('hover intent: staying open and closing', () => {
  it('stays open while the pointer travels to the card and over it', () => {
    openByHover();
    intent.pointerAt(null, 10, 30);
    vi.advanceTimersByTime(GRACE - 50);
    intent.pointerEnteredCard();
    vi.advanceTimersByTime(5000);
    expect(onClose).not.toHaveBeenCalled();
    expect(intent.openKey).toBe(1);
  });

  it('closes after the grace delay once the pointer left the mention', () => {
    openByHover();
    intent.pointerAt(null, 200, 200);
    vi.advanceTimersByTime(GRACE - 1);
    expect(onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onClose).toHaveBeenCalledWith('pointer');
    expect(intent.openKey).toBeNull();
  });

  it('closes after the grace delay once the pointer left the card', () => {
    openByHover();
    intent.pointerEnteredCard();
    intent.pointerLeftCard();
    vi.advanceTimersByTime(GRACE);
    expect(onClose).toHaveBeenCalledWith('pointer');
  });

  it('keeps the card when the pointer comes back to the mention within the grace delay', () => {
    openByHover();
    intent.pointerAt(null, 200, 200);
    vi.advanceTimersByTime(GRACE - 10);
    intent.pointerAt(1, 12, 10);
    vi.advanceTimersByTime(5000);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes when the pointer leaves the window', () => {
    openByHover();
    intent.pointerLeftPage();
    vi.advanceTimersByTime(GRACE);
    expect(onClose).toHaveBeenCalledWith('pointer');
  });

  it('closes at once on Escape and forgets a pending open', () => {
    openByHover();
    intent.pointerAt(2, 50, 50);
    intent.close('escape');
    expect(onClose).toHaveBeenCalledWith('escape');
    vi.advanceTimersByTime(5000);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('moves to another mention the pointer rests on', () => {
    openByHover(1);
    intent.pointerAt(2, 60, 10);
    vi.advanceTimersByTime(DELAY);
    expect(onOpen).toHaveBeenLastCalledWith(2, 'hover');
    expect(onClose).not.toHaveBeenCalled();
    expect(intent.openKey).toBe(2);
  });
});

describe('hover intent: pinning', () => {
  it('a click opens the card at once, pinned, and it survives the pointer leaving', () => {
    intent.click(4);
    expect(onOpen).toHaveBeenCalledWith(4, 'click');
    expect(intent.pinned).toBe(true);
    intent.pointerAt(null, 500, 500);
    intent.pointerLeftCard();
    intent.pointerAt(5, 10, 10);
    vi.advanceTimersByTime(10_000);
    expect(onClose).not.toHaveBeenCalled();
    expect(intent.openKey).toBe(4);
  });

  it('clicking the mention of a hovered card (or the pin button) pins it', () => {
    const onPinChange = vi.fn();
    intent.destroy();
    intent = createHoverIntent({ openDelayMs: () => DELAY, graceMs: GRACE, onOpen, onClose, onPinChange });
    openByHover(1);
    intent.click(1);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onPinChange).toHaveBeenCalledWith(true);
    intent.pointerAt(null, 500, 500);
    vi.advanceTimersByTime(10_000);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('a pinned card still closes on Escape; unpinning lets the pointer close it again', () => {
    openByHover(1);
    intent.pin();
    intent.unpin();
    intent.pointerAt(null, 500, 500);
    vi.advanceTimersByTime(GRACE);
    expect(onClose).toHaveBeenCalledWith('pointer');

    intent.openNow(3, 'keyboard');
    expect(intent.pinned).toBe(true);
    intent.close('escape');
    expect(onClose).toHaveBeenLastCalledWith('escape');
  });

  it('does nothing after destroy', () => {
    intent.pointerAt(1, 10, 10);
    intent.destroy();
    vi.advanceTimersByTime(5000);
    intent.click(2);
    expect(onOpen).not.toHaveBeenCalled();
  });
});
