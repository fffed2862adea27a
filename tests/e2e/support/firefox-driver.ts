/** The Driver for Firefox, through Puppeteer over WebDriver BiDi. */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  FIREFOX_ALLOW_EXTENSION_PAGES_ARG,
  extensionBuildDir,
  firefoxExtensionId,
  firefoxPrefs,
} from '../../../scripts/lib/browsers';
import {
  DEFAULT_WAIT_MS,
  describeError,
  sortPageErrors,
  splitKeyCombo,
  waitFailure,
  type Driver,
  type LaunchOptions,
  type PageErrors,
  type PageFunction,
  type TestPage,
  type WaitOptions,
} from './driver';
import { PROBE_GLOBAL, contentScriptSeen, installConsoleErrorHook, installContentScriptProbe, readProbe } from './page-probe';
import type { KeyInput } from 'puppeteer-core';

/** Splits a stream into whole lines, keeping a trailing partial line for the next chunk. */
class LineSplitter {
  #partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop() ?? '';
    lines.forEach(this.onLine);
  }
}

/**
 * What Firefox prints that automation does not report. stderr carries every uncaught error in an
 * extension context ("JavaScript error: moz-extension://<uuid>/file.js, line N: message"), the
 * one place Firefox reports them for background scripts and extension pages. stdout carries
 * console.error calls with their Error arguments spelled out, which BiDi only gives as
 * "JSHandle@error".
 */
class FirefoxLog {
  /** Uncaught extension errors, oldest first. */
  readonly extensionErrors: string[] = [];
  /** `console.error: ...` lines from web and extension pages, oldest first. */
  readonly consoleErrors: string[] = [];
  readonly stderr = new LineSplitter((line) => {
    const at = line.indexOf(`JavaScript error: ${this.extensionPrefix}`);
    if (at !== -1) this.extensionErrors.push(line.slice(at + 'JavaScript error: '.length).trim());
  });
  readonly stdout = new LineSplitter((line) => {
    if (line.startsWith('console.error: ')) this.consoleErrors.push(line.slice('console.error: '.length).trim());
  });

  constructor(private readonly extensionPrefix: string) {}

  /**
   * Spells out a BiDi console text like `[Policy Lens] scan failed JSHandle@error` using the
   * matching stdout line `"[Policy Lens] scan failed" (new TypeError("...", "file.js", 12))`.
   */
  detail(text: string, used: Set<number>): string {
    const handleAt = text.indexOf('JSHandle@');
    if (handleAt === -1) return text;
    const lead = JSON.stringify(text.slice(0, handleAt).trim());
    const index = this.consoleErrors.findIndex((line, i) => !used.has(i) && line.startsWith(lead));
    if (index === -1) return text;
    used.add(index);
    return `${text.slice(0, handleAt).trim()} ${this.consoleErrors[index]!.slice(lead.length).trim()}`;
  }
}

