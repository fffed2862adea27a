/**
 * The one browser interface end-to-end tests are written against. Chromium (Playwright) and
 * Firefox (Puppeteer over WebDriver BiDi) implement it, so every test runs in both unchanged.
 */
import type { BrowserKind } from '../../../scripts/lib/browsers';
import type { FixtureServer } from './server';

export type { BrowserKind } from '../../../scripts/lib/browsers';

/** How long waits last unless a test says otherwise; generous because CI machines are slow. */
export const DEFAULT_WAIT_MS = 15_000;

/** Errors seen in one page so far, sorted the same way in both browsers. */
export interface PageErrors {
  /** `console.error` messages (from the page and from our content script). */
  console: string[];
  /** Uncaught exceptions and unhandled rejections. */
  page: string[];
  /**
   * Content-Security-Policy violations the browser reported (Chromium logs them as console
   * errors, Firefox as page errors). The favicon the browser itself fetches is left out.
   */
  csp: string[];
}

/** Options for waits. */
export interface WaitOptions {
  /** Milliseconds before the wait fails (default {@link DEFAULT_WAIT_MS}). */
  timeout?: number;
  /** What the failure says was being waited for, e.g. "a policy-lens highlight". */
  message?: string;
}

/** A function run inside the page; it is serialized, so it may use only its argument and page globals. */
export type PageFunction<Arg, Result> = (arg: Arg) => Result | Promise<Result>;

/** A function run on a shadow root (serialized like a {@link PageFunction}). */
export type ShadowRootFunction<Arg, Result> = (root: ShadowRoot, arg: Arg) => Result | Promise<Result>;

/**
 * Source put before a serialized function: scripts run by tsx (esbuild's keepNames) wrap named
 * inner functions in `__name(...)`, which does not exist in the page.
 */
export const KEEP_NAMES_SHIM = 'const __name = (target) => target;';

/** The values of the `prefers-color-scheme` media feature tests choose between. */
export type ColorScheme = 'light' | 'dark';

