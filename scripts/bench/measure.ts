/**
 * Measures one page: loads it fresh a few times, injecting the highlight
 * styles, mark.js and the kernels bundle, and runs the scanner's real first
 * scan on each load (longest task); then, in the last load, samples the
 * looped kernels side by side and takes medians.
 */
import type { BenchBrowser, BenchTab } from './browsers';
import type { CorpusPage } from './corpus';
import type { PageServer } from './page-server';
import {
  BENCH_GLOBAL,
  type BenchApi,
  type IncrementalResult,
  type LongestTaskResult,
  type LoopKernel,
  type PageInfo,
  type Sample,
  type SampleOptions,
} from './protocol';
import { median } from './stats';

/** Scripts and styles put into every page before measuring. */
export interface PageAssets {
  kernels: string;
  markjs: string;
  /** The content script's highlight styles, so marks paint as they would with the extension. */
  highlightCss: string;
}

/** How to sample one page. */
export interface MeasureOptions {
  runs: number;
  /** 0 skips mark.js on this page. */
  markjsRuns: number;
  sampleMs: number;
}

/** The median per-iteration time of each kernel, and the samples behind it. */
export interface KernelFigure {
  ms: number;
  /** What the kernel produced: text nodes (walk), mentions (find), marks shown (total, mark.js). */
  count: number;
  samples: number[];
  iterationsPerSample: number;
}

/** Everything measured on one page. */
export interface PageFigures {
  name: string;
  info: PageInfo;
  walk: KernelFigure;
  /** Diagnostic: the walk plus every element's computed display. */
  walkStyle: KernelFigure;
  /** Diagnostic: find's block reading without the matcher. */
  read: KernelFigure;
  find: KernelFigure;
  total: KernelFigure;
  /** Null when mark.js was not run on this page (see `--markjs-pages`) or failed there. */
  markjs: KernelFigure | null;
  /** Why mark.js failed on this page (it alone: our kernels are measured all the same); null when it did not. */
  markjsError: string | null;
  /** The first scan of the fresh load whose longest slice is the median of `FRESH_LOADS`. */
  longest: LongestTaskResult;
  /** Every fresh load's first scan, in load order. */
  loads: LongestTaskResult[];
  incremental: KernelFigure & Pick<IncrementalResult, 'addedMarks' | 'container'>;
  /** The same append with no marker, plus the style recalculation the scanner forces. */
  incrementalFloor: KernelFigure;
}

/** A page that could not be measured, and why. */
export interface PageFailure {
  name: string;
  error: string;
}

const SIDE_BY_SIDE: readonly LoopKernel[] = ['walk', 'walkStyle', 'read', 'find', 'total'];
/**
 * Fresh loads per page for the longest task. On a shared machine one slice
 * now and then is stretched by the OS running something else; a long slice
 * of ours shows up in most loads, a preemption in one.
 */
export const FRESH_LOADS = 5;
/** No sample loops past this many iterations, however fast the kernel. */
const MAX_ITERATIONS = 100_000;

