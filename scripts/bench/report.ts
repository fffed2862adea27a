/**
 * Turns per-page figures into the summary the issue asks for (medians and
 * p90 over pages with at least 200 text nodes, ratios measured side by side
 * on each page), checks the targets, and formats both as plain-text tables.
 */
import type { PageFigures } from './measure';
import { max, median, p90 } from './stats';

/** Pages with fewer text nodes are too small for a per-node cost to mean anything; they stay out of the summary. */
export const MIN_TEXT_NODES = 200;

/** Median and p90 of one figure over the summarized pages. */
export interface Spread {
  median: number;
  p90: number;
  /** Pages the figure exists for. */
  pages: number;
}

/** The run in a few numbers. */
export interface BenchSummary {
  pagesMeasured: number;
  /** Pages with at least `MIN_TEXT_NODES` text nodes: the ones every spread below is over. */
  pagesSummarized: number;
  walkMs: Spread;
  /** Diagnostic: the walk plus every element's computed display. */
  walkStyleMs: Spread;
  /** Diagnostic: block reading alone (find without the matcher). */
  readMs: Spread;
  findMs: Spread;
  totalMs: Spread;
  markjsMs: Spread;
  walkStylePerWalk: Spread;
  readPerWalk: Spread;
  /** Per page T_find / T_walk, then median and p90 over pages. */
  findPerWalk: Spread;
  totalPerWalk: Spread;
  /** Per page T_mark.js / T_total: how many times faster the whole job is than mark.js. */
  markjsSpeedup: Spread;
  /** Longest slice of our first scan (per page the median of its fresh loads), over every measured page. */
  longestSlice: { ms: number; page: string };
  /** The longest slice of any single load: noise from the shared machine included. */
  longestSliceAnyLoad: { ms: number; page: string };
  /** The same with the matcher's one-time compile taken out of the slice that ran it. */
  longestSliceWithoutCompile: { ms: number; page: string };
  /** The matcher compile inside the first scan, over every page. */
  compileMs: Spread & { max: number };
  /** Browser-reported long tasks during our first scans, over every page; null where unsupported. */
  longTasks: { count: number; maxMs: number; page: string } | null;
  incrementalMs: Spread & { max: number; page: string };
  /** Append + the style work the scanner forces, with no marker: what any reaction to the change costs. */
  incrementalFloorMs: Spread;
  /** Per page incremental minus its floor: our own share. */
  incrementalOverFloorMs: Spread;
}

/** One target of the issue, met or missed. */
export interface TargetResult {
  name: string;
  /** The target as written in the issue. */
  goal: string;
  value: number;
  /** How `value` reads (e.g. "2.1× walk"). */
  shown: string;
  /** Null when the run measured nothing to judge (e.g. mark.js ran on no summarized page). */
  met: boolean | null;
}

function spread(values: readonly number[]): Spread {
  return { median: median(values), p90: p90(values), pages: values.length };
}

function argmax<T>(items: readonly T[], value: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || value(item) > value(best)) best = item;
  return best;
}

