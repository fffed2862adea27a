/**
 * One Chromium per page-cost variant (no extension, the floor, the production
 * build), each with its own profile, news-site host names resolved to the
 * local HTTPS server. Every load opens a fresh tab and reads, over the
 * DevTools protocol: Performance.getMetrics (thread CPU time) once the load
 * has settled, the script time a trace of the load saw, the long tasks a
 * PerformanceObserver put in the page before it loaded (the same in every
 * variant), and the content script's own timing record from the
 * extension's isolated world.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgs, chromiumHostResolverRules, findBrowserExecutable } from '../lib/browsers';
import { mainThreadScriptMs, startMainThreadTrace } from './main-thread-trace';
import { parseTiming, TIMING_GLOBAL, type FirstCardSample, type LoadSample, type LongTask, type Variant } from './page-cost-figures';

/** A browser that loads pages in one variant. */
export interface PageCostBrowser {
  readonly variant: Variant;
  /** Product and version, for the report. */
  readonly version: string;
  /** Loads `url` in a fresh tab, waits until it settles, measures, closes the tab. */
  load(url: string, round: number): Promise<LoadSample>;
  /** What this browser could not measure, for the report (after the loads). */
  notes?(): string[];
  close(): Promise<void>;
}

/** How every load waits. */
export interface LoadTiming {
  /** Wait this long after network idle before reading the metrics. */
  settleMs: number;
}

const NAVIGATION_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1280, height: 800 };
/** Where the page's long-task observer keeps what it saw (main world, non-enumerable). */
const LONG_TASKS_GLOBAL = '__policyLensBenchLongTasks';

/**
 * Runs in every page before anything else, in every variant alike: records `longtask` entries.
 * The page's own scripts are stripped, so nothing else runs in the main world.
 */
const LONG_TASK_OBSERVER = `(() => {
  const record = { tasks: null, observer: null };
  Object.defineProperty(window, ${JSON.stringify(LONG_TASKS_GLOBAL)}, { value: record });
  if (typeof PerformanceObserver !== 'function' || !PerformanceObserver.supportedEntryTypes.includes('longtask')) return;
  record.tasks = [];
  const keep = (entries) => { for (const entry of entries) record.tasks.push({ startMs: entry.startTime, durationMs: entry.duration }); };
  record.observer = new PerformanceObserver((list) => keep(list.getEntries()));
  record.observer.observe({ type: 'longtask', buffered: true });
  record.keep = keep;
})();`;

/** Read in the main world once the metrics are in: long tasks, the load event, what is marked. */
const MAIN_WORLD_READ = `(() => {
  const record = window[${JSON.stringify(LONG_TASKS_GLOBAL)}];
  if (record && record.observer) record.keep(record.observer.takeRecords());
  const navigation = performance.getEntriesByType('navigation')[0];
  let highlights = null;
  if (globalThis.CSS && CSS.highlights) {
    highlights = 0;
    for (const highlight of CSS.highlights.values()) highlights += highlight.size;
  }
  return {
    longTasks: record ? record.tasks : null,
    loadEventMs: navigation ? navigation.loadEventEnd : null,
    highlights,
  };
})()`;

/**
 * Read in the main world: scrolls the first Policy Lens mark into the middle of the viewport and
 * returns the centre of its first box, for a pointer to rest on.
 */
const FIRST_MARK_POINT = `(() => {
  if (!globalThis.CSS || !CSS.highlights) return null;
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('policy-lens-') || name === 'policy-lens-flash') continue;
    for (const range of highlight) {
      const element = range.startContainer.parentElement;
      if (element) element.scrollIntoView({ block: 'center' });
      const box = [...range.getClientRects()].find((rect) => rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.bottom <= innerHeight);
      if (box) return { x: box.left + Math.min(box.width / 2, 8), y: box.top + box.height / 2 };
    }
  }
  return null;
})()`;

/** Read in the extension's isolated world: the first card's times, once it showed. */
const FIRST_CARD_READ = `(() => {
  const card = globalThis[${JSON.stringify(TIMING_GLOBAL)}]?.card;
  if (!card || card.shown === null || card.opened === null || card.loadStarted === null) return null;
  return { openToShownMs: card.shown - card.opened, loadToShownMs: card.shown - card.loadStarted };
})()`;
/** How long a first card may take before the load counts as "no card" (the hover delay is 300 ms). */
const FIRST_CARD_TIMEOUT_MS = 5_000;

/** Read in the extension's isolated world. */
const TIMING_READ = `(() => {
  const timing = globalThis[${JSON.stringify(TIMING_GLOBAL)}];
  if (timing === undefined || timing === null) return null;
  return { start: timing.start, firstMarks: timing.firstMarks, settled: timing.settled, earlyReads: timing.earlyReads, textNodes: timing.textNodes };
})()`;

/** An execution context as Runtime.executionContextCreated describes it (the fields used). */
interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string };
}

/** Whether a context is an extension's content-script world (not Playwright's utility world). */
export function isExtensionWorld(context: ExecutionContext, extensionName?: string): boolean {
  if (context.auxData?.type !== 'isolated') return false;
  return context.origin.startsWith('chrome-extension://') || (extensionName !== undefined && context.name === extensionName);
}

