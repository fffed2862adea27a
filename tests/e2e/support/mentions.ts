/**
 * Helpers for tests that use marked mentions and the hover card like a reader: where the marks
 * are on screen (read from the page's CSS highlight registry, which the main world shares), a
 * pointer that moves in steps, what the card shows (read from its closed shadow root through the
 * automation protocol), and the message a keyboard shortcut makes the background send.
 */
import { waitForShadowRoot, type Driver, type TestPage, type WaitOptions } from './driver';
import { CARD_HOST, HIGHLIGHT_PREFIX } from './marks';

export { CARD_HOST, HIGHLIGHT_PREFIX } from './marks';

/** One marked mention as the page shows it: its topic and the first box of its text. */
export interface MentionBox {
  topic: string;
  /** Highlight style letter from the registered name: `u` underline, `b` background. */
  style: string;
  /** The marked text, white space collapsed. */
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in the viewport, in CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

/** Every mention our highlights mark, in document order (runs in the page's main world). */
export function readMentionBoxes(prefix: string): MentionBox[] {
  const found: Array<MentionBox & { range: Range }> = [];
  for (const [name, highlight] of CSS.highlights) {
    const parsed = new RegExp(`^${prefix}([ub])-(.+)$`).exec(name);
    if (!parsed) continue;
    for (const range of highlight as unknown as Iterable<AbstractRange>) {
      if (!(range instanceof Range)) continue;
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      found.push({
        range,
        topic: parsed[2]!,
        style: parsed[1]!,
        text: range.toString().replace(/\s+/g, ' ').trim(),
        x: rect.x,
        y: rect.y,
        width: rect.width,
        height: rect.height,
      });
    }
  }
  found.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  return found.map(({ range: _range, ...box }) => box);
}

/** The marked mentions on the page, in document order. */
export function mentionBoxes(page: TestPage): Promise<MentionBox[]> {
  return page.evaluate(readMentionBoxes, HIGHLIGHT_PREFIX);
}

/** Waits until the page shows a mark for `text`, and returns it. */
export async function waitForMention(page: TestPage, text: string, options: WaitOptions = {}): Promise<MentionBox> {
  await page.waitForFunction(
    ({ prefix, wanted }: { prefix: string; wanted: string }) =>
      [...CSS.highlights].some(
        ([name, highlight]) =>
          name.startsWith(prefix) &&
          [...(highlight as unknown as Iterable<AbstractRange>)].some(
            (range) => range instanceof Range && range.toString().replace(/\s+/g, ' ').trim() === wanted,
          ),
      ),
    { prefix: HIGHLIGHT_PREFIX, wanted: text },
    { message: `a mark on "${text}"`, ...options },
  );
  const box = (await mentionBoxes(page)).find((mention) => mention.text === text);
  if (!box) throw new Error(`"${text}" is marked but has no box on screen`);
  return box;
}

/** The centre of a box. */
export function centreOf(box: { x: number; y: number; width: number; height: number }): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Moves the pointer from `from` to `to` in `steps` even moves, as a hand does (each step is one
 * pointer event). Returns the longest time between two moves, as this side saw it: on a loaded
 * machine one move can wait long enough for the pointer to have truly rested where it was.
 */
export async function glide(page: TestPage, from: Point, to: Point, steps = 8): Promise<number> {
  let longestGapMs = 0;
  let last = performance.now();
  for (let step = 1; step <= steps; step += 1) {
    await page.mouseMove(from.x + ((to.x - from.x) * step) / steps, from.y + ((to.y - from.y) * step) / steps);
    const now = performance.now();
    if (step > 1) longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }
  return longestGapMs;
}

/** What the card shows, read from its shadow root. */
export interface CardSnapshot {
  /** The card is on screen. */
  open: boolean;
  /** The topic heading (one topic) or the selected tab (several). */
  title: string | null;
  /** The quoted page text the card is about. */
  matched: string | null;
  findings: Array<{ text: string; citation: string; sourceHref: string | null }>;
  /** "Source:" lines naming who published the cited reports. */
  sources: string[];
  pinned: boolean;
  rect: { x: number; y: number; width: number; height: number } | null;
  /** The focused element inside the root, described (see `describe` below), or null. */
  focused: string | null;
  /** Every control Tab can reach in the card, described, in order. */
  focusables: string[];
  /** The card's computed background colour. */
  background: string | null;
}

/** Reads the card from its shadow root (runs in the page, handed the root by the driver). */
export function readCard(root: ShadowRoot): CardSnapshot {
  const describe = (element: Element | null): string | null => {
    if (!element) return null;
    const name = element.getAttribute('aria-label') ?? element.textContent?.replace(/\s+/g, ' ').trim().slice(0, 60) ?? '';
    return `${element.localName}.${element.classList[0] ?? ''}:${name}`;
  };
  const layer = root.querySelector<HTMLElement>('.pl-layer');
  const card = root.querySelector<HTMLElement>('.pl-card');
  const text = (selector: string, scope: ParentNode | null = card) =>
    scope?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const open = Boolean(layer && !layer.hidden && card);
  const rect = card?.getBoundingClientRect();
  const focusable = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';
  return {
    open,
    title: text('.pl-card__title') ?? text('[role="tab"][aria-selected="true"]'),
    matched: text('.pl-card__matched-text'),
    findings: [...(card?.querySelectorAll('.pl-finding') ?? [])].map((finding) => ({
      text: text('.pl-finding__text', finding) ?? '',
      citation: text('.pl-finding__citation', finding) ?? '',
      sourceHref: finding.querySelector<HTMLAnchorElement>('a.pl-finding__source')?.href ?? null,
    })),
    sources: [...(card?.querySelectorAll('.pl-source-line') ?? [])].map((line) => line.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    pinned: card?.querySelector('[aria-pressed]')?.getAttribute('aria-pressed') === 'true',
    rect: rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null,
    focused: describe(root.activeElement),
    focusables: [...(layer?.querySelectorAll(focusable) ?? [])].map((element) => describe(element) ?? ''),
    background: card ? getComputedStyle(card).backgroundColor : null,
  };
}

/** The card as it is now; `open: false` when it was never created. */
export async function cardSnapshot(page: TestPage): Promise<CardSnapshot> {
  return (
    (await page.evaluateInShadowRoot(CARD_HOST, readCard)) ?? {
      open: false,
      title: null,
      matched: null,
      findings: [],
      sources: [],
      pinned: false,
      rect: null,
      focused: null,
      focusables: [],
      background: null,
    }
  );
}

/** Waits until the card is open about `matched` (any mention when omitted), and returns what it shows. */
export async function waitForOpenCard(page: TestPage, matched?: string, options: WaitOptions = {}): Promise<CardSnapshot> {
  await waitForShadowRoot(
    page,
    CARD_HOST,
    (root, wanted: string | null) => {
      const layer = root.querySelector<HTMLElement>('.pl-layer');
      const quote = root.querySelector('.pl-card__matched-text')?.textContent?.replace(/\s+/g, ' ').trim();
      return Boolean(layer && !layer.hidden && root.querySelector('.pl-card') && (wanted === null || quote === wanted));
    },
    matched ?? null,
    { message: matched ? `the card about "${matched}" to open` : 'a card to open', ...options },
  );
  return cardSnapshot(page);
}

/** Waits until no card is open. */
export async function waitForClosedCard(page: TestPage, options: WaitOptions = {}): Promise<void> {
  await page.waitForFunction((host: string) => document.querySelector(host) !== null, CARD_HOST, {
    message: 'the card host to exist',
    ...options,
  });
  await waitForShadowRoot(
    page,
    CARD_HOST,
    (root) => {
      const layer = root.querySelector<HTMLElement>('.pl-layer');
      return !layer || layer.hidden || !root.querySelector('.pl-card');
    },
    undefined,
    { message: 'the card to close', ...options },
  );
}

/** Lets `ms` pass by the page's own clock (for "still open after the grace period" checks). */
export async function letPageTimePass(page: TestPage, ms: number): Promise<void> {
  const start = await page.evaluate(() => performance.now());
  await page.waitForFunction((until: number) => performance.now() >= until, start + ms, {
    timeout: ms + 15_000,
    message: `${ms} ms of page time`,
  });
}

/**
 * Sends a tab the message the background sends when the reader presses a mention shortcut
 * (`navigateMention`, in @webext-core/messaging's format), from an extension page, and returns
 * the content script's reply: whether a card opened. Browsers do not deliver synthetic key
 * presses to extension commands, so this is how tests reach the same code.
 */
export async function sendNavigateMention(driver: Driver, tabId: number, direction: 'next' | 'previous'): Promise<boolean> {
  const sender = await driver.newPage(driver.extensionPageUrl('options.html'));
  try {
    return await sender.evaluate(
      async ({ tab, where }: { tab: number; where: string }) => {
        type Api = { tabs: { sendMessage(tabId: number, message: unknown): Promise<{ res?: unknown; err?: { message?: string } }> } };
        const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (scope.browser ?? scope.chrome)!;
        const reply = await api.tabs.sendMessage(tab, {
          id: Math.floor(Math.random() * 1e6),
          type: 'navigateMention',
          data: { direction: where },
          timestamp: Date.now(),
        });
        if (reply?.err) throw new Error(`navigateMention failed in the tab: ${reply.err.message ?? 'no message'}`);
        return reply?.res === true;
      },
      { tab: tabId, where: direction },
    );
  } finally {
    await sender.close();
  }
}