/** Summarizes the measured pages. */
export function summarize(pages: readonly PageFigures[], minTextNodes = MIN_TEXT_NODES): BenchSummary {
  const counted = pages.filter((page) => page.info.textNodes >= minTextNodes);
  const withMarkjs = counted.filter((page) => page.markjs !== null);
  const slowestSlice = argmax(pages, (page) => page.longest.sliceMaxMs);
  const slowestLoad = argmax(pages, (page) => max(page.loads.map((load) => load.sliceMaxMs)));
  const slowestSliceWithoutCompile = argmax(pages, (page) => page.longest.sliceMaxWithoutCompileMs);
  const compileMs = pages.map((page) => page.longest.compileMs);
  const withLongTaskApi = pages.filter((page) => page.longest.longTasks !== null);
  const worstLongTask = argmax(withLongTaskApi, (page) => page.longest.longTaskMaxMs ?? 0);
  const slowestIncremental = argmax(pages, (page) => page.incremental.ms);
  return {
    pagesMeasured: pages.length,
    pagesSummarized: counted.length,
    walkMs: spread(counted.map((page) => page.walk.ms)),
    walkStyleMs: spread(counted.map((page) => page.walkStyle.ms)),
    readMs: spread(counted.map((page) => page.read.ms)),
    findMs: spread(counted.map((page) => page.find.ms)),
    totalMs: spread(counted.map((page) => page.total.ms)),
    markjsMs: spread(withMarkjs.map((page) => page.markjs?.ms ?? Number.NaN)),
    walkStylePerWalk: spread(counted.map((page) => page.walkStyle.ms / page.walk.ms)),
    readPerWalk: spread(counted.map((page) => page.read.ms / page.walk.ms)),
    findPerWalk: spread(counted.map((page) => page.find.ms / page.walk.ms)),
    totalPerWalk: spread(counted.map((page) => page.total.ms / page.walk.ms)),
    markjsSpeedup: spread(withMarkjs.map((page) => (page.markjs?.ms ?? Number.NaN) / page.total.ms)),
    longestSlice: { ms: slowestSlice?.longest.sliceMaxMs ?? Number.NaN, page: slowestSlice?.name ?? '' },
    longestSliceAnyLoad: {
      ms: slowestLoad ? max(slowestLoad.loads.map((load) => load.sliceMaxMs)) : Number.NaN,
      page: slowestLoad?.name ?? '',
    },
    longestSliceWithoutCompile: {
      ms: slowestSliceWithoutCompile?.longest.sliceMaxWithoutCompileMs ?? Number.NaN,
      page: slowestSliceWithoutCompile?.name ?? '',
    },
    compileMs: { ...spread(compileMs), max: max(compileMs) },
    longTasks: worstLongTask
      ? {
          count: withLongTaskApi.reduce((sum, page) => sum + (page.longest.longTasks ?? 0), 0),
          maxMs: worstLongTask.longest.longTaskMaxMs ?? 0,
          page: (worstLongTask.longest.longTasks ?? 0) > 0 ? worstLongTask.name : '',
        }
      : null,
    incrementalMs: {
      ...spread(counted.map((page) => page.incremental.ms)),
      max: max(pages.map((page) => page.incremental.ms)),
      page: slowestIncremental?.name ?? '',
    },
    incrementalFloorMs: spread(counted.map((page) => page.incrementalFloor.ms)),
    incrementalOverFloorMs: spread(counted.map((page) => page.incremental.ms - page.incrementalFloor.ms)),
  };
}

/** The targets, checked against the summary. */
export function evaluateTargets(summary: BenchSummary): TargetResult[] {
  const ratio = (value: number, unit: string) => `${formatRatio(value)} ${unit}`;
  const targets: TargetResult[] = [
    {
      name: 'T_find',
      goal: '≤ 5× T_walk (median)',
      value: summary.findPerWalk.median,
      shown: ratio(summary.findPerWalk.median, 'T_walk'),
      met: summary.findPerWalk.median <= 5,
    },
    {
      name: 'T_total',
      goal: '≤ 8× T_walk (median)',
      value: summary.totalPerWalk.median,
      shown: ratio(summary.totalPerWalk.median, 'T_walk'),
      met: summary.totalPerWalk.median <= 8,
    },
    {
      name: 'vs mark.js',
      goal: '≥ 300× faster (median)',
      value: summary.markjsSpeedup.median,
      shown: ratio(summary.markjsSpeedup.median, 'faster'),
      met: summary.markjsSpeedup.median >= 300,
    },
    {
      name: 'longest task',
      goal: '≤ 50 ms on every page',
      value: summary.longestSlice.ms,
      shown: `${formatMs(summary.longestSlice.ms)} ms max (${summary.longestSlice.page})`,
      met: summary.longestSlice.ms <= 50,
    },
    {
      name: 'incremental',
      goal: '≤ 1 ms (median)',
      value: summary.incrementalMs.median,
      shown: `${formatMs(summary.incrementalMs.median)} ms`,
      met: summary.incrementalMs.median <= 1,
    },
  ];
  return targets.map((target) => (Number.isNaN(target.value) ? { ...target, shown: 'not measured', met: null } : target));
}

/** Milliseconds with about three significant digits; "–" for a missing figure. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const magnitude = Math.abs(ms);
  if (magnitude >= 100) return ms.toFixed(0);
  if (magnitude >= 10) return ms.toFixed(1);
  if (magnitude >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** A ratio like "3.4×"; "–" when missing. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}×`;
}

/** Column alignment: text left, numbers right. */
export type Align = 'left' | 'right';

/** A plain-text table: padded columns, a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((title, column) =>
    Math.max([...title].length, ...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        const padding = ' '.repeat(width - [...cell].length);
        return (align[column] ?? 'left') === 'right' ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** One row per page: every per-page figure (ms per iteration unless marked). */
