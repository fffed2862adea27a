/**
 * The saved news pages of `../shared/corpus/news-pages` as fixtures: served under `/corpus/` on
 * any fixture host, read from the shared folder on each request (never copied into the repo).
 * Also the page functions that take the "with and without Policy Lens" measurements.
 * Page functions here are serialized into the page, so each is self-contained.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../scripts/lib/browsers';
import { DEFAULT_WAIT_MS, type PageErrors, type TestPage, type WaitOptions } from './driver';
import { htmlResponse, type Route } from './server';

/** How the corpus folder is named in messages: relative to the repository root. */
export const CORPUS_DISPLAY_PATH = '../shared/corpus/news-pages';
/** The corpus folder; absent in a fresh clone, where the corpus suite skips. */
export const CORPUS_DIR = join(REPO_ROOT, CORPUS_DISPLAY_PATH);
/** URL path prefix the corpus pages are served under. */
export const CORPUS_ROUTE_PREFIX = '/corpus/';

/** The corpus page file names, sorted; empty when the folder is absent. */
export function listCorpusPages(dir: string = CORPUS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html'))
    .sort();
}

/** The URL path of a corpus page. */
export function corpusPath(name: string): string {
  return `${CORPUS_ROUTE_PREFIX}${encodeURIComponent(name)}`;
}

/**
 * Blocks every page script: `<script>` elements, event-handler attributes, `javascript:` URLs and
 * `srcdoc` frames (which inherit the policy). Content scripts are not subject to a page's policy.
 */
const NO_PAGE_SCRIPTS = { 'content-security-policy': "script-src 'none'" } as const;

/**
 * Fixture-server routes for the given pages: the saved bytes as UTF-8 HTML, sent with a policy
 * that blocks the pages' own scripts (see {@link SCRIPTS_BLOCKED_NOTE}). Their images and styles
 * point at the original sites (unresolvable for the test browsers) or at paths the fixture
 * server answers with 404 (the pages' own icons: nothing, see {@link NO_ICON}), so nothing
 * reaches the network.
 */
export function corpusRoutes(names: readonly string[], dir: string = CORPUS_DIR): Record<string, Route> {
  const pages = names.map((name) => [corpusPath(name), () => htmlResponse(readFileSync(join(dir, name), 'utf8'), NO_PAGE_SCRIPTS)]);
  const icons = names.flatMap((name) => ownIconPaths(readFileSync(join(dir, name), 'utf8'), corpusPath(name)));
  return { ...Object.fromEntries(icons.map((path) => [path, NO_ICON])), ...Object.fromEntries(pages) };
}

/**
 * What the server answers for a corpus page's own icons: nothing, as for `/favicon.ico`. Browsers
 * fetch a page's icons by themselves some time after its load event; answered with 404, that
 * error can arrive while the next page is being checked, in one tab and not the other, and read
 * as an error Policy Lens caused (CI saw it: wordpress.html's icons, reported during yahoo-1.html).
 */
const NO_ICON: Route = { status: 204 };

/**
 * The paths on the page's own host of the icons its `<link rel="… icon …">` elements name, taken
 * from the saved bytes (icons on other hosts do not resolve here at all).
 */
export function ownIconPaths(html: string, pagePath: string): string[] {
  const base = new URL(pagePath, OWN_HOST);
  const paths = new Set<string>();
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attributeValue(tag, 'rel');
    const href = attributeValue(tag, 'href');
    if (rel === undefined || href === undefined || !/(^|\s)[\w-]*icon[\w-]*(\s|$)/i.test(rel)) continue;
    let url: URL;
    try {
      url = new URL(href.replaceAll('&amp;', '&').trim(), base);
    } catch {
      continue;
    }
    if (url.origin === OWN_HOST) paths.add(url.pathname);
  }
  return [...paths];
}

/** A stand-in origin to resolve a page's relative URLs against. */
const OWN_HOST = 'https://corpus-page.invalid';

/** One attribute's value in a start tag's source, or undefined when it is absent. */
function attributeValue(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match === null ? undefined : (match[1] ?? match[2] ?? match[3]);
}

/** Why the corpus pages run without their scripts; the suite prints it. */
export const SCRIPTS_BLOCKED_NOTE =
  "the pages' own scripts are blocked in both loads (Content-Security-Policy: script-src 'none'): they write random ids, " +
  'timestamps and the page URL into the DOM, so two loads without Policy Lens already differ';