/** One tab. */
export interface TestPage {
  /** Which browser the tab lives in. */
  readonly kind: BrowserKind;
  /** Loads a URL (web page or extension page) and waits for its load event. */
  goto(url: string): Promise<void>;
  /** Reloads and waits for the load event. */
  reload(): Promise<void>;
  /** The document's current URL as the page sees it. */
  currentUrl(): Promise<string>;
  /** Runs a function in the page's main world and returns its (serializable) result. */
  evaluate<Result, Arg = undefined>(fn: PageFunction<Arg, Result>, arg?: Arg): Promise<Result>;
  /**
   * Waits until the function returns a truthy value in the page's main world. It must answer
   * synchronously: Playwright does not await a returned promise (a promise counts as truthy).
   */
  waitForFunction<Arg = undefined>(fn: PageFunction<Arg, unknown>, arg?: Arg, options?: WaitOptions): Promise<void>;
  /** Makes this the active tab of its window (keyboard focus, "active tab" for the extension). */
  bringToFront(): Promise<void>;
  /** Whether a Policy Lens content script has started in this document (see page-probe.ts). */
  contentScriptStarted(): Promise<boolean>;
  /** Waits for {@link contentScriptStarted}; fails naming the URL if it never does. */
  waitForContentScript(options?: WaitOptions): Promise<void>;
  /** Moves the mouse to viewport coordinates (CSS pixels). */
  mouseMove(x: number, y: number): Promise<void>;
  /** Moves the mouse over the centre of the first element matching the selector. */
  hover(selector: string): Promise<void>;
  /** Clicks the first element matching the selector (a trusted click: counts as a user gesture). */
  click(selector: string): Promise<void>;
  /** Presses a key or a combination written like `Alt+Shift+KeyL` or `Escape`. */
  press(keys: string): Promise<void>;
  /** Types text into the focused element. */
  type(text: string): Promise<void>;
  /**
   * The text in the shadow root of the first element matching `selector`, open or closed (the
   * card's root is closed, so page scripts cannot read it), without `<style>` and `<script>` text
   * and with white space collapsed; null when no element matches or it has no shadow root. Read
   * through the automation protocol, out of reach of the page's own scripts and patches.
   */
  shadowRootText(selector: string): Promise<string | null>;
  /**
   * Runs `fn` on the shadow root of the first element matching `selector`, open or closed, and
   * returns its (JSON) result; null when no element matches or it has no shadow root. The root is
   * handed to `fn` by the automation protocol; page scripts never get a reference to it.
   */
  evaluateInShadowRoot<Result, Arg = undefined>(
    selector: string,
    fn: ShadowRootFunction<Arg, Result>,
    arg?: Arg,
  ): Promise<Result | null>;
  /** Clicks the left mouse button at viewport coordinates (a trusted click: counts as a user gesture). */
  mouseClick(x: number, y: number): Promise<void>;
  /**
   * Makes `prefers-color-scheme` match `scheme` and waits until the page sees it. Firefox can only
   * set it for the whole browser (a preference): every tab follows until it is set again.
   */
  emulateColorScheme(scheme: ColorScheme): Promise<void>;
  /**
   * Runs a classic script's source in the page's main world through the automation protocol,
   * which the page's Content-Security-Policy does not stop (e.g. axe-core on extension pages).
   */
  addScript(source: string): Promise<void>;
  /** Saves a PNG of the viewport (folders are created). */
  screenshot(path: string): Promise<void>;
  /** A PNG of one area of the viewport (CSS pixels, viewport coordinates, as `getClientRects` gives them). */
  screenshotArea(area: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
  /**
   * Chromium only (DevTools protocol): collects garbage, then reads the tab's JavaScript heap (the
   * renderer's, shared by the page and its content scripts) and the detached DOM nodes script
   * still keeps alive. Firefox throws: WebDriver BiDi has no memory inspection.
   */
  memoryUsage(): Promise<MemoryUsage>;
  /** Errors collected since this tab opened. */
  errors(): Promise<PageErrors>;
  /**
   * Every URL this tab requested since it opened, oldest first, as the browser's network layer saw
   * it: documents, subresources, and fetches made by the page or by a content script in it.
   */
  requests(): string[];
  /** Closes the tab. */
  close(): Promise<void>;
}

/** One running browser. */
export interface Driver {
  /** Which browser this is. */
  readonly kind: BrowserKind;
  /** Whether the production build of Policy Lens is installed. */
  readonly hasExtension: boolean;
  /** The fixture server the browser's DNS points at. */
  readonly server: FixtureServer;
  /** Opens a new tab, optionally loading a URL. */
  newPage(url?: string): Promise<TestPage>;
  /**
   * Opens a tab in a window of its own, so it stays shown (`visibilityState` "visible") while
   * another window's tab is in front: Firefox throttles tabs behind the front one (no animation
   * frames, layout that lags behind image loads). Chromium shows every automated tab, so there it
   * is a plain new tab. In Firefox, tabs opened later go to this newest window.
   */
  newWindow(url?: string): Promise<TestPage>;
  /** The URL of a page inside the extension, e.g. `popup.html`. Throws without the extension. */
  extensionPageUrl(path: string): string;
  /** The extension's `runtime.id` (public for a store extension, so a hostile page may know it). Throws without the extension. */
  extensionRuntimeId(): string;
  /**
   * The extension's tab id for a page, e.g. to open `popup.html?tab=ID` (a real toolbar popup
   * cannot be driven in either browser, so tests open the popup in a tab for a chosen page).
   */
  tabIdOf(page: TestPage): Promise<number>;
  /**
   * Clicks Policy Lens's toolbar button for a tab, as a reader does: the browser grants the
   * extension activeTab on that page and opens the popup, which is closed again. Chromium only
   * (DevTools `Extensions.triggerAction`); Firefox has no automation API for it and throws.
   */
  clickToolbarButton(page: TestPage): Promise<void>;
  /**
   * Reloads Policy Lens as an update does, tabs left open: the running copy is unloaded and the
   * build on disk starts again (`runtime.reload()`). Resolves once the new copy runs (Chromium:
   * its service worker started; Firefox: its pages load again). Content scripts in open tabs are
   * the browser's business: Chromium orphans them, Firefox replaces them.
   */
  reloadExtension(): Promise<void>;
  /**
   * Turns Policy Lens off or on as a reader does on the browser's extensions page, tabs left
   * open. Chromium only (`management.setEnabled` on chrome://extensions); Firefox throws: its
   * automation can install and uninstall an add-on, not disable one.
   */
  setExtensionEnabled(enabled: boolean): Promise<void>;
  /**
   * Errors from extension contexts no tab reports: Chromium gives the service worker's
   * console errors; Firefox gives every uncaught error in any extension context.
   */
  extensionErrors(): string[];
  /** Saves a PNG of every tab opened with {@link newPage} as `<prefix>-<n>.png`. */
  screenshotPages(prefix: string): Promise<void>;
  /** Closes every tab opened with {@link newPage}. */
  closePages(): Promise<void>;
  /** Quits the browser and removes its temporary profile. */
  close(): Promise<void>;
}

/** A tab's memory as {@link TestPage.memoryUsage} reads it, after a full garbage collection. */
export interface MemoryUsage {
  /** Bytes used in the JavaScript heap. */
  jsHeapBytes: number;
  /** Bytes used in the embedder's (Blink's: DOM objects) garbage-collected heap. */
  domHeapBytes: number;
  /** Detached DOM trees still reachable from script, and the nodes in them. */
  detachedTrees: number;
  detachedNodes: number;
}

/** Options for launching a browser. */
export interface LaunchOptions {
  /** The fixture server; the browser resolves its host names to it. */
  server: FixtureServer;
  /** Install the production build of Policy Lens (default true). `false` gives a baseline browser. */
  extension?: boolean;
  /** The browser binary (default: found on the machine). */
  executable?: string;
}

/** Splits `Alt+Shift+KeyL` into modifiers and the final key; a lone `+` is a key too. */
export function splitKeyCombo(keys: string): { modifiers: string[]; key: string } {
  const parts = keys.split(/\+(?!$)/);
  const key = parts.pop();
  if (!key) throw new Error(`Empty key combination: "${keys}"`);
  return { modifiers: parts, key };
}

/** Elements whose text is not shown, left out of {@link TestPage.shadowRootText}. */
export const UNSHOWN_TEXT_TAGS: readonly string[] = ['style', 'script'];

/** Collapses white space the way rendered text reads. */
export function collapseWhiteSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Turns whatever a browser reports as an error into one readable line. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Firefox's BiDi errors already carry "Error: " in the message.
  return error.message.startsWith(`${error.name}: `) ? error.message : `${error.name}: ${error.message}`;
}

