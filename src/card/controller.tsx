/**
 * The hover card's controller: turns pointer, click, keyboard and scroll
 * events into hover-intent calls, and hover-intent decisions into a rendered,
 * placed card. It touches the page only by reading it (caret positions and
 * rectangles) and through a few passive listeners on the document and window.
 */
import { render } from 'preact';
import type { Finding, Report, Topic } from '@/src/data';
import type { MarkedMention, MarkRegistry } from '@/src/page/types';
import type { Settings } from '@/src/settings';
import { CardView, type CardTopic } from './CardView';
import { hitTest, type Hit } from './hit-test';
import { createHoverIntent, type CloseCause, type OpenCause } from './hover-intent';
import { lineReference, trackPlacement } from './placement';

/** Where the card renders: an element inside a shadow root, and the page element hosting that root. */
export interface CardHost {
  /** Element inside the shadow root the card's layer is appended to. */
  container: HTMLElement;
  /** The page element hosting the shadow root; events targeting it come from the card. */
  hostElement: HTMLElement;
}

/** The settings the card reads, at the moment it needs them. */
export type CardSettings = Pick<Settings, 'hoverDelayMs' | 'theme' | 'disabledTopics'>;

/** Data lookups (the bundled data in production; fixtures in tests). */
export interface CardData {
  getTopic(id: string): Topic | undefined;
  getFindingsForTopic(topicId: string): Finding[];
  getReport(id: string): Report | undefined;
}

