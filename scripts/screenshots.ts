/**
 * `npx tsx scripts/screenshots.ts`: the README's screenshots, taken from the production build in
 * Chromium:
 *
 *   docs/screenshots/card-light.png   the hover card on the demo article, light colour scheme
 *   docs/screenshots/card-dark.png    the same card, dark colour scheme
 *   docs/screenshots/popup.png        the toolbar popup for the article, a topic opened
 *   docs/screenshots/popup-dark.png   the same popup, dark colour scheme
 *   docs/screenshots/options.png      the top of the options page
 *
 * The demo article (assets/demo/article.html) is served from this machine as
 * https://www.nytimes.com/policy-lens-demo/, a built-in news site; the browser's DNS points
 * there, so nothing goes to the network. Run `npm run build` first.
 *
 *   --out DIR   write the pictures to DIR instead of docs/screenshots
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumHostResolverRules, findBrowserExecutable } from './lib/browsers';
import { htmlResponse, startHttpsServer } from './lib/https-server';
import { DEMO_ARTICLE, extensionBuildDir, REPO_ROOT } from './lib/paths';

const DEMO_HOST = 'www.nytimes.com';
const DEMO_PATH = '/policy-lens-demo/';
const DEFAULT_OUT = join(REPO_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
/** Retina-sharp pictures: the README shows them scaled down. */
const PIXEL_RATIO = 2;
const HIGHLIGHT_PREFIX = 'policy-lens-';
/** The mention the card pictures show: its first mark in the article's body text (not the headline). */
const CARD_MENTION = 'mutual defense treaty';
/** Where on screen the mention sits while its card is pictured, so the card has room below. */
const MENTION_TOP = 180;
/** Margin around the text column and the card in the card pictures, and how much article shows above the mention. */
const CLIP_MARGIN = 28;
const CLIP_ABOVE = 96;
const WAIT_MS = 15_000;

type Box = { x: number; y: number; width: number; height: number };

function parseOptions(): { out: string } {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  return { out: resolve(values.out ?? DEFAULT_OUT) };
}

