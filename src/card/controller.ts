/**
 * The hover card's controller: turns pointer, click, keyboard and scroll
 * events into hover-intent calls, and hover-intent decisions into a card on
 * screen. It runs with the page marker on every page and stays small: the
 * card itself (its view library, styles and notes) is a `CardSurface` loaded
 * on first use, when the pointer first rests on a mark, so it is usually
 * ready by the time the hover delay has passed. The controller touches the
 * page only by reading it (caret positions and rectangles) and through a few
 * passive listeners on the document and window.
 */
import { scrollMentionIntoView, type MarkedMention, type MarkRegistry } from '@/src/page';
import { HOVER_DELAY_RANGE, type Settings } from '@/src/settings';
import { hitTest, type Hit } from './hit-test';
import { createHoverIntent, type CloseCause } from './hover-intent';
import type { CardHooks, CardSurface } from './surface';

/** The settings the card reads, at the moment it needs them. */
export type CardSettings = Pick<Settings, 'hoverDelayMs' | 'theme' | 'disabledTopics' | 'disabledPacks'>;

/** What the controller needs from the content script. */
export interface HoverCardControllerOptions {
  registry: MarkRegistry;
  /** Loads the card (its script, on first use) and makes its surface for these hooks; called once. */
  loadSurface(hooks: CardHooks): Promise<CardSurface>;
  getSettings(): CardSettings;
  /** Turns a topic off (false) or back on (true) for every site. */
  setTopicEnabled(topicId: string, enabled: boolean): void | Promise<void>;
  openSettings(): void;
  /** Aborting it removes every listener and the card (the content script's `ctx.signal`). */
  signal: AbortSignal;
  /** Grace before an unpinned card closes after the pointer left it (tests shorten it). */
  graceMs?: number;
  /** Where to note when the page's first card loaded and showed (for `npm run bench`). */
  timing?: FirstCardTiming;
}

/** `performance.now()` times of the page's first card, null until they happen. */
export interface FirstCardTiming {
  /** The card's code started loading (the pointer first rested on a mark, or a card was asked for). */
  loadStarted: number | null;
  /** Hover intent (or a key, or a click) decided to open the card that was the first shown. */
  opened: number | null;
  /** That card was on screen. */
  shown: number | null;
}

/** The controller's handle for the content script. */
export interface HoverCardController {
  /** Opens the card of the next mention in document order (wrapping), scrolled into view, with focus inside. */
  openNext(): boolean;
  /** Same, backwards. */
  openPrevious(): boolean;
  /** Closes the card (e.g. on navigation). */
  close(): void;
  /** Removes listeners and the card. */
  destroy(): void;
}

