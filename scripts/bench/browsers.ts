/**
 * The two browsers the benchmark runs in, behind one small interface: open a
 * tab on a URL, evaluate script text in it. Every request other than the page
 * itself is refused by the browser (and by the page server's CSP).
 * Chromium runs through playwright-core, Firefox ESR through puppeteer-core
 * over WebDriver BiDi; neither downloads anything.
 */
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { findBrowserExecutable, QUIET_CHROMIUM_ARGS, type BrowserKind } from '../lib/browsers';

/** A tab showing one page under test. */
export interface BenchTab {
  /** Evaluates script text in the page (an expression or a classic script); awaits a returned promise. */
  evaluate<Result>(source: string): Promise<Result>;
  close(): Promise<void>;
}

/** A running browser. */
export interface BenchBrowser {
  readonly kind: BrowserKind;
  /** Product and version, for the report. */
  readonly version: string;
  /** Opens a new tab on `url` and waits for its load event. */
  open(url: string): Promise<BenchTab>;
  close(): Promise<void>;
}

const NAVIGATION_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1280, height: 800 };
/** The part of a Playwright or Puppeteer page a bench tab uses. */
interface DrivenPage {
  goto(url: string, options: { waitUntil: 'load'; timeout: number }): Promise<unknown>;
  evaluate(source: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Loads `url` in `page` (closing the page if that fails) and wraps it as a bench tab. */
async function loadTab(page: DrivenPage, url: string): Promise<BenchTab> {
  await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS }).catch(async (error: unknown) => {
    await page.close();
    throw error;
  });
  return {
    evaluate: <Result>(source: string) => page.evaluate(source) as Promise<Result>,
    close: () => page.close(),
  };
}

/** Starts `kind` headless; `isPageUrl` says which single request each tab may make. */
export async function launchBenchBrowser(kind: BrowserKind, isPageUrl: (url: string) => boolean): Promise<BenchBrowser> {
  const executablePath = findBrowserExecutable(kind);
  if (!executablePath) throw new Error(`No ${kind} binary found (set ${kind === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH'})`);
  return kind === 'chromium' ? launchChromium(executablePath, isPageUrl) : launchFirefox(executablePath, isPageUrl);
}

async function launchChromium(executablePath: string, isPageUrl: (url: string) => boolean): Promise<BenchBrowser> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // Deliberately no `--expose-gc` to collect between samples: in an A/B run the scanner's kernels came
    // out slower with a full GC before each sample (full GCs age out compiled code), not cleaner.
    args: [...QUIET_CHROMIUM_ARGS],
  });
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  await context.route('**/*', async (route) => {
    const decided = isPageUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient');
    // A request can be gone by the time we answer (its tab closed): nothing to block then.
    await decided.catch(() => undefined);
  });
  return {
    kind: 'chromium',
    version: `Chromium ${browser.version()}`,
    open: async (url) => loadTab(await context.newPage(), url),
    close: () => browser.close(),
  };
}

async function launchFirefox(executablePath: string, isPageUrl: (url: string) => boolean): Promise<BenchBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: VIEWPORT,
    // Pages get a clock rounded to 1 ms by default; a benchmark needs the real one.
    extraPrefsFirefox: { 'privacy.reduceTimerPrecision': false },
  });
  // Always drain the pipes: a full pipe would stall Firefox.
  browser.process()?.stdout?.resume();
  browser.process()?.stderr?.resume();
  const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ');
  return {
    kind: 'firefox',
    version,
    async open(url) {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const decided = isPageUrl(request.url()) ? request.continue() : request.abort('blockedbyclient');
        // A request can be gone by the time we answer (its tab closed or navigated): nothing to block then.
        decided.catch(() => undefined);
      });
      return loadTab(page, url);
    },
    close: () => browser.close(),
  };
}
