/**
 * What the reader sees of the hover card: the shadow-root host, the layer in
 * the top layer, the Preact view, placement next to the mention, focus and
 * Escape handling inside the card. This part (with Preact, Floating UI, the
 * card's styles and the findings) loads on first use; the controller that
 * decides when to show it runs with the page marker (`controller.ts`).
 */
import { render } from 'preact';
import type { Finding, Report, Topic } from '@/src/data';
import type { MarkedMention } from '@/src/page';
import type { CatalogPack } from '@/src/packs';
import { mustNamePacks, type PackLookup } from '@/src/ui/findings';
import { applyTheme } from '@/src/ui/theme';
import type { CardSettings } from './controller';
import { CardView, type CardTopic } from './CardView';
import type { CloseCause } from './hover-intent';
import { lineReference, trackPlacement } from './placement';

/** Where the card renders: an element inside a shadow root, and the page element hosting that root. */
export interface CardHost {
  /** Element inside the shadow root the card's layer is appended to. */
  container: HTMLElement;
  /** The page element hosting the shadow root; events targeting it come from the card. */
  hostElement: HTMLElement;
}

/** Data lookups (the notes catalog of the packs that are on in production; fixtures in tests). */
export interface CardData {
  getTopic(id: string): Topic | undefined;
  getFindingsForTopic(topicId: string): Finding[];
  getReport(id: string): Report | undefined;
  /** The pack a topic or finding comes from (the catalog's `packOf`); without it the card names no pack. */
  packOf?(id: string): CatalogPack | undefined;
}

/** What the card shows: the mention, all mentions under the pointer, and the reader's place in the card. */
export interface CardState {
  mention: MarkedMention;
  mentions: MarkedMention[];
  lineIndex: number;
  /** Opened from the keyboard: focus moves into the card. */
  keyboard: boolean;
  pinned: boolean;
}

/** The controller's side of the card: what the card reports back. */
export interface CardHooks {
  pointerEnteredCard(): void;
  pointerLeftCard(): void;
  pin(): void;
  togglePin(): void;
  close(cause: Exclude<CloseCause, 'pointer'>): void;
  getSettings(): CardSettings;
  setTopicEnabled(topicId: string, enabled: boolean): void | Promise<void>;
  openSettings(): void;
}

/** The card on screen. */
export interface CardSurface {
  /**
   * Makes the card's host now, hidden, so the first card only has to draw: mounting it (a new
   * element, its styles, the page laid out again around it) cost most of the first card's time.
   */
  prepare(): void;
  /** Shows the card for `state`; false when none of its topics has notes (nothing to show). */
  show(state: CardState): Promise<boolean>;
  /** Draws the card again (pin state, settings). */
  refresh(pinned: boolean): void;
  hide(cause: CloseCause): void;
  /** Whether an event came from inside the card. */
  isFromCard(event: Event): boolean;
  hasFocusInside(): boolean;
  destroy(): void;
}

export interface CardSurfaceOptions {
  /** Creates the shadow-root host; called once, on the first card. */
  mountHost(): Promise<CardHost>;
  data: CardData;
  hooks: CardHooks;
}

interface Shown {
  state: CardState;
  activeTopicId: string;
  expanded: boolean;
}

let surfaceCount = 0;