/** Polls `probe` until it gives a value; fails naming `what` after WAIT_MS. */
async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${WAIT_MS} ms.`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** Lets CSS transitions and the card's fade-in finish before a picture. */
function settle(page: Page): Promise<void> {
  return page.waitForTimeout(400);
}

/**
 * The card's box on screen, or null while no card is shown. Its shadow root is closed, so the
 * DevTools protocol hands it over (the page's scripts never get it).
 */
async function cardBox(page: Page): Promise<Box | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'policy-lens-ui' });
    if (!nodeId) return null;
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadowRoot = node.shadowRoots?.[0];
    if (!shadowRoot) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadowRoot.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      // A plain string: this script runs under tsx, whose name-keeping helpers do not exist in the page.
      functionDeclaration: `function () {
        const layer = this.querySelector('.pl-layer');
        const card = this.querySelector('.pl-card');
        if (!layer || layer.hidden || !card) return null;
        const box = card.getBoundingClientRect();
        return { x: box.x, y: box.y, width: box.width, height: box.height };
      }`,
    });
    return (result.value as Box | null) ?? null;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Scrolls the mention to MENTION_TOP and returns its first line's box and its paragraph's. */
async function placeMention(page: Page): Promise<{ mention: Box; column: Box }> {
  await page.waitForFunction(
    (prefix: string) => [...CSS.highlights.keys()].some((name) => name.startsWith(prefix)),
    HIGHLIGHT_PREFIX,
    { timeout: WAIT_MS },
  );
  const find = ({ prefix, text, top }: { prefix: string; text: string; top: number }) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith(prefix)) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        if (range.toString().replace(/\s+/g, ' ') !== text) continue;
        // Body text, not the headline: the picture should read like an article with a note on it.
        if (!range.startContainer.parentElement?.closest('article p:not([class])')) continue;
        window.scrollBy({ top: range.getBoundingClientRect().top - top, behavior: 'instant' });
        const box = range.getClientRects()[0]!;
        const paragraph = range.startContainer.parentElement!.closest('p')!.getBoundingClientRect();
        return {
          mention: { x: box.x, y: box.y, width: box.width, height: box.height },
          column: { x: paragraph.x, y: paragraph.y, width: paragraph.width, height: paragraph.height },
        };
      }
    }
    return null;
  };
  const boxes = await page.evaluate(find, { prefix: HIGHLIGHT_PREFIX, text: CARD_MENTION, top: MENTION_TOP });
  if (!boxes) throw new Error(`The demo article shows no mark on "${CARD_MENTION}".`);
  return boxes;
}

/** Rests the pointer on the mention, as a reader does, and waits for its card. */
async function openCard(page: Page, mention: Box): Promise<Box> {
  const y = mention.y + mention.height / 2;
  await page.mouse.move(40, y);
  await page.mouse.move(mention.x + mention.width / 2, y, { steps: 12 });
  const card = await waitFor('the hover card', () => cardBox(page));
  await settle(page);
  return card;
}

/** The viewport area showing the article's text column around the mention, and the card. */
function clipAround(mention: Box, column: Box, card: Box): Box {
  const left = Math.max(0, Math.min(column.x, card.x) - CLIP_MARGIN);
  const top = Math.max(0, Math.min(mention.y, card.y) - CLIP_ABOVE);
  const right = Math.min(VIEWPORT.width, Math.max(column.x + column.width, card.x + card.width) + CLIP_MARGIN);
  const bottom = Math.min(VIEWPORT.height, card.y + card.height + CLIP_MARGIN);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

async function cardPictures(article: Page, out: string): Promise<string[]> {
  const written: string[] = [];
  let clip: Box | undefined;
  for (const scheme of ['light', 'dark'] as const) {
    await article.emulateMedia({ colorScheme: scheme });
    const { mention, column } = await placeMention(article);
    const card = await openCard(article, mention);
    // The same frame for both pictures, so they compare side by side.
    clip ??= clipAround(mention, column, card);
    const file = join(out, `card-${scheme}.png`);
    await article.screenshot({ path: file, clip });
    written.push(file);
    await article.keyboard.press('Escape');
    await article.mouse.move(40, mention.y);
    await waitFor('the card to close', async () => ((await cardBox(article)) === null ? true : null));
  }
  await article.emulateMedia({ colorScheme: 'light' });
  return written;
}

/** The extension's id for the open article's tab, asked of the service worker. */
async function articleTabId(context: BrowserContext, article: Page): Promise<number> {
  const worker = context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('The Policy Lens service worker is not running.');
  await article.bringToFront();
  const id = await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } } }).chrome;
    return (await api.tabs.query({ active: true }))[0]?.id;
  });
  if (id === undefined) throw new Error('No active tab found for the demo article.');
  return id;
}

async function popupPictures(context: BrowserContext, extensionId: string, article: Page, out: string): Promise<string[]> {
  const tabId = await articleTabId(context, article);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  // The page's topics with their counts (the card pictures show the findings).
  await popup.waitForSelector('section[aria-labelledby="pl-page-topics"] .pl-topic', { timeout: WAIT_MS });
  await popup.waitForFunction(() => document.querySelector('[data-status="scanning"]') === null, undefined, { timeout: WAIT_MS });
  // No focus ring on the search field: the picture is about the list.
  await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const written: string[] = [];
  for (const [scheme, name] of [['light', 'popup.png'], ['dark', 'popup-dark.png']] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    await settle(popup);
    const file = join(out, name);
    await popup.locator('.pl-popup').screenshot({ path: file });
    written.push(file);
  }
  await popup.close();
  return written;
}

async function optionsPicture(context: BrowserContext, extensionId: string, out: string): Promise<string> {
  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 820 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector('input[name="highlight-style"]:checked', { timeout: WAIT_MS });
  await settle(options);
  const file = join(out, 'options.png');
  await options.screenshot({ path: file });
  await options.close();
  return file;
}

async function main(): Promise<void> {
  const { out } = parseOptions();
  const extensionDir = extensionBuildDir('chromium');
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${relative(REPO_ROOT, extensionDir)} is missing: run npm run build first.`);
  }
  const executable = findBrowserExecutable('chromium');
  if (!executable) throw new Error('No Chromium found (set CHROME_PATH).');
  await mkdir(out, { recursive: true });

  const server = await startHttpsServer({
    hosts: [DEMO_HOST],
    // Files next to the article (images, styles) are served under the demo path too.
    root: dirname(DEMO_ARTICLE),
    routes: { [DEMO_PATH]: htmlResponse(await readFile(DEMO_ARTICLE, 'utf8')), '/favicon.ico': { status: 204 } },
  });
  const profile = await mkdtemp(join(tmpdir(), 'policy-lens-screenshots-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: VIEWPORT,
      deviceScaleFactor: PIXEL_RATIO,
      colorScheme: 'light',
      args: chromiumArgs({
        extensionDir,
        // Port 443 maps to the local server: the page's address is a plain https://www.nytimes.com/ URL.
        hostResolverRules: chromiumHostResolverRules([DEMO_HOST], server.port),
      }),
    });
    const worker =
      context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: WAIT_MS }));
    const extensionId = new URL(worker.url()).host;

    const article = await context.newPage();
    await article.goto(`https://${DEMO_HOST}${DEMO_PATH}`);
    const written = [
      ...(await cardPictures(article, out)),
      ...(await popupPictures(context, extensionId, article, out)),
      await optionsPicture(context, extensionId, out),
    ];
    for (const file of written) console.log(`Saved ${relative(REPO_ROOT, file)}`);
  } finally {
    await context?.close().catch(() => undefined);
    await server.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