/** Starts Chromium for one variant; `extensionDir` undefined means no extension at all. */
export async function launchChromiumVariant(
  variant: Variant,
  extensionDir: string | undefined,
  host: string,
  timing: LoadTiming,
  /** Written to the extension's `storage.local` before any load (imported note packs). */
  storageLocal: Record<string, unknown> = {},
): Promise<PageCostBrowser> {
  const executablePath = findBrowserExecutable('chromium');
  if (!executablePath) throw new Error('No chromium binary found (set CHROME_PATH)');
  const profileDir = await mkdtemp(join(tmpdir(), `policy-lens-bench-${variant}-`));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      ignoreHTTPSErrors: true,
      viewport: VIEWPORT,
      args: chromiumArgs({ extensionDir, hostResolverRules: chromiumHostResolverRules([host]) }),
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await context.close().catch(() => undefined);
    await rm(profileDir, { recursive: true, force: true });
  };
  try {
    if (variant === 'ours') await settleInstall(context, storageLocal);
  } catch (error) {
    await close();
    throw error;
  }
  const version = `Chromium ${context.browser()?.version() ?? 'unknown'}`;
  return {
    variant,
    version,
    load: (url, round) => loadOnce(context, variant, url, round, timing),
    close,
  };
}

/**
 * Waits for Policy Lens's service worker (the extension is up), writes what the run imports into its
 * storage, and waits for the welcome page its first install opens, so that page's work is over before
 * the first load; every load closes stray tabs.
 */
async function settleInstall(context: BrowserContext, storageLocal: Record<string, unknown>): Promise<void> {
  const isExtension = (url: string) => url.startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find((candidate) => isExtension(candidate.url())) ??
    (await context.waitForEvent('serviceworker', { predicate: (candidate) => isExtension(candidate.url()), timeout: 30_000 }).catch(() => {
      throw new Error('Chromium did not start the Policy Lens service worker: is .output/chrome-mv3 a complete build?');
    }));
  if (Object.keys(storageLocal).length > 0) {
    await worker.evaluate(async (items) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
      await api.storage.local.set(items);
    }, storageLocal);
  }
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && !context.pages().some((page) => isExtension(page.url()))) await sleep(100);
  await Promise.all(context.pages().map((page) => page.close().catch(() => undefined)));
}

async function loadOnce(context: BrowserContext, variant: Variant, url: string, round: number, timing: LoadTiming): Promise<LoadSample> {
  // A fresh tab per load; anything else still open (a welcome page, a tab a failed load left) goes first.
  await Promise.all(context.pages().map((page) => page.close().catch(() => undefined)));
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const worlds = new Map<number, string | undefined>();
    cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
      if (isExtensionWorld(created)) worlds.set(created.id, created.auxData?.frameId as string | undefined);
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => worlds.delete(executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => worlds.clear());
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    // Thread CPU time, not wall time: the figures should not grow when another process takes the core.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: LONG_TASK_OBSERVER });
    // In every variant alike: script time as a trace sees it (main-thread-trace.ts).
    const trace = await startMainThreadTrace(cdp);

    await page.goto(url, { waitUntil: 'networkidle', timeout: NAVIGATION_TIMEOUT_MS });
    await sleep(timing.settleMs);

    // The metrics first, before any evaluation of ours adds script time to the page.
    const { metrics } = await cdp.send('Performance.getMetrics');
    const tracedScriptMs = mainThreadScriptMs(await trace.stop(), url);
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? null;
    const seconds = (value: number | null) => (value === null ? null : value * 1000);

    const main = (await evaluate(cdp, MAIN_WORLD_READ)) as {
      longTasks: LongTask[] | null;
      loadEventMs: number | null;
      highlights: number | null;
    };
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const worldId = [...worlds].find(([, frameId]) => frameId === frameTree.frame.id)?.[0];
    const recorded = worldId === undefined ? null : await evaluate(cdp, TIMING_READ, worldId);
    const timingRecord = parseTiming(recorded);

    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    // Last, once per page: every other figure is read, so hovering cannot add to them.
    const firstCard =
      variant === 'ours' && round === 0 && worldId !== undefined && (main.highlights ?? 0) > 0
        ? await measureFirstCard(page, cdp, worldId)
        : null;
    await cdp.detach().catch(() => undefined);
    return {
      variant,
      round,
      scriptMs: seconds(metric('ScriptDuration')),
      tracedScriptMs,
      taskMs: seconds(metric('TaskDuration')),
      styleMs: seconds(metric('RecalcStyleDuration')),
      layoutMs: seconds(metric('LayoutDuration')),
      heapBytes: metric('JSHeapUsedSize'),
      heapAfterGcBytes: heap.usedSize,
      loadEventMs: main.loadEventMs,
      longTasks: main.longTasks,
      // Keep the floor's text-node count (not part of the shared record) for the per-page table.
      timing: timingRecord === null ? null : { ...timingRecord, ...pickTextNodes(recorded) },
      contentScriptRan: variant === 'none' ? null : worldId !== undefined,
      highlights: main.highlights,
      firstCard,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Rests the pointer on the page's first mark and waits for the card; null if none showed. */
async function measureFirstCard(page: Page, cdp: CDPSession, worldId: number): Promise<FirstCardSample | null> {
  const point = (await evaluate(cdp, FIRST_MARK_POINT)) as { x: number; y: number } | null;
  if (point === null) return null;
  await page.mouse.move(point.x - 4, point.y);
  await page.mouse.move(point.x, point.y, { steps: 2 });
  const deadline = Date.now() + FIRST_CARD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const read = (await evaluate(cdp, FIRST_CARD_READ, worldId)) as FirstCardSample | null;
    if (read !== null) return read;
    await sleep(25);
  }
  return null;
}

function pickTextNodes(recorded: unknown): { textNodes?: number } {
  const textNodes = (recorded as { textNodes?: unknown } | null)?.textNodes;
  return typeof textNodes === 'number' ? { textNodes } : {};
}

async function evaluate(cdp: CDPSession, expression: string, contextId?: number): Promise<unknown> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    ...(contextId === undefined ? {} : { contextId }),
  });
  if (exceptionDetails !== undefined) {
    throw new Error(`evaluation failed in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  }
  return result.value ?? null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
