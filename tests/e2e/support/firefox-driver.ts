/** The Driver for Firefox, through Puppeteer over WebDriver BiDi. */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  FIREFOX_ALLOW_EXTENSION_PAGES_ARG,
  REPO_ROOT,
  extensionBuildDir,
  firefoxExtensionId,
  firefoxPrefs,
} from '../../../scripts/lib/browsers';
import {
  DEFAULT_WAIT_MS,
  UNSHOWN_TEXT_TAGS,
  collapseWhiteSpace,
  describeError,
  sortPageErrors,
  splitKeyCombo,
  waitFailure,
  type ColorScheme,
  type Driver,
  type LaunchOptions,
  type MemoryUsage,
  type PageErrors,
  type PageFunction,
  type ShadowRootFunction,
  type TestPage,
  type WaitOptions,
  KEEP_NAMES_SHIM,
} from './driver';
import {
  PROBE_GLOBAL,
  contentScriptSeen,
  contentScriptStartEvent,
  installConsoleErrorHook,
  installContentScriptProbe,
  readProbe,
  type ContentScriptProbe,
} from './page-probe';
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

/** How long a first install may take to open its welcome tab (a loaded two-core machine). */
const WELCOME_TAB_TIMEOUT_MS = 20_000;

/**
 * A test-only add-on (tests/e2e/support/firefox-color-scheme) that switches the colour scheme
 * pages see through browserSettings.overrideContentColorScheme: the same preference
 * (layout.css.prefers-color-scheme.content-override) for every tab, web and extension pages alike.
 * BiDi in Firefox 140 has no media emulation and no chrome-context evaluation (browsingContext.getTree
 * ignores `moz:scope: 'chrome'` there and hands back content tabs, where `Services` does not exist),
 * and Marionette cannot open a second session beside Puppeteer's. Installed on first use only.
 */
const COLOR_SCHEME_ADDON = {
  dir: join(REPO_ROOT, 'tests', 'e2e', 'support', 'firefox-color-scheme'),
  id: 'color-scheme@policy-lens-e2e.test',
  page: 'scheme.html',
} as const;

