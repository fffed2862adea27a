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
  /** Waits until the function returns a truthy value in the page's main world. */
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
  /** Saves a PNG of the viewport (folders are created). */
  screenshot(path: string): Promise<void>;
  /** Errors collected since this tab opened. */
  errors(): Promise<PageErrors>;
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
  /** The URL of a page inside the extension, e.g. `popup.html`. Throws without the extension. */
  extensionPageUrl(path: string): string;
  /**
   * The extension's tab id for a page, e.g. to open `popup.html?tab=ID` (a real toolbar popup
   * cannot be driven in either browser, so tests open the popup in a tab for a chosen page).
   */
  tabIdOf(page: TestPage): Promise<number>;
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