/** What the controller needs from the content script. */
export interface HoverCardControllerOptions {
  registry: MarkRegistry;
  /** Creates the shadow-root host; called once, on the first card. */
  mountHost(): Promise<CardHost>;
  getSettings(): CardSettings;
  data: CardData;
  /** Turns a topic off (false) or back on (true) for every site. */
  setTopicEnabled(topicId: string, enabled: boolean): void | Promise<void>;
  openSettings(): void;
  /** Aborting it removes every listener and the card (the content script's `ctx.signal`). */
  signal: AbortSignal;
  /** Grace before an unpinned card closes after the pointer left it (tests shorten it). */
  graceMs?: number;
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

interface OpenCard {
  mention: MarkedMention;
  /** Every mark under the pointer; their topics are all shown. */
  mentions: MarkedMention[];
  lineIndex: number;
  activeTopicId: string;
  expanded: boolean;
  cause: OpenCause;
}

let controllerCount = 0;

/** Starts listening for hovers, clicks and keys; the card itself is created on first use. */
export function createHoverCardController(options: HoverCardControllerOptions): HoverCardController {
  const { registry, data } = options;
  const idPrefix = `policy-lens-card-${(controllerCount += 1)}`;
  const listeners = new AbortController();
  const passive = { capture: true, passive: true, signal: listeners.signal } as const;

  let host: CardHost | undefined;
  let hostPromise: Promise<CardHost> | undefined;
  let layer: HTMLElement | undefined;
  let card: OpenCard | undefined;
  let stopPlacement: (() => void) | undefined;
  let stopEscapeWatch: (() => void) | undefined;
  /** Where focus was before a keyboard open moved it into the card. */
  let returnFocusTo: HTMLElement | undefined;
  /** Topic switches made from this card before settings catch up. */
  const topicOverrides = new Map<string, boolean>();
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
      void show(mention, hit?.mentions ?? [mention], hit?.lineIndex ?? 0, cause);
    },
    onClose: (cause) => hide(cause),
    onPinChange: () => rerender(),
  });

  // Events from inside the shadow root reach the document retargeted to the host; the path check also covers a control that re-rendered away mid-click.
  const isFromCard = (event: Event) =>
    host !== undefined && (event.target === host.hostElement || event.composedPath().includes(host.hostElement));

  // One check per frame, however fast pointer events arrive.
  const checkPointer = () => {
    frame = 0;
    if (!pointer || pointer.overCard || destroyed) return;
    lastHit = hitTest(registry, pointer.x, pointer.y);
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
    if (!card || registry.marks().some((mark) => mark.id === card?.mention.id)) return;
    const inUse = pointer?.overCard === true || intent.pinned || hasFocusInside();
    if (!inUse) intent.close('dismiss');
  });

  const onAbort = () => destroy();
  options.signal.addEventListener('abort', onAbort, { once: true });

  function ensureHost(): Promise<CardHost> {
    hostPromise ??= options.mountHost().then((mounted) => {
      host = mounted;
      layer = createLayer(mounted.container);
      return mounted;
    });
    return hostPromise;
  }

  function createLayer(container: HTMLElement): HTMLElement {
    const element = document.createElement('div');
    element.className = 'pl-layer';
    element.setAttribute('data-pl-root', '');
    element.hidden = true;
    // The top layer sits above every z-index and outside the page's filters and transforms.
    if (supportsPopover(element)) element.setAttribute('popover', 'manual');
    element.addEventListener('pointerenter', () => {
      if (pointer) pointer.overCard = true;
      intent.pointerEnteredCard();
    });
    element.addEventListener('pointerleave', () => {
      if (pointer) pointer.overCard = false;
      intent.pointerLeftCard();
    });
    // Focus inside (tabbing, a click on a control) keeps the card open under it.
    element.addEventListener('focusin', () => intent.pin());
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        intent.close('escape');
      } else if (event.key === 'Tab') {
        keepTabInside(element, event);
      }
    });
    container.append(element);
    return element;
  }

  async function show(mention: MarkedMention, mentions: MarkedMention[], lineIndex: number, cause: OpenCause) {
    const topicIds = topicsOf(mentions).filter((id) => data.getTopic(id));
    const firstTopic = topicIds[0];
    if (!firstTopic) {
      intent.close('dismiss');
      return;
    }
    if (cause === 'keyboard' && !hasFocusInside()) returnFocusTo = deepActiveElement();
    const sameMention = card?.mention.id === mention.id;
    card = {
      mention,
      mentions,
      lineIndex,
      activeTopicId: sameMention && card ? card.activeTopicId : firstTopic,
      expanded: sameMention && card ? card.expanded : false,
      cause,
    };
    if (!sameMention) topicOverrides.clear();

    await ensureHost();
    // The reader may have moved on while the host was being created.
    if (destroyed || !layer || card?.mention.id !== mention.id) return;
    layer.hidden = false;
    if (layer.hasAttribute('popover') && !layer.matches(':popover-open')) layer.showPopover();
    rerender();

    stopPlacement?.();
    stopPlacement = trackPlacement(lineReference(mention.range, lineIndex), layer, {
      onReferenceHidden: (hidden) => {
        if (hidden) intent.close('dismiss');
      },
    });
    watchEscape();
    if (cause === 'keyboard') layer.querySelector<HTMLElement>('.pl-card')?.focus({ preventScroll: true });
  }

  function hide(cause: CloseCause) {
    const hadFocus = hasFocusInside();
    card = undefined;
    stopPlacement?.();
    stopPlacement = undefined;
    stopEscapeWatch?.();
    stopEscapeWatch = undefined;
    if (layer) {
      render(null, layer);
      if (layer.hasAttribute('popover') && layer.matches(':popover-open')) layer.hidePopover();
      layer.hidden = true;
    }
    const target = returnFocusTo;
    returnFocusTo = undefined;
    if ((hadFocus || cause === 'escape') && target?.isConnected) target.focus({ preventScroll: true });
  }

  /** Escape closes a hovered card even while focus stays in the page; listened for only while a card is open. */
  function watchEscape() {
    if (stopEscapeWatch) return;
    const escapeListener = new AbortController();
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape' && !isFromCard(event)) intent.close('escape');
      },
      { capture: true, passive: true, signal: escapeListener.signal },
    );
    stopEscapeWatch = () => escapeListener.abort();
  }

  function rerender() {
    if (!card || !layer) return;
    const open = card;
    const settings = options.getSettings();
    layer.setAttribute('data-theme', settings.theme);
    const topics: CardTopic[] = topicsOf(open.mentions).flatMap((id) => {
      const topic = data.getTopic(id);
      if (!topic) return [];
      const off = !(topicOverrides.get(id) ?? !settings.disabledTopics.includes(id));
      return [{ topic, findings: data.getFindingsForTopic(id), off }];
    });
    render(
      <CardView
        idPrefix={idPrefix}
        topics={topics}
        matchedText={open.mention.text}
        activeTopicId={open.activeTopicId}
        expanded={open.expanded}
        pinned={intent.pinned}
        getReport={data.getReport}
        onSelectTopic={(topicId) => update({ activeTopicId: topicId, expanded: false })}
        onToggleExpanded={() => update({ expanded: !open.expanded })}
        onPin={() => (intent.pinned ? intent.unpin() : intent.pin())}
        onClose={() => intent.close('escape')}
        onSetTopicEnabled={(topicId, enabled) => {
          topicOverrides.set(topicId, enabled);
          // Whatever the reader does in the card, it stays open under their hand.
          intent.pin();
          rerender();
          void options.setTopicEnabled(topicId, enabled);
        }}
        onOpenSettings={() => options.openSettings()}
      />,
      layer,
    );
  }

  function update(patch: Partial<Pick<OpenCard, 'activeTopicId' | 'expanded'>>) {
    if (!card) return;
    card = { ...card, ...patch };
    rerender();
  }

  function hasFocusInside(): boolean {
    return host !== undefined && document.activeElement === host.hostElement;
  }

  function openRelative(step: 1 | -1): boolean {
    if (destroyed) return false;
    const marks = registry.marks();
    if (marks.length === 0) return false;
    const current = card ? marks.findIndex((mark) => mark.id === card?.mention.id) : -1;
    const index = current >= 0 ? (current + step + marks.length) % marks.length : firstInView(marks, step);
    const mention = marks[index];
    if (!mention) return false;
    scrollIntoView(mention.range);
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
    if (layer) render(null, layer);
    layer?.remove();
  }

  return {
    openNext: () => openRelative(1),
    openPrevious: () => openRelative(-1),
    close: () => intent.close('dismiss'),
    destroy,
  };
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab cycles through the card's controls instead of leaving for the end of
 * the page (where the host element sits, far from the mention); Escape is the
 * way out, and returns focus to where it was.
 */