/** Starts Firefox and installs the production build (unless `extension: false`). */
export async function launchFirefox(executable: string, options: LaunchOptions): Promise<Driver> {
  const withExtension = options.extension ?? true;
  const extensionDir = withExtension ? extensionBuildDir('firefox') : undefined;
  const extension = extensionDir === undefined ? undefined : { id: firefoxExtensionId(extensionDir), uuid: randomUUID() };
  const colorSchemeAddonUuid = randomUUID();

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
      // Both add-ons' moz-extension:// UUIDs, chosen up front so their pages open by URL.
      'extensions.webextensions.uuids': JSON.stringify({
        ...(extension ? { [extension.id]: extension.uuid } : {}),
        [COLOR_SCHEME_ADDON.id]: colorSchemeAddonUuid,
      }),
      // Echo console calls to stdout, where Error arguments are spelled out (see FirefoxLog).
      'devtools.console.stdout.content': true,
      // permissions.request (from a click) is granted without a prompt automation could not answer.
      'extensions.webextOptionalPermissionPrompts': false,
      // Tabs behind the front one never start lazy image loads, so a page's layout would depend
      // on which tab is in front (Chromium treats every automated tab as visible).
      'dom.image-lazy-loading.enabled': false,
    },
  });

  const log = new FirefoxLog(extension ? `moz-extension://${extension.uuid}/` : 'moz-extension://');
  const child = browser.process();
  // Reading both pipes also keeps them drained: a full pipe would stall Firefox.
  child?.stdout?.setEncoding('utf8').on('data', (chunk: string) => log.stdout.push(chunk));
  child?.stderr?.setEncoding('utf8').on('data', (chunk: string) => log.stderr.push(chunk));

  if (extensionDir !== undefined) {
    // A first install opens the welcome page in a new tab in front. Left to arrive on its own, it
    // could land in the middle of a test and send the test's tab behind it, where Firefox stops
    // animation frames (and so the page marker's work). Wait for it and close it first.
    // (Its target may still read about:blank when it appears, so it is known as the tab that is new.)
    const before = new Set(browser.targets());
    const welcomeOpened = browser.waitForTarget((target) => target.type() === 'page' && !before.has(target), { timeout: WELCOME_TAB_TIMEOUT_MS });
    try {
      await browser.installExtension(extensionDir);
    } catch (error) {
      await browser.close();
      throw new Error(`Firefox refused to install ${extensionDir}: ${describeError(error)}`, { cause: error });
    }
    try {
      await (await (await welcomeOpened).page())?.close();
    } catch (error) {
      await browser.close();
      throw new Error(`Firefox never opened the welcome page after installing ${extensionDir}: ${describeError(error)}`, { cause: error });
    }
  }

  const probe: ContentScriptProbe = { globalName: PROBE_GLOBAL, startEvent: extension ? contentScriptStartEvent(extension.id) : null };
  const frames = new FrameDocuments((browser as unknown as { connection: BidiConnection }).connection);

  let colorSchemeAddon: Promise<unknown> | undefined;
  /** Sets the colour scheme every page sees, through the helper add-on (see COLOR_SCHEME_ADDON). */
  const setColorScheme = async (scheme: ColorScheme): Promise<void> => {
    colorSchemeAddon ??= browser.installExtension(COLOR_SCHEME_ADDON.dir);
    await colorSchemeAddon;
    // A background tab, so the tab in front (and its focus) stays where the test left it.
    const helper = await FirefoxPage.open(browser, log, frames, probe, setColorScheme, 'background-tab');
    try {
      await helper.goto(`moz-extension://${colorSchemeAddonUuid}/${COLOR_SCHEME_ADDON.page}`);
      const set = await helper.evaluate(async (value: ColorScheme) => {
        type Setting = { set(details: { value: string }): Promise<boolean>; get(details: object): Promise<{ value: string }> };
        const api = (globalThis as unknown as { browser: { browserSettings: { overrideContentColorScheme: Setting } } }).browser;
        await api.browserSettings.overrideContentColorScheme.set({ value });
        return (await api.browserSettings.overrideContentColorScheme.get({})).value;
      }, scheme);
      if (set !== scheme) throw new Error(`Firefox kept the content colour scheme at "${set}" when asked for "${scheme}".`);
    } finally {
      await helper.close();
    }
  };

  const pages = new Set<FirefoxPage>();
  const driver: Driver = {
    kind: 'firefox',
    hasExtension: extension !== undefined,
    server: options.server,
    async newPage(url) {
      const page = await FirefoxPage.open(browser, log, frames, probe, setColorScheme);
      pages.add(page);
      page.onClose(() => pages.delete(page));
      if (url !== undefined) await page.goto(url);
      return page;
    },
    async newWindow(url) {
      const page = await FirefoxPage.open(browser, log, frames, probe, setColorScheme, 'window');
      pages.add(page);
      page.onClose(() => pages.delete(page));
      if (url !== undefined) await page.goto(url);
      return page;
    },
    extensionPageUrl(path) {
      if (extension === undefined) throw new Error('This Firefox was launched without the extension.');
      return `moz-extension://${extension.uuid}/${path.replace(/^\//, '')}`;
    },
    extensionRuntimeId() {
      if (extension === undefined) throw new Error('This Firefox was launched without the extension.');
      return extension.id;
    },
    async tabIdOf(page) {
      // Firefox shows the extension the URLs of tabs on its granted hosts, so look the tab up by
      // URL from the options page (which does nothing on its own). On other sites the URL is
      // hidden: there the tab is the one in front just before the options page opened.
      const url = await page.currentUrl();
      await page.bringToFront();
      const helper = await driver.newPage(driver.extensionPageUrl('options.html'));
      try {
        const ids = await helper.evaluate(async (target: string) => {
          type Tab = { id?: number; url?: string; lastAccessed?: number };
          type TabsApi = { tabs: { query(info: object): Promise<Tab[]>; getCurrent(): Promise<Tab | undefined> } };
          const { browser: api } = globalThis as unknown as { browser: TabsApi };
          const tabs = await api.tabs.query({});
          const byUrl = tabs.flatMap((tab) => (tab.id === undefined || tab.url !== target ? [] : [tab.id]));
          if (byUrl.length > 0) return byUrl;
          const self = (await api.tabs.getCurrent())?.id;
          const hidden = tabs
            .filter((tab) => tab.id !== undefined && tab.id !== self && tab.url === undefined)
            .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
          return hidden.slice(0, 1).map((tab) => tab.id!);
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
    async clickToolbarButton() {
      throw new Error(
        'Firefox: no automation API clicks a toolbar button (WebDriver BiDi has none), so activeTab cannot be granted in a test.',
      );
    },
    async reloadExtension() {
      if (extension === undefined) throw new Error('This Firefox was launched without the extension.');
      const trigger = await driver.newPage(driver.extensionPageUrl('options.html'));
      // From a timer, so the call answers before its page goes away.
      await trigger.evaluate(() => {
        setTimeout(() => (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload());
      });
      // Firefox closes the extension's own tabs as the old copy unloads (automation hears no close
      // event for that): the tab answering no more is the sign the old copy went.
      const deadline = Date.now() + DEFAULT_WAIT_MS;
      while (await trigger.evaluate(() => true).catch(() => false)) {
        if (Date.now() > deadline) {
          await trigger.close();
          throw new Error(`Firefox did not unload Policy Lens within ${DEFAULT_WAIT_MS} ms of runtime.reload()`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await trigger.close().catch(() => undefined);
      // The new copy is up once its pages open again.
      for (;;) {
        const check = await driver.newPage();
        try {
          await check.goto(driver.extensionPageUrl('options.html'));
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            throw new Error(`Policy Lens did not come back after runtime.reload(): ${describeError(error)}`, { cause: error });
          }
        } finally {
          await check.close();
        }
      }
    },
    async setExtensionEnabled() {
      throw new Error(
        'Firefox: WebDriver BiDi can install and uninstall an add-on but not disable it, and management.setEnabled is closed to automation.',
      );
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

/** How often waits look again. */
const POLL_INTERVAL_MS = 100;

class FirefoxPage implements TestPage {
  readonly kind = 'firefox' as const;
  readonly #page: Page;
  readonly #log: FirefoxLog;
  readonly #consoleErrors: string[] = [];
  /** Uncaught errors in this tab's frames, oldest first; see #pageErrorRecord. */
  readonly #pageErrors: PageErrorRecord[] = [];
  readonly #requests: string[] = [];
  /** Where the error log stood when this tab opened an extension page; undefined on web pages. */
  #extensionLogStart: number | undefined;

  readonly #bidi: BidiConnection;
  readonly #frames: FrameDocuments;
  readonly #setColorScheme: (scheme: ColorScheme) => Promise<void>;

  static async open(
    browser: Browser,
    log: FirefoxLog,
    frames: FrameDocuments,
    probe: ContentScriptProbe,
    setColorScheme: (scheme: ColorScheme) => Promise<void>,
    type: 'tab' | 'window' | 'background-tab' = 'tab',
  ): Promise<FirefoxPage> {
    const page = await browser.newPage(type === 'background-tab' ? { type: 'tab', background: true } : { type });
    await page.evaluateOnNewDocument(installContentScriptProbe, probe);
    return new FirefoxPage(page, log, (browser as unknown as { connection: BidiConnection }).connection, frames, setColorScheme);
  }

  private constructor(
    page: Page,
    log: FirefoxLog,
    bidi: BidiConnection,
    frames: FrameDocuments,
    setColorScheme: (scheme: ColorScheme) => Promise<void>,
  ) {
    this.#page = page;
    this.#log = log;
    this.#bidi = bidi;
    this.#frames = frames;
    this.#setColorScheme = setColorScheme;
    // BiDi reports the page's and our content script's console calls and exceptions here.
    page.on('console', (message) => {
      if (message.type() === 'error') this.#consoleErrors.push(message.text());
    });
    page.on('request', (request) => this.#requests.push(request.url()));
    // Exceptions are read from BiDi's log directly, not from Puppeteer's pageerror (which takes the
    // same entries for the same frames), to keep the frame each one came from.
    const onLog = (entry: BidiLogEntry) => {
      const context = entry.source?.context;
      if (entry.type !== 'javascript' || context === undefined) return;
      if (!page.frames().some((frame) => frameId(frame) === context)) return;
      this.#pageErrors.push(this.#pageErrorRecord(context, entry.text ?? ''));
    };
    bidi.on('log.entryAdded', onLog);
    page.once('close', () => bidi.off('log.entryAdded', onLog));
  }

  /**
   * An uncaught error, as Puppeteer would word it. In a subframe, whether it counts waits for the
   * document it came from (see #settlePageErrors): Firefox's own error pages raise errors that are
   * automation's. Once decided, an entry never changes, so counts taken earlier stay valid.
   */
  #pageErrorRecord(context: string, text: string): PageErrorRecord {
    const record: PageErrorRecord = { text: describeError(new Error(text)) };
    if (context === this.#contextId()) {
      record.counts = true;
    } else {
      const documentIndex = this.#frames.documentIndexNow(context);
      record.decide = () => {
        const url = this.#frames.documentAt(context, documentIndex);
        return url === undefined ? undefined : !FIREFOX_ERROR_PAGE.test(url);
      };
    }
    return record;
  }

  /**
   * Decides the subframe errors not yet decided, waiting (a little) for their documents to finish
   * loading. Why: a subframe whose load fails (on test machines every third-party frame does)
   * shows about:neterror, and Firefox 140 runs BiDi preload scripts, such as the content-script
   * probe, there too. In that privileged document each one fails before it starts, and the frame
   * reports "Error: Permission denied to access property "length"" to automation (with any preload
   * script, with or without Policy Lens installed). Neither the page nor an extension runs in
   * Firefox's error pages, so what they report is left out. An error whose frame never shows a
   * document within the wait counts.
   */
  async #settlePageErrors(): Promise<void> {
    const deadline = Date.now() + SUBFRAME_DOCUMENT_WAIT_MS;
    for (;;) {
      const pending = this.#pageErrors.filter((record) => record.counts === undefined);
      for (const record of pending) record.counts = record.decide?.();
      if (pending.every((record) => record.counts !== undefined)) return;
      if (Date.now() >= deadline) {
        for (const record of pending) record.counts ??= true;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
    try {
      await this.#page.goto(url, { waitUntil: 'load' });
    } catch (error) {
      if (!(await this.#loadedDespiteNavigationError(url))) throw error;
    }
  }

  /**
   * Firefox's BiDi can fail a navigation ("Address rejected") when a frame the page's own script
   * writes ends on an error page: it takes the frame's error for the top document's, which loads
   * fine (seen on saved news pages full of ad frames). The navigation only counts as done if the
   * tab holds that URL's document, not an error page, and it finishes loading.
   */
  async #loadedDespiteNavigationError(url: string): Promise<boolean> {
    const target = new URL(url).href;
    const shown = await this.#page.evaluate(() => document.documentURI).catch(() => undefined);
    // about:neterror and friends: the page itself did not load.
    if (shown === undefined || shown.startsWith('about:')) return false;
    return this.#page
      .waitForFunction(
        (expected: string) => document.documentURI === expected && document.readyState === 'complete',
        { timeout: DEFAULT_WAIT_MS, polling: 50 },
        target,
      )
      .then(
        () => true,
        () => false,
      );
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
      await this.#poll((target: string) => location.href === target && document.readyState === 'complete', url, DEFAULT_WAIT_MS);
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
      await this.#poll(fn, arg, timeout);
    } catch (error) {
      throw waitFailure(options, timeout, await this.currentUrl().catch(() => 'an unknown URL'), error);
    }
  }

  /**
   * Evaluates `fn` until it returns a truthy value. Not Puppeteer's waitForFunction: that keeps a
   * helper handle from the document it first saw, and as Firefox sends no navigation events for
   * moz-extension pages the handle can outlive its document, after which every poll fails inside
   * BiDi ("right-hand side of 'in' should be an object, got null") until the wait times out.
   */
  async #poll<Arg>(fn: PageFunction<Arg, unknown>, arg: Arg | undefined, timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
      try {
        if (await this.#page.evaluate(erase(fn), arg)) return;
        lastError = new Error('the condition stayed false');
      } catch (error) {
        // A poll that lands while a document goes away fails; the next one sees the new document.
        lastError = error;
      }
      if (Date.now() >= deadline) throw lastError;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
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

  async shadowRootText(selector: string): Promise<string | null> {
    // Puppeteer cannot see closed shadow roots; WebDriver BiDi can (includeShadowTree: 'all').
    // Both calls run in a sandbox realm, out of reach of the page's scripts and patched built-ins.
    const target = { context: this.#contextId(), sandbox: 'policy-lens-e2e' };
    const found = await this.#bidiScript('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
      target,
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
    });
    const shadowRoot = (found.value as { shadowRoot?: { sharedId?: string } | null } | undefined)?.shadowRoot;
    if (found.type !== 'node' || !shadowRoot?.sharedId) return null;
    const text = await this.#bidiScript('script.callFunction', {
      functionDeclaration: String(textOfNode),
      arguments: [{ sharedId: shadowRoot.sharedId }, { type: 'array', value: UNSHOWN_TEXT_TAGS.map((tag) => ({ type: 'string', value: tag })) }],
      target,
      awaitPromise: false,
    });
    return typeof text.value === 'string' ? collapseWhiteSpace(text.value) : null;
  }

  /** Sends a BiDi script command and returns its result value, throwing on an exception in the script. */
  async #bidiScript(method: 'script.evaluate' | 'script.callFunction', params: object): Promise<BidiRemoteValue> {
    const { result } = await this.#bidi.send(method, params);
    if (result.type !== 'success' || result.result === undefined) {
      throw new Error(`${method} failed in the page: ${result.exceptionDetails?.text ?? 'no details'}`);
    }
    return result.result;
  }

  async evaluateInShadowRoot<Result, Arg = undefined>(
    selector: string,
    fn: ShadowRootFunction<Arg, Result>,
    arg?: Arg,
  ): Promise<Result | null> {
    // As in shadowRootText: BiDi serializes closed roots, and both calls run in a sandbox realm.
    const target = { context: this.#contextId(), sandbox: 'policy-lens-e2e' };
    const found = await this.#bidiScript('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(selector)})`,
      target,
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    });
    const shadowRoot = (found.value as { shadowRoot?: { sharedId?: string } | null } | undefined)?.shadowRoot;
    if (found.type !== 'node' || !shadowRoot?.sharedId) return null;
    // Values cross as JSON text, so the result is plain data in both browsers.
    const result = await this.#bidiScript('script.callFunction', {
      functionDeclaration: `async function (root, argJson) {
        ${KEEP_NAMES_SHIM}
        const result = await (${String(fn)})(root, JSON.parse(argJson));
        return JSON.stringify(result === undefined ? null : result);
      }`,
      arguments: [{ sharedId: shadowRoot.sharedId }, { type: 'string', value: JSON.stringify(arg ?? null) }],
      target,
      awaitPromise: true,
    });
    return typeof result.value === 'string' ? (JSON.parse(result.value) as Result | null) : null;
  }

  async mouseClick(x: number, y: number): Promise<void> {
    await this.#page.mouse.click(x, y);
  }

  async emulateColorScheme(scheme: ColorScheme): Promise<void> {
    // BiDi has no per-tab media emulation in this Firefox, and Puppeteer's needs CDP: the scheme is
    // set browser-wide (see COLOR_SCHEME_ADDON), then this tab must see it.
    await this.#setColorScheme(scheme);
    await this.waitForFunction((dark: boolean) => matchMedia('(prefers-color-scheme: dark)').matches === dark, scheme === 'dark', {
      message: `prefers-color-scheme: ${scheme}`,
    });
  }

  async addScript(source: string): Promise<void> {
    await this.#bidiScript('script.evaluate', {
      expression: `${source}\n;undefined`,
      target: { context: this.#contextId() },
      awaitPromise: false,
    });
  }

  /** The BiDi browsing context of this tab's top frame. */
  #contextId(): string {
    return frameId(this.#page.mainFrame());
  }

  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await this.#page.screenshot({ path: path as `${string}.png` });
  }

  async screenshotArea(area: { x: number; y: number; width: number; height: number }): Promise<Uint8Array> {
    // Puppeteer's clip is in document coordinates: add the scroll position.
    const [left, top] = await this.evaluate(() => [window.scrollX, window.scrollY]);
    return this.#page.screenshot({ clip: { ...area, x: area.x + (left ?? 0), y: area.y + (top ?? 0) }, type: 'png', encoding: 'binary' });
  }

  async memoryUsage(): Promise<MemoryUsage> {
    throw new Error('Firefox: WebDriver BiDi has no heap or detached-node inspection (the DevTools protocol is Chromium only).');
  }

  async errors(): Promise<PageErrors> {
    const used = new Set<number>();
    const consoleErrors = this.#consoleErrors.map((text) => this.#log.detail(text, used));
    await this.#settlePageErrors();
    const pageErrors = this.#pageErrors.filter((record) => record.counts).map((record) => record.text);
    if (this.#extensionLogStart !== undefined) {
      // Firefox cannot tell extension documents apart in its error log: any uncaught extension
      // error since this page opened counts against it.
      pageErrors.push(...this.#log.extensionErrors.slice(this.#extensionLogStart));
      const hooked = await this.#page.evaluate(readProbe, PROBE_GLOBAL).catch(() => undefined);
      consoleErrors.push(...(hooked?.consoleErrors ?? []));
    }
    return sortPageErrors(consoleErrors, pageErrors);
  }

  requests(): string[] {
    return [...this.#requests];
  }

  async close(): Promise<void> {
    if (!this.#page.isClosed()) await this.#page.close();
  }
}

/** The part of Puppeteer's WebDriver BiDi connection used for raw commands and events it has no API for. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: BidiEvaluateResult }>;
  on(event: string, listener: (params: never) => void): unknown;
  off(event: string, listener: (params: never) => void): unknown;
}

/** A WebDriver BiDi log entry (the fields read here). */
interface BidiLogEntry {
  type: string;
  text?: string | null;
  source?: { context?: string };
}

/** A WebDriver BiDi browsingContext navigation event (the fields read here). */
interface BidiNavigationInfo {
  context: string;
  url: string;
}

/** An uncaught error in a tab, and whether it counts as the page's (undefined until decided). */
interface PageErrorRecord {
  text: string;
  counts?: boolean;
  /** For subframe errors: the decision once the frame's document is known, else undefined. */
  decide?: () => boolean | undefined;
}

/** Firefox's own pages for a load that failed: network errors, certificate errors, blocked pages. */
const FIREFOX_ERROR_PAGE = /^about:(neterror|certerror|blocked|httpsonlyerror)\b/;

/** How long errors() waits for a subframe that reported an error to show which document it is. */
const SUBFRAME_DOCUMENT_WAIT_MS = 5_000;

/**
 * The documents each browsing context (tabs and frames) went on to show, in order, from BiDi's
 * domContentLoaded events. Their URL is the document's: about:neterror?… for a failed load, where
 * the navigation events still name the address that was asked for.
 */
class FrameDocuments {
  readonly #documents = new Map<string, string[]>();
  /** Contexts with a navigation committed and its document not yet loaded. */
  readonly #loading = new Set<string>();

  constructor(bidi: BidiConnection) {
    // An error page's preload-script errors can arrive before its navigation is reported committed
    // (a rare "Permission denied" page error from an ad frame in the corpus test). Marking the context
    // as loading from the navigation's start (or failure) keeps such an error from being taken for the
    // frame's previous document's. A navigation that never loads leaves its errors to the wait's end.
    for (const event of ['browsingContext.navigationStarted', 'browsingContext.navigationFailed', 'browsingContext.navigationCommitted']) {
      bidi.on(event, ({ context }: BidiNavigationInfo) => this.#loading.add(context));
    }
    bidi.on('browsingContext.domContentLoaded', ({ context, url }: BidiNavigationInfo) => {
      const documents = this.#documents.get(context) ?? [];
      documents.push(url);
      this.#documents.set(context, documents);
      this.#loading.delete(context);
    });
  }

  /** The number of the document a context holds now: the one loading, else the last loaded. */
  documentIndexNow(context: string): number {
    const loaded = this.#documents.get(context)?.length ?? 0;
    return this.#loading.has(context) || loaded === 0 ? loaded : loaded - 1;
  }

  /** The URL of the context's document number `index` (0 first), once it has got that far. */
  documentAt(context: string, index: number): string | undefined {
    return this.#documents.get(context)?.[index];
  }
}

/** The BiDi browsing context id of a Puppeteer frame. */
function frameId(frame: unknown): string {
  return (frame as { _id: string })._id;
}

/** A WebDriver BiDi remote value (the fields read here). */
interface BidiRemoteValue {
  type: string;
  value?: unknown;
}

/** A WebDriver BiDi script result. */
interface BidiEvaluateResult {
  type: 'success' | 'exception';
  result?: BidiRemoteValue;
  exceptionDetails?: { text?: string };
}

/** Runs in the page's sandbox realm: the text under a node, skipping the contents of `unshown` elements. */
function textOfNode(root: Node, unshown: string[]): string {
  let text = '';
  const visit = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data;
      else if (child.nodeType === Node.ELEMENT_NODE && !unshown.includes((child as Element).localName)) visit(child);
    }
  };
  visit(root);
  return text;
}

/** Puppeteer types page functions through its handle-unwrapping generics; ours take plain JSON values. */
function erase<Arg, Result>(fn: PageFunction<Arg, Result>): (arg: unknown) => Result | Promise<Result> {
  return fn as (arg: unknown) => Result | Promise<Result>;
}
