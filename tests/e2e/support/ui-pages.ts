/**
 * Helpers for tests of the extension's own pages (popup, options, welcome): opening the popup for
 * a tab, reading its state, clicking controls by what they say, and watching a web page's marks.
 */
import type { Driver, TestPage, WaitOptions } from './driver';
import { HIGHLIGHT_PREFIX } from './mentions';

/** Opens `popup.html?tab=ID` for `page` in a new tab and waits for it to render. */
export async function openPopupFor(driver: Driver, page: TestPage): Promise<TestPage> {
  const tabId = await driver.tabIdOf(page);
  const popup = await driver.newPage(driver.extensionPageUrl(`popup.html?tab=${tabId}`));
  await popup.waitForFunction(() => document.querySelector('.pl-popup') !== null, undefined, {
    message: 'the popup to render',
  });
  return popup;
}

/** The popup's status box (`data-status`), or `none` when it shows none (topics were found). */
export function popupStatus(popup: TestPage): Promise<string> {
  return popup.evaluate(() => document.querySelector<HTMLElement>('[data-status]')?.dataset.status ?? 'none');
}

/** Waits until the popup's status is `status` (`none`: topics found, no status box). */
export async function waitForPopupStatus(popup: TestPage, status: string, options: WaitOptions = {}): Promise<void> {
  await popup.waitForFunction(
    (wanted: string) => (document.querySelector<HTMLElement>('[data-status]')?.dataset.status ?? 'none') === wanted,
    status,
    { message: `the popup to say "${status}"`, ...options },
  );
}

/** A row of the popup's "On this page" list. */
export interface PopupTopicRow {
  label: string;
  /** "3 mentions". */
  count: string;
  /** Its switch is on. */
  on: boolean;
}

/** The popup's "On this page" rows, in order. */
export function popupPageTopics(popup: TestPage): Promise<PopupTopicRow[]> {
  return popup.evaluate(() =>
    [...document.querySelectorAll('section[aria-labelledby="pl-page-topics"] .pl-topic')].map((row) => ({
      label: row.querySelector('.pl-topic__label')?.textContent?.trim() ?? '',
      count: row.querySelector('.pl-topic__count')?.textContent?.trim() ?? '',
      on: row.querySelector<HTMLInputElement>('input[role="switch"]')?.checked ?? false,
    })),
  );
}

/**
 * Clicks (a trusted click) the first element matching `selector` whose text or aria-label
 * contains `text`, scrolled into view first. Fails naming what it looked for.
 */
export async function clickByText(page: TestPage, selector: string, text: string): Promise<void> {
  const centre = await page.evaluate(
    ({ css, wanted }: { css: string; wanted: string }) => {
      const element = [...document.querySelectorAll<HTMLElement>(css)].find((candidate) =>
        `${candidate.textContent ?? ''} ${candidate.getAttribute('aria-label') ?? ''}`.includes(wanted),
      );
      if (!element) return null;
      element.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = element.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    },
    { css: selector, wanted: text },
  );
  if (!centre) throw new Error(`No ${selector} says "${text}" on ${await page.currentUrl()}`);
  await page.mouseClick(centre.x, centre.y);
}

/** The registered names of our highlights that hold at least one range (runs in the page). */
export function markedHighlightNames(prefix: string): string[] {
  return [...CSS.highlights]
    .filter(([name, highlight]) => name.startsWith(prefix) && highlight.size > 0)
    .map(([name]) => name)
    .sort();
}

/** Our highlight names on a web page that hold marks, sorted. */
export function markedNames(page: TestPage): Promise<string[]> {
  return page.evaluate(markedHighlightNames, HIGHLIGHT_PREFIX);
}

/** Waits until the set of our highlight names holding marks satisfies `test` (given the names). */
export async function waitForMarkedNames(
  page: TestPage,
  test: (names: string[]) => boolean,
  what: string,
  options: WaitOptions = {},
): Promise<string[]> {
  const timeout = options.timeout ?? 15_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = await markedNames(page);
    if (test(names)) return names;
    if (Date.now() > deadline) throw new Error(`Waited ${timeout} ms for ${what}; the page's marks stayed ${JSON.stringify(names)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The document's time origin: the same value later means the page was not reloaded. */
export function documentTimeOrigin(page: TestPage): Promise<number> {
  return page.evaluate(() => performance.timeOrigin);
}