const CSP_REPORT = /Content[- ]Security[- ]Policy/i;
const FAVICON = /\/favicon\.ico\b/;

/** Moves the browser's CSP reports out of the console and page lists, so those mean JavaScript errors. */
export function sortPageErrors(console: readonly string[], page: readonly string[]): PageErrors {
  const isCsp = (message: string) => CSP_REPORT.test(message);
  return {
    console: console.filter((message) => !isCsp(message)),
    page: page.filter((message) => !isCsp(message)),
    csp: [...console, ...page].filter((message) => isCsp(message) && !FAVICON.test(message)),
  };
}

/** The error a timed-out wait throws: what was awaited, where, and for how long. */
export function waitFailure(options: WaitOptions, timeout: number, url: string, cause: unknown): Error {
  const what = options.message ?? 'a page condition';
  return new Error(`Waited ${timeout} ms for ${what} on ${url}; it never came (${describeError(cause)})`, { cause });
}

/** How often {@link waitForShadowRoot} looks again. */
const SHADOW_ROOT_POLL_MS = 100;

/**
 * Waits until `fn`, run on the shadow root of the first element matching `selector` (see
 * {@link TestPage.evaluateInShadowRoot}), returns a truthy value, and returns that value.
 */
export async function waitForShadowRoot<Result, Arg = undefined>(
  page: TestPage,
  selector: string,
  fn: ShadowRootFunction<Arg, Result>,
  arg?: Arg,
  options: WaitOptions = {},
): Promise<NonNullable<Result>> {
  const timeout = options.timeout ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await page.evaluateInShadowRoot(selector, fn, arg);
      if (result) return result;
      lastError = new Error(result === null ? `no shadow root on ${selector}` : 'the condition stayed false');
    } catch (error) {
      // A navigation or a re-created host can interrupt one look; the next one decides.
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw waitFailure(options, timeout, await page.currentUrl().catch(() => 'an unknown URL'), lastError);
    }
    await new Promise((resolve) => setTimeout(resolve, SHADOW_ROOT_POLL_MS));
  }
}