/** Starts listening for hovers, clicks and keys; the card is loaded and created on first use. */
export function createHoverCardController(options: HoverCardControllerOptions): HoverCardController {
  const { registry } = options;
  const listeners = new AbortController();
  const passive = { capture: true, passive: true, signal: listeners.signal } as const;

  let surface: CardSurface | undefined;
  let surfacePromise: Promise<CardSurface | undefined> | undefined;
  /** The mention whose card is open (or opening). */
  let card: MarkedMention | undefined;
  /** The hit under the pointer at the last check, so an open knows its line and co-mentions. */
  let lastHit: Hit | null = null;
  let pointer: { x: number; y: number; overCard: boolean } | undefined;
  let frame = 0;
  let destroyed = false;

  const intent = createHoverIntent({
    openDelayMs: () => clampDelay(options.getSettings().hoverDelayMs),
    graceMs: options.graceMs,
    onOpen: (key, cause) => {
      const hit = lastHit?.mention.id === key ? lastHit : null;
      const mention = hit?.mention ?? registry.marks().find((mark) => mark.id === key);
      if (!mention) return;
      void show(mention, hit?.mentions ?? [mention], hit?.lineIndex ?? 0, cause === 'keyboard');
    },
    // Settled on a mark: make the card's (hidden) host now, so that when the hover delay has passed
    // the card only has to draw (npm run bench: the first card about 8 ms sooner). Not on a mere pass.
    onSettle: () => void loadSurface().then((loaded) => loaded?.prepare()),
    onClose: (cause) => hide(cause),
    onPinChange: () => surface?.refresh(intent.pinned),
  });

  const hooks: CardHooks = {
    pointerEnteredCard: () => {
      if (pointer) pointer.overCard = true;
      intent.pointerEnteredCard();
    },
    pointerLeftCard: () => {
      if (pointer) pointer.overCard = false;
      intent.pointerLeftCard();
    },
    pin: () => intent.pin(),
    togglePin: () => (intent.pinned ? intent.unpin() : intent.pin()),
    close: (cause) => intent.close(cause),
    getSettings: () => options.getSettings(),
    setTopicEnabled: (topicId, enabled) => options.setTopicEnabled(topicId, enabled),
    openSettings: () => options.openSettings(),
  };

  /** Starts loading the card (once); resolves to undefined if it cannot load. */
  function loadSurface(): Promise<CardSurface | undefined> {
    if (!surfacePromise && options.timing && options.timing.loadStarted === null) options.timing.loadStarted = performance.now();
    surfacePromise ??= options.loadSurface(hooks).then(
      (loaded) => {
        if (destroyed) loaded.destroy();
        else surface = loaded;
        return destroyed ? undefined : loaded;
      },
      (error: unknown) => {
        console.warn('[Policy Lens] the hover card could not load', error);
        surfacePromise = undefined;
        return undefined;
      },
    );
    return surfacePromise;
  }

  // Events from inside the card's shadow root reach the document retargeted to its host.
  const isFromCard = (event: Event) => surface?.isFromCard(event) === true;
  const hasFocusInside = () => surface?.hasFocusInside() === true;

  // One check per frame, however fast pointer events arrive.
  const checkPointer = () => {
    frame = 0;
    if (!pointer || pointer.overCard || destroyed) return;
    lastHit = hitTest(registry, pointer.x, pointer.y);
    // The pointer is on a mark: fetch the card now, so it is there when the hover delay has passed.
    if (lastHit && !surfacePromise) void loadSurface();
    intent.pointerAt(lastHit?.mention.id ?? null, pointer.x, pointer.y);
  };

  document.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      pointer = { x: event.clientX, y: event.clientY, overCard: isFromCard(event) };
      if (!frame) frame = requestAnimationFrame(checkPointer);
    },
    passive,
  );

  document.addEventListener(
    'pointerout',
    (event) => {
      if (event.relatedTarget === null && event.pointerType !== 'touch') intent.pointerLeftPage();
    },
    passive,
  );

  document.addEventListener(
    'click',
    (event) => {
      if (isFromCard(event) || event.button !== 0) return;
      // Ending a text selection is not a request for a card.
      if (document.getSelection()?.isCollapsed === false) return;
      const hit = hitTest(registry, event.clientX, event.clientY);
      if (hit) {
        lastHit = hit;
        intent.click(hit.mention.id);
      } else if (card) {
        intent.close('dismiss');
      }
    },
    passive,
  );

  // Marks change when the page changes or topics are switched; a card whose
  // mention is gone closes, unless the reader is using it.
  const unsubscribe = registry.subscribe(() => {
    if (!card || registry.marks().some((mark) => mark.id === card?.id)) return;
    const inUse = pointer?.overCard === true || intent.pinned || hasFocusInside();
    if (!inUse) intent.close('dismiss');
  });

  const onAbort = () => destroy();
  options.signal.addEventListener('abort', onAbort, { once: true });

  async function show(mention: MarkedMention, mentions: MarkedMention[], lineIndex: number, keyboard: boolean) {
    card = mention;
    const openedAt = performance.now();
    const loaded = await loadSurface();
    // The reader may have moved on while the card was loading.
    if (!loaded || destroyed || card?.id !== mention.id) return;
    const shown = await loaded.show({ mention, mentions, lineIndex, keyboard, pinned: intent.pinned });
    if (!shown && card?.id === mention.id) intent.close('dismiss');
    if (shown && options.timing && options.timing.shown === null) {
      options.timing.opened = openedAt;
      options.timing.shown = performance.now();
    }
  }

  function hide(cause: CloseCause) {
    card = undefined;
    surface?.hide(cause);
  }

  function openRelative(step: 1 | -1): boolean {
    if (destroyed) return false;
    const marks = registry.marks();
    if (marks.length === 0) return false;
    const current = card ? marks.findIndex((mark) => mark.id === card?.id) : -1;
    const index = current >= 0 ? (current + step + marks.length) % marks.length : firstInView(marks, step);
    const mention = marks[index];
    if (!mention) return false;
    scrollMentionIntoView(mention.range, { ifNeeded: true });
    lastHit = null;
    intent.openNow(mention.id, 'keyboard');
    return true;
  }

  function destroy() {
    if (destroyed) return;
    intent.close('dismiss');
    destroyed = true;
    intent.destroy();
    cancelAnimationFrame(frame);
    listeners.abort();
    unsubscribe();
    options.signal.removeEventListener('abort', onAbort);
    surface?.destroy();
  }

  return {
    openNext: () => openRelative(1),
    openPrevious: () => openRelative(-1),
    close: () => intent.close('dismiss'),
    destroy,
  };
}

/** The hover delay within the range settings allow (a stored value is repaired, but the card never trusts it blindly). */
function clampDelay(ms: number): number {
  return Number.isFinite(ms) ? Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, ms)) : HOVER_DELAY_RANGE.min;
}

/** Where keyboard navigation starts without an open card: the first mention at or below the viewport's top (forwards), the last above its bottom (backwards). */
function firstInView(marks: readonly MarkedMention[], step: 1 | -1): number {
  if (step === 1) {
    const index = marks.findIndex((mark) => mark.range.getBoundingClientRect().bottom > 0);
    return index >= 0 ? index : 0;
  }
  for (let index = marks.length - 1; index >= 0; index -= 1) {
    if ((marks[index]?.range.getBoundingClientRect().top ?? Infinity) < window.innerHeight) return index;
  }
  return marks.length - 1;
}
