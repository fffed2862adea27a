/** The Driver for Chromium, through Playwright with a persistent profile (extensions need one). */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { chromiumArgs, chromiumHostResolverRules, extensionBuildDir } from '../../../scripts/lib/browsers';
import {
  DEFAULT_WAIT_MS,
  describeError,
  sortPageErrors,
  waitFailure,
  type Driver,
  type LaunchOptions,
  type PageErrors,
  type PageFunction,
  type TestPage,
  type WaitOptions,
} from './driver';
import { PROBE_GLOBAL, contentScriptSeen, installContentScriptProbe, readProbe } from './page-probe';

/** Starts Chromium with the production build loaded (unless `extension: false`). */
export async function launchChromium(executable: string, options: LaunchOptions): Promise<Driver> {
  const withExtension = options.extension ?? true;
  const extensionDir = withExtension ? extensionBuildDir('chromium') : undefined;
  const profileDir = await mkdtemp(join(tmpdir(), 'policy-lens-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: executable,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 800 },
      args: chromiumArgs({ extensionDir, hostResolverRules: chromiumHostResolverRules(options.server.hosts) }),
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }

  const extensionErrors: string[] = [];
  let serviceWorker: Worker | undefined;
  const watchWorker = (worker: Worker) => {
    if (worker.url().startsWith('chrome-extension://')) serviceWorker = worker;
    worker.on('console', (message) => {
      if (message.type() === 'error') extensionErrors.push(`service worker: ${message.text()}`);
    });
  };
  context.on('serviceworker', watchWorker);
  context.serviceWorkers().forEach(watchWorker);
  await context.addInitScript(installContentScriptProbe, PROBE_GLOBAL);

  let extensionId: string | undefined;
  if (extensionDir !== undefined) {
    try {
      const worker =
        context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://')) ??
        (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
      extensionId = new URL(worker.url()).host;
    } catch (error) {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
      throw new Error(
        `Chromium did not start the Policy Lens service worker from ${extensionDir}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  const pages = new Set<ChromiumPage>();
  return {
    kind: 'chromium',
    hasExtension: extensionId !== undefined,
    server: options.server,
    async newPage(url) {
      const page = new ChromiumPage(await context.newPage());
      pages.add(page);
      page.onClose(() => pages.delete(page));
      if (url !== undefined) await page.goto(url);
      return page;
    },
    extensionPageUrl(path) {
      if (extensionId === undefined) throw new Error('This Chromium was launched without the extension.');
      return `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
    },
    async tabIdOf(page) {
      // Chromium hides tab URLs from an extension without the "tabs" permission (content-script
      // hosts do not count), so find the tab by making it the active one and asking which that is.
      if (serviceWorker === undefined) throw new Error('This Chromium has no Policy Lens service worker to ask.');
      await page.bringToFront();
      const ids = await serviceWorker.evaluate(async () => {
        type TabsApi = { tabs: { query(info: object): Promise<Array<{ id?: number }>> } };
        const { chrome } = globalThis as unknown as { chrome: TabsApi };
        return (await chrome.tabs.query({ active: true })).flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
      });
      if (ids.length !== 1) throw new Error(`Expected one active tab, found ${ids.length}; open test pages in one window.`);
      return ids[0]!;
    },
    extensionErrors: () => [...extensionErrors],
    async screenshotPages(prefix) {
      let index = 0;
      for (const page of pages) await page.screenshot(`${prefix}-${++index}.png`);
    },
    async closePages() {
      await Promise.all([...pages].map((page) => page.close()));
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

class ChromiumPage implements TestPage {
  readonly kind = 'chromium' as const;
  readonly #page: Page;
  readonly #consoleErrors: string[] = [];
  readonly #pageErrors: string[] = [];

  constructor(page: Page) {
    this.#page = page;
    // Content-script console calls and exceptions arrive here too (Chromium reports every world).
    page.on('console', (message) => {
      if (message.type() === 'error') this.#consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.#pageErrors.push(describeError(error)));
  }

  onClose(listener: () => void): void {
    this.#page.once('close', listener);
  }

  async goto(url: string): Promise<void> {
    await this.#page.goto(url, { waitUntil: 'load' });
  }

  async reload(): Promise<void> {
    await this.#page.reload({ waitUntil: 'load' });
  }

  async currentUrl(): Promise<string> {
    return this.#page.url();
  }

  evaluate<Result, Arg = undefined>(fn: PageFunction<Arg, Result>, arg?: Arg): Promise<Result> {
    return this.#page.evaluate(erase(fn), arg);
  }

  async waitForFunction<Arg = undefined>(fn: PageFunction<Arg, unknown>, arg?: Arg, options: WaitOptions = {}): Promise<void> {
    const timeout = options.timeout ?? DEFAULT_WAIT_MS;
    try {
      await this.#page.waitForFunction(erase(fn), arg, { timeout, polling: 100 });
    } catch (error) {
      throw waitFailure(options, timeout, await this.currentUrl(), error);
    }
  }

  async bringToFront(): Promise<void> {
    await this.#page.bringToFront();
  }

  async contentScriptStarted(): Promise<boolean> {
    return (await this.#page.evaluate(readProbe, PROBE_GLOBAL)).contentScripts.length > 0;
  }

  async waitForContentScript(options: WaitOptions = {}): Promise<void> {
    await this.waitForFunction(contentScriptSeen, PROBE_GLOBAL, { message: 'a Policy Lens content script to start', ...options });
  }

  async mouseMove(x: number, y: number): Promise<void> {
    await this.#page.mouse.move(x, y);
  }

  async hover(selector: string): Promise<void> {
    await this.#page.hover(selector);
  }

  async click(selector: string): Promise<void> {
    await this.#page.click(selector);
  }

  async press(keys: string): Promise<void> {
    await this.#page.keyboard.press(keys);
  }

  async type(text: string): Promise<void> {
    await this.#page.keyboard.type(text);
  }

  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await this.#page.screenshot({ path });
  }

  async errors(): Promise<PageErrors> {
    return sortPageErrors(this.#consoleErrors, this.#pageErrors);
  }

  async close(): Promise<void> {
    if (!this.#page.isClosed()) await this.#page.close();
  }
}

/** Playwright types page functions through its handle-unboxing generics; ours take plain JSON values. */
function erase<Arg, Result>(fn: PageFunction<Arg, Result>): (arg: unknown) => Result | Promise<Result> {
  return fn as (arg: unknown) => Result | Promise<Result>;
}