function keepTabInside(layer: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...layer.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = (layer.getRootNode() as ShadowRoot | Document).activeElement;
  const atEdge = event.shiftKey ? active === first || !focusable.includes(active as HTMLElement) : active === last;
  if (!atEdge) return;
  event.preventDefault();
  (event.shiftKey ? last : first).focus();
}

/** Topic ids of these mentions, first-named first, without repeats. */
function topicsOf(mentions: readonly MarkedMention[]): string[] {
  return [...new Set(mentions.flatMap((mention) => mention.topics))];
}

function clampDelay(ms: number): number {
  return Number.isFinite(ms) ? Math.min(1500, Math.max(0, ms)) : 300;
}

function supportsPopover(element: HTMLElement): boolean {
  return typeof element.showPopover === 'function';
}

/** The focused element, looking through open shadow roots (the page's own components). */
function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
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

/** Brings a range into the middle of the viewport, through any scrolling containers. */
function scrollIntoView(range: Range): void {
  const rect = range.getBoundingClientRect();
  const margin = 80;
  if (rect.top >= margin && rect.bottom <= window.innerHeight - margin) return;
  const start = range.startContainer;
  const element = start instanceof Element ? start : start.parentElement;
  element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const after = range.getBoundingClientRect();
  if (after.top < margin || after.bottom > window.innerHeight - margin) {
    window.scrollBy({ top: after.top - window.innerHeight / 2, behavior: 'instant' });
  }
}