export function formatPageTable(pages: readonly PageFigures[], minTextNodes = MIN_TEXT_NODES): string {
  const header = ['page', 'text nodes', 'walk', 'walk+style', 'read', 'find', 'total', 'mark.js', 'find/walk', 'total/walk',
    'mark.js/total', 'marks', 'mark.js marks', 'slice max', 'w/o compile', 'long tasks', 'incr', 'incr floor', 'incr marks'];
  const rows = pages.map((page) => [
    page.info.textNodes >= minTextNodes ? page.name : `${page.name} (<${minTextNodes})`,
    String(page.info.textNodes),
    formatMs(page.walk.ms),
    formatMs(page.walkStyle.ms),
    formatMs(page.read.ms),
    formatMs(page.find.ms),
    formatMs(page.total.ms),
    formatMs(page.markjs?.ms),
    formatRatio(page.find.ms / page.walk.ms),
    formatRatio(page.total.ms / page.walk.ms),
    page.markjs ? formatRatio(page.markjs.ms / page.total.ms) : '–',
    String(page.total.count),
    page.markjs ? String(page.markjs.count) : '–',
    formatMs(page.longest.sliceMaxMs),
    formatMs(page.longest.sliceMaxWithoutCompileMs),
    page.longest.longTasks === null ? '–' : `${page.longest.longTasks} (${formatMs(page.longest.longTaskMaxMs)})`,
    formatMs(page.incremental.ms),
    formatMs(page.incrementalFloor.ms),
    String(page.incremental.addedMarks),
  ]);
  return formatTable(header, rows, ['left', ...header.slice(1).map((): Align => 'right')]);
}

/** The summary table and the targets, as printed at the end of a run. */
export function formatSummary(summary: BenchSummary, targets: readonly TargetResult[]): string {
  const row = (name: string, value: Spread, format: (n: number) => string) => [
    name,
    format(value.median),
    format(value.p90),
    String(value.pages),
  ];
  const ms = (value: number) => `${formatMs(value)} ms`;
  const summaryTable = formatTable(
    ['figure', 'median', 'p90', 'pages'],
    [
      row('T_walk (TreeWalker floor)', summary.walkMs, ms),
      row('  walk + computed display', summary.walkStyleMs, ms),
      row('  block reading alone', summary.readMs, ms),
      row('T_find (matcher, no marking)', summary.findMs, ms),
      row('T_total (find + mark + layout)', summary.totalMs, ms),
      row('mark.js (same terms)', summary.markjsMs, ms),
      row('  walk + computed display / T_walk', summary.walkStylePerWalk, formatRatio),
      row('  block reading / T_walk', summary.readPerWalk, formatRatio),
      row('T_find / T_walk', summary.findPerWalk, formatRatio),
      row('T_total / T_walk', summary.totalPerWalk, formatRatio),
      row('mark.js / T_total', summary.markjsSpeedup, formatRatio),
      row('incremental (+30 paragraphs)', summary.incrementalMs, ms),
      row('  floor: append + forced style', summary.incrementalFloorMs, ms),
      row('  incremental minus floor', summary.incrementalOverFloorMs, ms),
    ],
    ['left', 'right', 'right', 'right'],
  );
  const longTasks = summary.longTasks;
  const extremes = [
    `longest slice of a first scan (median of each page's fresh loads): ${formatMs(summary.longestSlice.ms)} ms ` +
      `(${summary.longestSlice.page}); without the matcher compile: ${formatMs(summary.longestSliceWithoutCompile.ms)} ms ` +
      `(${summary.longestSliceWithoutCompile.page}); in any single load: ${formatMs(summary.longestSliceAnyLoad.ms)} ms ` +
      `(${summary.longestSliceAnyLoad.page})`,
    `matcher compile inside the first scan: median ${formatMs(summary.compileMs.median)} ms, max ${formatMs(summary.compileMs.max)} ms`,
    longTasks === null
      ? 'browser long tasks (>= 50 ms) during first scans: not reported by this browser'
      : `browser long tasks (>= 50 ms) during first scans: ${longTasks.count}` +
        (longTasks.count > 0 ? `, longest ${formatMs(longTasks.maxMs)} ms (${longTasks.page})` : ''),
    `slowest incremental update: ${formatMs(summary.incrementalMs.max)} ms (${summary.incrementalMs.page})`,
  ];
  const targetTable = formatTable(
    ['target', 'goal', 'reached', ''],
    targets.map((target) => [target.name, target.goal, target.shown, target.met === null ? '' : target.met ? 'PASS' : 'MISS']),
  );
  return [
    `Summary over ${summary.pagesSummarized} of ${summary.pagesMeasured} pages (those with >= ${MIN_TEXT_NODES} text nodes); ms per run`,
    summaryTable,
    '',
    ...extremes,
    '',
    targetTable,
  ].join('\n');
}