/** Calls one method of the page's bench API with JSON arguments. */
function call<Method extends keyof BenchApi>(
  tab: BenchTab,
  method: Method,
  ...args: Parameters<BenchApi[Method]>
): Promise<Awaited<ReturnType<BenchApi[Method]>>> {
  return tab.evaluate(`window.${BENCH_GLOBAL}.${method}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
}

function styleInstaller(css: string): string {
  return `(() => {
    const style = document.createElement('style');
    style.textContent = ${JSON.stringify(css)};
    (document.head ?? document.documentElement).append(style);
  })()`;
}

function figure(samples: readonly Sample[]): KernelFigure {
  const last = samples[samples.length - 1];
  return {
    ms: median(samples.map((sample) => sample.perIterationMs)),
    count: last?.count ?? 0,
    samples: samples.map((sample) => sample.perIterationMs),
    iterationsPerSample: Math.round(median(samples.map((sample) => sample.iterations))),
  };
}

/** Measures `page` in a fresh tab of `browser`. */
export async function measurePage(
  browser: BenchBrowser,
  server: PageServer,
  page: CorpusPage,
  assets: PageAssets,
  options: MeasureOptions,
): Promise<PageFigures> {
  const loads: LongestTaskResult[] = [];
  let tab: BenchTab | null = null;
  try {
    for (let load = 0; load < FRESH_LOADS; load += 1) {
      await tab?.close();
      tab = null;
      tab = await openPrepared(browser, server, page, assets);
      // First thing on the fresh page, while our code is cold, as when the content script starts.
      loads.push(await call(tab, 'longestTask'));
    }
    if (!tab) throw new Error('no fresh load');
    const info = await call(tab, 'info');

    const loop: SampleOptions = { minMs: options.sampleMs, maxIterations: MAX_ITERATIONS };
    for (const kernel of SIDE_BY_SIDE) await call(tab, 'sample', kernel, loop);
    const samples = new Map<LoopKernel, Sample[]>(SIDE_BY_SIDE.map((kernel) => [kernel, []]));
    // Interleaved, so a burst of noise from the shared machine hits every kernel alike.
    for (let run = 0; run < options.runs; run += 1) {
      for (const kernel of SIDE_BY_SIDE) samples.get(kernel)?.push(await call(tab, 'sample', kernel, loop));
    }

    await call(tab, 'incremental', loop);
    await call(tab, 'incrementalFloor', loop);
    const incremental: IncrementalResult[] = [];
    const incrementalFloor: Sample[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      incremental.push(await call(tab, 'incremental', loop));
      incrementalFloor.push(await call(tab, 'incrementalFloor', loop));
    }

    // Last: mark.js rewrites the DOM, and `unmark` does not give back the same text nodes.
    const markjs: Sample[] = [];
    let markjsError: string | null = null;
    try {
      for (let run = 0; run < options.markjsRuns; run += 1) markjs.push(await call(tab, 'sample', 'markjs', loop));
    } catch (error) {
      // mark.js builds one regular expression from all 741 terms; on some pages V8 runs out of stack
      // inside it ("Maximum call stack size exceeded", no script frame of ours). The comparison is lost
      // for that page, not the page's own figures.
      markjsError = (error instanceof Error ? error.message : String(error)).replace(/^page\.evaluate: /, '').split('\n')[0] ?? '';
      markjs.length = 0;
    }

    const lastIncremental = incremental[incremental.length - 1];
    return {
      name: page.name,
      info,
      walk: figure(samples.get('walk') ?? []),
      walkStyle: figure(samples.get('walkStyle') ?? []),
      read: figure(samples.get('read') ?? []),
      find: figure(samples.get('find') ?? []),
      total: figure(samples.get('total') ?? []),
      markjs: markjs.length > 0 ? figure(markjs) : null,
      markjsError,
      longest: medianLoad(loads),
      loads,
      incremental: {
        ...figure(incremental),
        addedMarks: lastIncremental?.addedMarks ?? 0,
        container: lastIncremental?.container ?? 'body',
      },
      incrementalFloor: figure(incrementalFloor),
    };
  } finally {
    await tab?.close();
  }
}

/** Opens `page` in a new tab with our styles and scripts in it. */
async function openPrepared(browser: BenchBrowser, server: PageServer, page: CorpusPage, assets: PageAssets): Promise<BenchTab> {
  const tab = await browser.open(server.serve(page.html));
  try {
    await tab.evaluate(styleInstaller(assets.highlightCss));
    await tab.evaluate(assets.markjs);
    await tab.evaluate(assets.kernels);
    return tab;
  } catch (error) {
    await tab.close();
    throw error;
  }
}

/** The load whose longest slice is the median (the lower middle one for an even count). */
export function medianLoad(loads: readonly LongestTaskResult[]): LongestTaskResult {
  const sorted = [...loads].sort((a, b) => a.sliceMaxMs - b.sliceMaxMs);
  const middle = sorted[(sorted.length - 1) >> 1];
  if (!middle) throw new Error('no load to take the median of');
  return middle;
}