/** One sampled element's box. */
export interface SampledBox {
  /** Where the element is: `tag:index` in the document-order list of body elements. */
  element: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What must be identical with and without Policy Lens. */
export interface PageSnapshot {
  bodyHtml: string;
  scrollHeight: number;
  /** Boxes of elements spread evenly over the body (the same ones in both loads if the markup is the same). */
  boxes: SampledBox[];
}

/** How {@link snapshotPage} measures. */
export interface SnapshotOptions {
  /** Elements whose boxes are taken, spread evenly over the body. */
  sampleSize: number;
  /**
   * Lay the whole page out afresh first (see {@link FRESH_LAYOUT_NOTE}). The page's DOM is not
   * touched: a constructed style sheet hides the root for one style flush and is taken away again.
   */
  freshLayout: boolean;
}

/**
 * Why Firefox snapshots are taken of a fresh layout: Firefox 140 lays some pages out differently
 * from load to load of the same bytes, with or without Policy Lens, by a fraction of a pixel up to
 * a line (Wikipedia's `column-width` reference lists, a salon.com share list). The layout a page
 * ends with depends on the reflows done while it streamed in, and those vary; each load's layout
 * then stays as it is. Laid out once more from nothing, the finished page gave the same boxes in
 * every load measured (wikipedia and wikipedia-2: boxes differed between two loads in 10 of 16
 * pairs before, in none of 16 after), so a difference that remains comes from what the page holds.
 */
export const FRESH_LAYOUT_NOTE =
  "Firefox's layout of a page depends on how it streamed in, so each Firefox snapshot lays the finished page out afresh";

/** Page function: the markup and layout facts compared between the two loads, with the page scrolled to the top. */
export function snapshotPage({ sampleSize, freshLayout }: SnapshotOptions): PageSnapshot {
  if (freshLayout) {
    // Frames are rebuilt when the root stops and starts being displayed; adoptedStyleSheets is no
    // DOM mutation, so neither a MutationObserver nor the markup compared below sees it.
    const hideRoot = new CSSStyleSheet();
    hideRoot.replaceSync(':root { display: none !important; }');
    const sheets = [...document.adoptedStyleSheets];
    document.adoptedStyleSheets = [...sheets, hideRoot];
    document.documentElement.getBoundingClientRect();
    document.adoptedStyleSheets = sheets;
  }
  window.scrollTo(0, 0);
  const body = document.body as HTMLElement | null;
  const elements = body ? [...body.querySelectorAll('*')] : [];
  const step = Math.max(1, elements.length / sampleSize);
  const boxes: SampledBox[] = [];
  for (let position = 0; position < elements.length && boxes.length < sampleSize; position += step) {
    const index = Math.floor(position);
    const element = elements[index] as Element;
    const box = element.getBoundingClientRect();
    boxes.push({ element: `${element.localName}:${index}`, x: box.x, y: box.y, width: box.width, height: box.height });
  }
  return {
    bodyHtml: body?.innerHTML ?? '',
    scrollHeight: document.documentElement.scrollHeight,
    boxes,
  };
}

/** What {@link auditMarksInPage} found. */
export interface MarkAudit {
  /** Ranges in our highlights. */
  ranges: number;
  /** Marks that are not on visible, markable text, each described. */
  misplaced: string[];
}

/**
 * Page function: checks every range in our highlights: the element its text sits in must be
 * rendered and visible (ignoring opacity, which pages animate) and not inside content Policy
 * Lens never marks.
 */
export function auditMarksInPage(options: { prefix: string; excluded: string }): MarkAudit {
  const audit: MarkAudit = { ranges: 0, misplaced: [] };
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith(options.prefix) || name === `${options.prefix}flash`) continue;
    for (const range of highlight as unknown as Iterable<AbstractRange>) {
      audit.ranges += 1;
      const text = range instanceof Range ? range.toString() : '';
      const start = range.startContainer;
      let element: Element | null = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      // display: contents has no box of its own (checkVisibility says false); its parent's box holds the text.
      while (element && getComputedStyle(element).display === 'contents') element = element.parentElement;
      const problem = !element
        ? 'not in an element'
        : !element.isConnected
          ? 'in a detached element'
          : element.closest(options.excluded)
            ? `inside excluded <${element.closest(options.excluded)?.localName}>`
            : typeof element.checkVisibility === 'function'
              ? element.checkVisibility({ checkVisibilityCSS: true, checkOpacity: false })
                ? null
                : 'in an invisible element'
              : element.getClientRects().length === 0
                ? 'in an element without boxes'
                : null;
      if (problem) audit.misplaced.push(`"${text}" (${name}) ${problem}: <${element?.localName ?? '?'}>`);
    }
  }
  return audit;
}

/**
 * Elements whose text Policy Lens must never mark (src/page/exclusions.ts), as one selector:
 * form controls, non-text content, code, editable and hidden subtrees, our own UI.
 */
export const NEVER_MARKED_SELECTOR = [
  'input',
  'textarea',
  'select',
  'option',
  'button',
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'canvas',
  'video',
  'audio',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'svg',
  'math',
  'policy-lens-ui',
  '[contenteditable]:not([contenteditable="false" i])',
  '[hidden]',
  '[aria-hidden="true"]',
].join(', ');