/** Starts Firefox and installs the production build (unless `extension: false`). */
export async function launchFirefox(executable: string, options: LaunchOptions): Promise<Driver> {
  const withExtension = options.extension ?? true;
  const extensionDir = withExtension ? extensionBuildDir('firefox') : undefined;
  const extension = extensionDir === undefined ? undefined : { id: firefoxExtensionId(extensionDir), uuid: randomUUID() };

  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: executable,
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    args: [FIREFOX_ALLOW_EXTENSION_PAGES_ARG],
    // Host permissions for the content-script matches are granted at install, as for a user
    // installing from AMO (Firefox 127+, pref extensions.originControls.grantByDefault).
    extraPrefsFirefox: {
      ...firefoxPrefs({ hosts: options.server.hosts, extension }),
      // Echo console calls to stdout, where Error arguments are spelled out (see FirefoxLog).
      'devtools.console.stdout.content': true,
    },
  });

  const log = new FirefoxLog(extension ? `moz-extension://${extension.uuid}/` : 'moz-extension://');
  const child = browser.process();
  // Reading both pipes also keeps them drained: a full pipe would stall Firefox.
  child?.stdout?.setEncoding('utf8').on('data', (chunk: string) => log.stdout.push(chunk));
  child?.stderr?.setEncoding('utf8').on('data', (chunk: string) => log.stderr.push(chunk));

  if (extensionDir !== undefined) {
    try {
      await browser.installExtension(extensionDir);
    } catch (error) {
      await browser.close();
      throw new Error(`Firefox refused to install ${extensionDir}: ${describeError(error)}`, { cause: error });
    }
  }

  const pages = new Set<FirefoxPage>();
  const driver: Driver = {
    kind: 'firefox',
    hasExtension: extension !== undefined,
    server: options.server,
    async newPage(url) {
      const page = await FirefoxPage.open(browser, log);
      pages.add(page);
      page.onClose(() => pages.delete(page));
      if (url !== undefined) await page.goto(url);
      return page;
    },
    extensionPageUrl(path) {
      if (extension === undefined) throw new Error('This Firefox was launched without the extension.');
      return `moz-extension://${extension.uuid}/${path.replace(/^\//, '')}`;
    },
    async tabIdOf(page) {
      // Firefox shows the extension the URLs of tabs on its granted hosts, so look the tab up by
      // URL from the options page (which does nothing on its own).
      const url = await page.currentUrl();
      const helper = await driver.newPage(driver.extensionPageUrl('options.html'));
      try {
        const ids = await helper.evaluate(async (target: string) => {
          type TabsApi = { tabs: { query(info: object): Promise<Array<{ id?: number; url?: string }>> } };
          const { browser: api } = globalThis as unknown as { browser: TabsApi };
          const tabs = await api.tabs.query({});
          return tabs.flatMap((tab) => (tab.id === undefined || tab.url !== target ? [] : [tab.id]));
        }, url);
        if (ids.length !== 1) {
          throw new Error(
            ids.length === 0
              ? `No tab the extension can see has the URL ${url} (is it on a built-in news site?)`
              : `${ids.length} tabs have the URL ${url}; add a query string to tell them apart`,
          );
        }
        return ids[0]!;
      } finally {
        await helper.close();
      }
    },
    extensionErrors: () => [...log.extensionErrors],
    async screenshotPages(prefix) {
      let index = 0;
      for (const page of pages) await page.screenshot(`${prefix}-${++index}.png`);
    },
    async closePages() {
      await Promise.all([...pages].map((page) => page.close()));
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
  return driver;
}

class FirefoxPage implements TestPage {
  readonly kind = 'firefox' as const;
  readonly #page: Page;
  readonly #log: FirefoxLog;
  readonly #consoleErrors: string[] = [];
  readonly #pageErrors: string[] = [];
  /** Where the error log stood when this tab opened an extension page; undefined on web pages. */
  #extensionLogStart: number | undefined;

  static async open(browser: Browser, log: FirefoxLog): Promise<FirefoxPage> {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(installContentScriptProbe, PROBE_GLOBAL);
    return new FirefoxPage(page, log);
  }

  private constructor(page: Page, log: FirefoxLog) {
    this.#page = page;
    this.#log = log;
    // BiDi reports the page's and our content script's console calls and exceptions here.
    page.on('console', (message) => {
      if (message.type() === 'error') this.#consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.#pageErrors.push(describeError(error)));
  }

  onClose(listener: () => void): void {
    this.#page.once('close', listener);
  }

  async goto(url: string): Promise<void> {
    if (url.startsWith('moz-extension:')) {
      await this.#gotoExtensionPage(url);
      return;
    }
    this.#extensionLogStart = undefined;
    await this.#page.goto(url, { waitUntil: 'load' });
  }

  /**
   * Firefox loads moz-extension:// pages in the extension process and sends automation no
   * navigation events for them, so `goto` would never settle. Start the navigation, watch the
   * document itself, then stop waiting for the events.
   */
  async #gotoExtensionPage(url: string): Promise<void> {
    this.#extensionLogStart = this.#log.extensionErrors.length;
    const stopWaiting = new AbortController();
    const navigation = this.#page.goto(url, { signal: stopWaiting.signal }).catch(() => undefined);
    try {
      await this.#page.waitForFunction(
        (target: string) => location.href === target && document.readyState === 'complete',
        { timeout: DEFAULT_WAIT_MS, polling: 50 },
        url,
      );
    } catch (error) {
      throw new Error(`Firefox did not open ${url}: ${describeError(error)}`, { cause: error });
    } finally {
      stopWaiting.abort();
      await navigation;
    }
    await this.#page.evaluate(installConsoleErrorHook, PROBE_GLOBAL);
  }

  async reload(): Promise<void> {
    const url = await this.currentUrl();
    if (url.startsWith('moz-extension:')) await this.#gotoExtensionPage(url);
    else await this.#page.reload({ waitUntil: 'load' });
  }

  currentUrl(): Promise<string> {
    // page.url() stays stale on extension pages (no navigation events), so ask the document.
    return this.#page.evaluate(() => location.href);
  }

  evaluate<Result, Arg = undefined>(fn: PageFunction<Arg, Result>, arg?: Arg): Promise<Result> {
    return this.#page.evaluate(erase(fn), arg) as Promise<Result>;
  }

  async waitForFunction<Arg = undefined>(fn: PageFunction<Arg, unknown>, arg?: Arg, options: WaitOptions = {}): Promise<void> {
    const timeout = options.timeout ?? DEFAULT_WAIT_MS;
    try {
      await this.#page.waitForFunction(erase(fn), { timeout, polling: 100 }, arg);
    } catch (error) {
      throw waitFailure(options, timeout, await this.currentUrl().catch(() => 'an unknown URL'), error);
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
    // Puppeteer presses one key at a time; hold modifiers around the last key ourselves.
    const { modifiers, key } = splitKeyCombo(keys);
    for (const modifier of modifiers) await this.#page.keyboard.down(modifier as KeyInput);
    await this.#page.keyboard.press(key as KeyInput);
    for (const modifier of modifiers.reverse()) await this.#page.keyboard.up(modifier as KeyInput);
  }

  async type(text: string): Promise<void> {
    await this.#page.keyboard.type(text);
  }

  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await this.#page.screenshot({ path: path as `${string}.png` });
  }

  async errors(): Promise<PageErrors> {
    const used = new Set<number>();
    const consoleErrors = this.#consoleErrors.map((text) => this.#log.detail(text, used));
    const pageErrors = [...this.#pageErrors];
    if (this.#extensionLogStart !== undefined) {
      // Firefox cannot tell extension documents apart in its error log: any uncaught extension
      // error since this page opened counts against it.
      pageErrors.push(...this.#log.extensionErrors.slice(this.#extensionLogStart));
      const hooked = await this.#page.evaluate(readProbe, PROBE_GLOBAL).catch(() => undefined);
      consoleErrors.push(...(hooked?.consoleErrors ?? []));
    }
    return sortPageErrors(consoleErrors, pageErrors);
  }

  async close(): Promise<void> {
    if (!this.#page.isClosed()) await this.#page.close();
  }
}

/** Puppeteer types page functions through its handle-unwrapping generics; ours take plain JSON values. */
function erase<Arg, Result>(fn: PageFunction<Arg, Result>): (arg: unknown) => Result | Promise<Result> {
  return fn as (arg: unknown) => Result | Promise<Result>;
}
