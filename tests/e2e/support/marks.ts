/**
 * Reading Policy Lens's marks and card the way a page (or a reader) sees them: the highlight
 * ranges in `CSS.highlights`, the card's text in its closed shadow root, and the stored settings
 * through an extension page. Page functions here are serialized, so each is self-contained.
 */
import type { Driver, TestPage, WaitOptions } from './driver';
import { DEFAULT_WAIT_MS } from './driver';

/** Prefix of every highlight name Policy Lens registers (src/page/highlights.ts). */
export const HIGHLIGHT_PREFIX = 'policy-lens-';
/** The element hosting the hover card's shadow root (src/page/exclusions.ts). */
export const CARD_HOST = 'policy-lens-ui';

/** One marked range as the page sees it. */
export interface PageMark {
  /** The highlight it is registered under, e.g. `policy-lens-u-iran-nuclear`. */
  name: string;
  /** `range.toString()`: the marked text exactly, NBSPs and curly quotes included. */
  text: string;
  /** The id of the nearest element with an id around the range's start (inside a shadow root: the nearest there). */
  at: string | null;
}

/** Page function: every range in every `policy-lens-*` highlight (except the reveal flash). */
export function readMarksInPage(prefix: string): PageMark[] {
  const marks: PageMark[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith(prefix) || name === `${prefix}flash`) continue;
    for (const range of highlight as unknown as Iterable<AbstractRange>) {
      const start = range.startContainer;
      const element = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      marks.push({ name, text: String(range), at: element?.closest('[id]')?.id ?? null });
    }
  }
  return marks;
}

/** Every marked range on the page now. */
export function readMarks(page: TestPage): Promise<PageMark[]> {
  return page.evaluate(readMarksInPage, HIGHLIGHT_PREFIX);
}

/** Waits until the page shows at least `minimum` marks. */
export async function waitForMarks(page: TestPage, minimum = 1, options: WaitOptions = {}): Promise<void> {
  await page.waitForFunction(
    ({ prefix, minimum: least }: { prefix: string; minimum: number }) => {
      let count = 0;
      for (const [name, highlight] of CSS.highlights) if (name.startsWith(prefix)) count += highlight.size;
      return count >= least;
    },
    { prefix: HIGHLIGHT_PREFIX, minimum },
    { message: `at least ${minimum} ${HIGHLIGHT_PREFIX}* highlight range(s)`, ...options },
  );
}

/**
 * Waits until the marks inside the element with id `at` read exactly `texts` (in any order), e.g.
 * after the page changed that element. Fails with what was there instead.
 */
export async function waitForMarksAt(page: TestPage, at: string, texts: readonly string[], options: WaitOptions = {}): Promise<void> {
  const expected = [...texts].sort();
  try {
    await page.waitForFunction(
      ({ prefix, at: id, expected: wanted }: { prefix: string; at: string; expected: string[] }) => {
        const found: string[] = [];
        for (const [name, highlight] of CSS.highlights) {
          if (!name.startsWith(prefix)) continue;
          for (const range of highlight as unknown as Iterable<AbstractRange>) {
            const start = range.startContainer;
            const element = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
            if (element?.closest('[id]')?.id === id) found.push(String(range));
          }
        }
        return JSON.stringify(found.sort()) === JSON.stringify(wanted);
      },
      { prefix: HIGHLIGHT_PREFIX, at, expected },
      { message: `marks in #${at} to read ${JSON.stringify(expected)}`, ...options },
    );
  } catch (error) {
    const found = (await readMarks(page)).filter((mark) => mark.at === at).map((mark) => mark.text);
    throw new Error(`${(error as Error).message}; found ${JSON.stringify(found.sort())}`, { cause: error });
  }
}

/** Page function: the centre of the first line box of the first mark whose text (and place, if given) match. */
export function markPointInPage(query: { prefix: string; text: string; at?: string }): { x: number; y: number } | null {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith(query.prefix)) continue;
    for (const range of highlight as unknown as Iterable<AbstractRange>) {
      if (!(range instanceof Range) || String(range) !== query.text) continue;
      const start = range.startContainer;
      const element = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      if (query.at !== undefined && element?.closest('[id]')?.id !== query.at) continue;
      const box = range.getClientRects()[0];
      if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  }
  return null;
}