/** The card's surface; nothing is created in the page until the first `show`. */
export function createCardSurface(options: CardSurfaceOptions): CardSurface {
  const { data, hooks } = options;
  const idPrefix = `policy-lens-card-${(surfaceCount += 1)}`;
  let host: CardHost | undefined;
  let hostPromise: Promise<CardHost> | undefined;
  let layer: HTMLElement | undefined;
  let shown: Shown | undefined;
  let stopPlacement: (() => void) | undefined;
  let stopEscapeWatch: (() => void) | undefined;
  /** Where focus was before a keyboard open moved it into the card. */
  let returnFocusTo: HTMLElement | undefined;
  /** Topic switches made from this card before settings catch up. */
  const topicOverrides = new Map<string, boolean>();
  let destroyed = false;

  const isFromCard = (event: Event) =>
    host !== undefined && (event.target === host.hostElement || event.composedPath().includes(host.hostElement));
  const hasFocusInside = () => host !== undefined && document.activeElement === host.hostElement;

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
    element.addEventListener('pointerenter', () => hooks.pointerEnteredCard());
    element.addEventListener('pointerleave', () => hooks.pointerLeftCard());
    // Focus inside (tabbing, a click on a control) keeps the card open under it.
    element.addEventListener('focusin', () => hooks.pin());
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        hooks.close('escape');
      } else if (event.key === 'Tab') {
        keepTabInside(element, event);
      }
    });
    container.append(element);
    return element;
  }

  async function show(state: CardState): Promise<boolean> {
    const topicIds = topicsOf(state.mentions).filter((id) => data.getTopic(id));
    const firstTopic = topicIds[0];
    if (!firstTopic) return false;
    if (state.keyboard && !hasFocusInside()) returnFocusTo = deepActiveElement();
    const sameMention = shown?.state.mention.id === state.mention.id;
    shown = {
      state,
      activeTopicId: sameMention && shown ? shown.activeTopicId : firstTopic,
      expanded: sameMention && shown ? shown.expanded : false,
    };
    if (!sameMention) topicOverrides.clear();

    await ensureHost();
    // The reader may have moved on while the host was being created.
    if (destroyed || !layer || shown?.state.mention.id !== state.mention.id) return true;
    layer.hidden = false;
    if (layer.hasAttribute('popover') && !layer.matches(':popover-open')) layer.showPopover();
    draw();

    stopPlacement?.();
    stopPlacement = trackPlacement(lineReference(state.mention.range, state.lineIndex), layer, {
      onReferenceHidden: (hidden) => {
        if (hidden) hooks.close('dismiss');
      },
    });
    watchEscape();
    if (state.keyboard) layer.querySelector<HTMLElement>('.pl-card')?.focus({ preventScroll: true });
    return true;
  }

  function hide(cause: CloseCause) {
    const hadFocus = hasFocusInside();
    shown = undefined;
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
        if (event.key === 'Escape' && !isFromCard(event)) hooks.close('escape');
      },
      { capture: true, passive: true, signal: escapeListener.signal },
    );
    stopEscapeWatch = () => escapeListener.abort();
  }

  function draw() {
    if (!shown || !layer) return;
    const open = shown;
    const settings = hooks.getSettings();
    applyTheme(layer, settings.theme);
    const topics: CardTopic[] = topicsOf(open.state.mentions).flatMap((id) => {
      const topic = data.getTopic(id);
      if (!topic) return [];
      const off = !(topicOverrides.get(id) ?? !settings.disabledTopics.includes(id));
      return [{ topic, findings: data.getFindingsForTopic(id), off }];
    });
    const packOf = packLookupFor(topics);
    render(
      <CardView
        idPrefix={idPrefix}
        topics={topics}
        matchedText={open.state.mention.text}
        activeTopicId={open.activeTopicId}
        expanded={open.expanded}
        pinned={open.state.pinned}
        getReport={data.getReport}
        packOf={packOf}
        onSelectTopic={(topicId) => update({ activeTopicId: topicId, expanded: false })}
        onToggleExpanded={() => update({ expanded: !open.expanded })}
        onPin={() => hooks.togglePin()}
        onClose={() => hooks.close('escape')}
        onSetTopicEnabled={(topicId, enabled) => {
          topicOverrides.set(topicId, enabled);
          // Whatever the reader does in the card, it stays open under their hand.
          hooks.pin();
          draw();
          void hooks.setTopicEnabled(topicId, enabled);
        }}
        onOpenSettings={() => hooks.openSettings()}
      />,
      layer,
    );
  }

  /**
   * Whether this card names the packs of its findings: it does when its
   * topics (of every mention under the pointer) come from more than one
   * pack, or from an imported one, so a reader can always tell whose notes
   * they read. The built-in notes alone read as they always have.
   */
  function packLookupFor(topics: readonly CardTopic[]): PackLookup | undefined {
    const lookUpPack = data.packOf;
    if (!lookUpPack) return undefined;
    const packs = topics.flatMap(({ topic }) => lookUpPack(topic.id) ?? []);
    if (!mustNamePacks(packs)) return undefined;
    return (id) => lookUpPack(id)?.meta;
  }

  function update(patch: Partial<Pick<Shown, 'activeTopicId' | 'expanded'>>) {
    if (!shown) return;
    shown = { ...shown, ...patch };
    draw();
  }

  return {
    prepare() {
      // A host that cannot be made now fails the same way when the card is shown, and says so there.
      if (!destroyed) ensureHost().catch(() => undefined);
    },
    show,
    refresh(pinned) {
      if (!shown) return;
      shown = { ...shown, state: { ...shown.state, pinned } };
      draw();
    },
    hide,
    isFromCard,
    hasFocusInside,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopPlacement?.();
      stopEscapeWatch?.();
      if (layer) render(null, layer);
      layer?.remove();
    },
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

function supportsPopover(element: HTMLElement): boolean {
  return typeof element.showPopover === 'function';
}

/** The focused element, looking through open shadow roots (the page's own components). */
function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}
