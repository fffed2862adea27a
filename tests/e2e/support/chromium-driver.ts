/** The Driver for Chromium, through Playwright with a persistent profile (extensions need one). */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { chromiumArgs, chromiumHostResolverRules, extensionBuildDir } from '../../../scripts/lib/browsers';
import {
  DEFAULT_WAIT_MS,
  UNSHOWN_TEXT_TAGS,
  collapseWhiteSpace,
  describeError,
  sortPageErrors,
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
import { PROBE_GLOBAL, contentScriptSeen, contentScriptStartEvent, installContentScriptProbe, readProbe } from './page-probe';

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
      args: [
        ...chromiumArgs({ extensionDir, hostResolverRules: chromiumHostResolverRules(options.server.hosts) }),
        // Lets the DevTools protocol click the toolbar button (Extensions.triggerAction, see clickToolbarButton).
        UNSAFE_EXTENSION_DEBUGGING_ARG,
      ],
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

  await context.addInitScript(installContentScriptProbe, {
    globalName: PROBE_GLOBAL,
    startEvent: extensionId === undefined ? null : contentScriptStartEvent(extensionId),
  });

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
    async newWindow(url) {
      // Every tab Playwright opens counts as shown, so a tab does what a window does in Firefox.
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
    extensionRuntimeId() {
      if (extensionId === undefined) throw new Error('This Chromium was launched without the extension.');
      return extensionId;
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
    async clickToolbarButton(page) {
      if (extensionId === undefined) throw new Error('This Chromium was launched without the extension.');
      const browser = context.browser();
      if (browser === null) throw new Error('Playwright gave no browser for this context to click the toolbar button in.');
      const url = await page.currentUrl();
      const cdp = await browser.newBrowserCDPSession();
      try {
        // The action runs on a tab target; tabs have no link to Playwright's pages but their URL.
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        const tabs = targetInfos.filter((target) => target.url === url);
        if (tabs.length !== 1) {
          throw new Error(`${tabs.length} tabs have the URL ${url}; clickToolbarButton needs exactly one (add a query string).`);
        }
        await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabs[0]!.targetId });
        // The real popup keeps asking the tab for reports while open; tests drive popup.html?tab=ID instead.
        const popupUrl = `chrome-extension://${extensionId}/popup.html`;
        const deadline = Date.now() + DEFAULT_WAIT_MS;
        for (;;) {
          const { targetInfos: open } = await cdp.send('Target.getTargets', { filter: [{ type: 'page' }] });
          const popup = open.find((target) => target.url === popupUrl);
          if (popup !== undefined) {
            await cdp.send('Target.closeTarget', { targetId: popup.targetId });
            return;
          }
          if (Date.now() > deadline) throw new Error(`Clicking the toolbar button on ${url} opened no popup.`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    },
    async reloadExtension() {
      const worker = serviceWorker;
      if (extensionId === undefined || worker === undefined) throw new Error('This Chromium has no Policy Lens to reload.');
      // Without developer mode Chromium disables a command-line extension that reloads itself
      // ("unsupported developer extension"); the extensions page is where that mode is switched on.
      const settings = await context.newPage();
      try {
        await settings.goto('chrome://extensions/');
        await settings.evaluate(async () => {
          type DeveloperApi = { developerPrivate: { updateProfileConfiguration(update: object): Promise<void> } };
          await (globalThis as unknown as { chrome: DeveloperApi }).chrome.developerPrivate.updateProfileConfiguration({
            inDeveloperMode: true,
          });
        });
      } finally {
        await settings.close();
      }
      const prefix = `chrome-extension://${extensionId}/`;
      const restarted = context.waitForEvent('serviceworker', {
        predicate: (candidate) => candidate !== worker && candidate.url().startsWith(prefix),
        timeout: 30_000,
      });
      // The worker goes away while answering, so the call itself may fail.
      await worker
        .evaluate(() => {
          (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload();
        })
        .catch(() => undefined);
      await restarted;
    },
    async setExtensionEnabled(enabled) {
      if (extensionId === undefined) throw new Error('This Chromium was launched without the extension.');
      const prefix = `chrome-extension://${extensionId}/`;
      const started = enabled
        ? context.waitForEvent('serviceworker', { predicate: (worker) => worker.url().startsWith(prefix), timeout: 30_000 })
        : undefined;
      const settings = await context.newPage();
      try {
        await settings.goto('chrome://extensions/');
        await settings.evaluate(
          async ({ id, on }) => {
            type ManagementApi = { management: { setEnabled(id: string, enabled: boolean): Promise<void> } };
            await (globalThis as unknown as { chrome: ManagementApi }).chrome.management.setEnabled(id, on);
          },
          { id: extensionId, on: enabled },
        );
      } finally {
        await settings.close();
      }
      await started;
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

/**
 * Chromium switch that opens the DevTools protocol's Extensions domain to a client connected over
 * a pipe (Playwright's default), e.g. to click an extension's toolbar button.
 */
const UNSAFE_EXTENSION_DEBUGGING_ARG = '--enable-unsafe-extension-debugging';

class ChromiumPage implements TestPage {
  readonly kind = 'chromium' as const;
  readonly #page: Page;
  readonly #consoleErrors: string[] = [];
  readonly #pageErrors: string[] = [];
  readonly #requests: string[] = [];

  constructor(page: Page) {
    this.#page = page;
    // Content-script console calls and exceptions arrive here too (Chromium reports every world).
    page.on('console', (message) => {
      if (message.type() === 'error') this.#consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.#pageErrors.push(describeError(error)));
    page.on('request', (request) => this.#requests.push(request.url()));
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

  async shadowRootText(selector: string): Promise<string | null> {
    // The DevTools protocol sees closed shadow roots and reads the tree without running page script.
    const cdp = await this.#page.context().newCDPSession(this.#page);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      if (!nodeId) return null;
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true });
      const shadowRoot = node.shadowRoots?.[0];
      return shadowRoot === undefined ? null : collapseWhiteSpace(textOfProtocolNode(shadowRoot));
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  async evaluateInShadowRoot<Result, Arg = undefined>(
    selector: string,
    fn: ShadowRootFunction<Arg, Result>,
    arg?: Arg,
  ): Promise<Result | null> {
    // The protocol hands out a reference to a closed root; page scripts never see it.
    const cdp = await this.#page.context().newCDPSession(this.#page);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      if (!nodeId) return null;
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
      const shadowRoot = node.shadowRoots?.[0];
      if (shadowRoot === undefined) return null;
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadowRoot.backendNodeId });
      if (object.objectId === undefined) return null;
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: `function (root, arg) { ${KEEP_NAMES_SHIM} return (${String(fn)})(root, arg); }`,
        objectId: object.objectId,
        arguments: [{ objectId: object.objectId }, { value: arg ?? null }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails !== undefined) {
        throw new Error(`evaluateInShadowRoot(${selector}) threw: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      }
      return (result.value ?? null) as Result | null;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  async mouseClick(x: number, y: number): Promise<void> {
    await this.#page.mouse.click(x, y);
  }

  async emulateColorScheme(scheme: ColorScheme): Promise<void> {
    await this.#page.emulateMedia({ colorScheme: scheme });
  }

  async addScript(source: string): Promise<void> {
    const cdp = await this.#page.context().newCDPSession(this.#page);
    try {
      const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: source, returnByValue: true });
      if (exceptionDetails !== undefined) {
        throw new Error(`addScript threw: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      }
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await this.#page.screenshot({ path });
  }

  async screenshotArea(area: { x: number; y: number; width: number; height: number }): Promise<Uint8Array> {
    // Playwright's clip is in viewport coordinates already.
    return this.#page.screenshot({ clip: area, animations: 'disabled', caret: 'hide' });
  }

  async memoryUsage(): Promise<MemoryUsage> {
    // A fresh session each time: the DOM agent keeps every node it has reported alive until detached.
    const cdp = await this.#page.context().newCDPSession(this.#page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const { detachedNodes } = await cdp.send('DOM.getDetachedDomNodes');
      return {
        jsHeapBytes: heap.usedSize,
        domHeapBytes: heap.embedderHeapUsedSize,
        detachedTrees: detachedNodes.length,
        detachedNodes: detachedNodes.reduce((sum, tree) => sum + tree.retainedNodeIds.length, 0),
      };
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  async errors(): Promise<PageErrors> {
    return sortPageErrors(this.#consoleErrors, this.#pageErrors);
  }

  requests(): string[] {
    return [...this.#requests];
  }

  async close(): Promise<void> {
    if (!this.#page.isClosed()) await this.#page.close();
  }
}

/** A node as the DevTools protocol describes it (the fields text extraction needs). */
interface ProtocolNode {
  nodeType: number;
  localName: string;
  nodeValue: string;
  children?: ProtocolNode[];
}

/** The text a described subtree shows: its text nodes in order, skipping style and script contents. */
function textOfProtocolNode(node: ProtocolNode): string {
  if (node.nodeType === 3) return node.nodeValue;
  if (UNSHOWN_TEXT_TAGS.includes(node.localName)) return '';
  return (node.children ?? []).map(textOfProtocolNode).join('');
}

/** Playwright types page functions through its handle-unboxing generics; ours take plain JSON values. */
function erase<Arg, Result>(fn: PageFunction<Arg, Result>): (arg: unknown) => Result | Promise<Result> {
  return fn as (arg: unknown) => Result | Promise<Result>;
}