/**
 * A tab's errors as one list of lines, with the page's origin replaced by `<origin>`, so the same
 * error from the same page on two hosts reads the same.
 */
export function errorLines(errors: PageErrors, origin: string): string[] {
  const lines = [
    ...errors.console.map((line) => `console: ${line}`),
    ...errors.page.map((line) => `page: ${line}`),
    ...errors.csp.map((line) => `csp: ${line}`),
  ];
  return lines.filter((line) => !THROTTLING_NOTICE.test(line)).map((line) => line.split(origin).join('<origin>'));
}

/**
 * Firefox's note that it stopped reporting CSP violations for a while: whether it appears
 * depends on how fast the blocked scripts came, not on what the page or Policy Lens did.
 */
const THROTTLING_NOTICE = /Prevented too many CSP reports/;

/** The lines of `errors` that are not in `reference` (errors the page alone does not produce). */
export function errorsNotIn(errors: readonly string[], reference: readonly string[]): string[] {
  const known = new Set(reference);
  return [...new Set(errors)].filter((line) => !known.has(line));
}

/** Counts per list of the errors a tab has collected so far, to read only the newer ones later. */
export interface ErrorMark {
  console: number;
  page: number;
  csp: number;
}

/** Where each list stands now. */
export function markErrors(errors: PageErrors): ErrorMark {
  return { console: errors.console.length, page: errors.page.length, csp: errors.csp.length };
}

/** The errors collected since `mark` (tabs are reused from page to page). */
export function errorsSince(errors: PageErrors, mark: ErrorMark): PageErrors {
  return {
    console: errors.console.slice(mark.console),
    page: errors.page.slice(mark.page),
    csp: errors.csp.slice(mark.csp),
  };
}

/** Two snapshots' differences in words (empty when they match). */
export function snapshotDifferences(marked: PageSnapshot, reference: PageSnapshot): string[] {
  const differences: string[] = [];
  if (marked.bodyHtml !== reference.bodyHtml) {
    let at = 0;
    while (at < marked.bodyHtml.length && marked.bodyHtml[at] === reference.bodyHtml[at]) at += 1;
    differences.push(
      `body.innerHTML differs at ${at}: ${JSON.stringify(marked.bodyHtml.slice(at, at + 80))} vs ${JSON.stringify(reference.bodyHtml.slice(at, at + 80))}`,
    );
  }
  if (marked.scrollHeight !== reference.scrollHeight) {
    differences.push(`document height ${marked.scrollHeight} vs ${reference.scrollHeight}`);
  }
  const boxes = (snapshot: PageSnapshot) => snapshot.boxes.map((box) => JSON.stringify(box));
  const markedBoxes = boxes(marked);
  const referenceBoxes = boxes(reference);
  markedBoxes.forEach((box, index) => {
    if (box !== referenceBoxes[index]) differences.push(`box ${box} vs ${referenceBoxes[index] ?? 'none'}`);
  });
  if (referenceBoxes.length > markedBoxes.length) differences.push(`${referenceBoxes.length - markedBoxes.length} boxes missing`);
  return differences;
}

/** How often the background's page reports are read while waiting. */
const REPORT_POLL_MS = 50;

/** A tab's page report as the background keeps it (src/background/tab-state.ts, `storage.session`). */
export interface StoredPageReport {
  url: string;
  topics: Array<{ topic: string; count: number }>;
  scanning: boolean;
}

/**
 * Waits, in an open extension page, until the background holds the content script's report for
 * `url` in tab `tabId` with the first scan finished, and returns it. The content script sends it
 * a moment after its marks settle, also when the page has no mention at all: the one event that
 * says "done" on every page.
 */
export async function waitForPageReport(
  extensionPage: TestPage,
  query: { tabId: number; url: string },
  options: WaitOptions = {},
): Promise<StoredPageReport> {
  const read = async ({ tabId, url }: { tabId: number; url: string }) => {
    type Area = { get(key: string): Promise<Record<string, unknown>> };
    const scope = globalThis as unknown as { browser?: { storage: { session: Area } }; chrome?: { storage: { session: Area } } };
    const key = `tab:${tabId}`;
    const report = (await (scope.browser ?? scope.chrome)!.storage.session.get(key))[key] as StoredPageReport | undefined;
    return report !== undefined && report.url === url && !report.scanning ? report : null;
  };
  // Storage reads are asynchronous, and waitForFunction takes a returned promise for "truthy": poll.
  const timeout = options.timeout ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeout;
  let report = await extensionPage.evaluate(read, query);
  while (report === null) {
    if (Date.now() > deadline) {
      const what = options.message ?? `the content script's report on ${query.url} (tab ${query.tabId}) with its first scan done`;
      throw new Error(`Waited ${timeout} ms for ${what}; it never came`);
    }
    await new Promise((resolve) => setTimeout(resolve, REPORT_POLL_MS));
    report = await extensionPage.evaluate(read, query);
  }
  return report;
}