/**
 * Moves the real mouse onto a marked mention (scrolling its element into view first) and waits
 * for the hover card; returns the card's text. The card is found through the automation protocol
 * because its shadow root is closed to page scripts.
 */
export async function hoverMark(page: TestPage, text: string, at?: string, options: WaitOptions = {}): Promise<string> {
  if (at !== undefined) {
    // Through the prototype: a hostile page may clobber document.getElementById with a named element.
    await page.evaluate((id: string) => Document.prototype.getElementById.call(document, id)?.scrollIntoView({ block: 'center' }), at);
  }
  const point = await page.evaluate(markPointInPage, { prefix: HIGHLIGHT_PREFIX, text, at });
  if (point === null) throw new Error(`No mark reads "${text}"${at === undefined ? '' : ` in #${at}`} to hover`);
  // Start off the text, so the move onto the mark is a real pointer movement.
  await page.mouseMove(1, 1);
  await page.mouseMove(point.x, point.y);
  return waitForCardText(page, options);
}

/** Waits until the hover card shows text, and returns it. */
export async function waitForCardText(page: TestPage, options: WaitOptions = {}): Promise<string> {
  const text = await poll(async () => {
    const card = await page.shadowRootText(CARD_HOST);
    return card ? card : undefined;
  }, { message: 'the hover card to show text', ...options });
  return text;
}

/**
 * Calls `probe` until it returns something other than undefined (each call waits for the
 * previous one); fails after the timeout, naming what was awaited.
 */
export async function poll<T>(probe: () => Promise<T | undefined>, options: WaitOptions = {}): Promise<T> {
  const timeout = options.timeout ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${timeout} ms for ${options.message ?? 'a condition'}; it never came`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The reader's stored settings as the extension keeps them (`storage.sync`, key `settings`). */
export type StoredSettings = Record<string, unknown>;

/**
 * The settings a fresh install starts with, written out here rather than
 * imported from src/settings/fields.ts, so a changed default fails a test.
 */
export const FRESH_INSTALL_SETTINGS: StoredSettings = Object.freeze({
  enabled: true,
  disabledTopics: [],
  markMode: 'every',
  highlightStyle: 'underline',
  hoverDelayMs: 300,
  theme: 'system',
  showBadge: true,
  pausedSites: [],
  disabledPacks: [],
});

/** Runs `fn` with the extension's storage API in a fresh options page, then closes the page. */
async function withExtensionPage<T>(driver: Driver, fn: (page: TestPage) => Promise<T>): Promise<T> {
  const page = await driver.newPage(driver.extensionPageUrl('options.html'));
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

/** Reads the stored settings (undefined before anything was ever written). */
export function readStoredSettings(driver: Driver): Promise<StoredSettings | undefined> {
  return withExtensionPage(driver, (page) =>
    page.evaluate(async () => {
      type Area = { get(key: string): Promise<Record<string, unknown>> };
      const scope = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome?: { storage: { sync: Area } } };
      const sync = (scope.browser ?? scope.chrome)?.storage.sync;
      if (!sync) throw new Error('No storage API on the extension page');
      return (await sync.get('settings')).settings as StoredSettings | undefined;
    }),
  );
}

/**
 * Changes stored settings from an extension page, as the options page does: the content script
 * must pick the change up live. Fields not in `patch` keep their stored value.
 */
export function updateStoredSettings(driver: Driver, patch: StoredSettings): Promise<void> {
  return withExtensionPage(driver, (page) =>
    page.evaluate(async (change: StoredSettings) => {
      type Area = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
      const scope = globalThis as unknown as { browser?: { storage: { sync: Area } }; chrome?: { storage: { sync: Area } } };
      const sync = (scope.browser ?? scope.chrome)?.storage.sync;
      if (!sync) throw new Error('No storage API on the extension page');
      const stored = (await sync.get('settings')).settings as StoredSettings | undefined;
      await sync.set({ settings: { ...stored, ...change } });
    }, patch),
  );
}
