/** The page-cost section as plain text: the summary, the targets, and (with --verbose) one row per page. */
import type { PageCostPage, PageCostSummary, VariantSummary } from './page-cost-figures';
import { TIMING_GLOBAL } from './page-cost-figures';
import { formatMs, formatRatio, formatTable, type Align, type Spread, type TargetResult } from './report';

/** Bytes as B / kB / MB (powers of 1000), signed when asked; "–" when missing. */
export function formatBytes(bytes: number | null | undefined, { signed = false } = {}): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const sign = bytes < 0 ? '−' : signed && bytes > 0 ? '+' : '';
  const size = Math.abs(bytes);
  if (size >= 1e6) return `${sign}${(size / 1e6).toFixed(2)} MB`;
  if (size >= 1e3) return `${sign}${(size / 1e3).toFixed(1)} kB`;
  return `${sign}${size.toFixed(0)} B`;
}

/** Milliseconds with a unit; "–" when missing. */
function ms(value: number | null | undefined): string {
  const shown = formatMs(value);
  return shown === '–' ? shown : `${shown} ms`;
}

/** What the header of the section says about the run. */
export interface PageCostContext {
  browser: string;
  pages: number;
  source: string;
  /** An example URL pages were served at. */
  url: string;
  loads: number;
  settleMs: number;
  contentScripts: { floor: { js: string[]; bytes: number }; ours: { js: string[]; bytes: number } };
  /** Failures, warnings and browser notes, one line each. */
  notes: readonly string[];
}

function scriptsLine(context: PageCostContext): string {
  const one = (name: string, scripts: { js: string[]; bytes: number }) =>
    `${name} ${formatBytes(scripts.bytes)} (${scripts.js.join(', ') || 'none'})`;
  return `Content script evaluated per page load: ${one('floor', context.contentScripts.floor)}; ${one('Policy Lens', context.contentScripts.ours)}.`;
}

/** The Chromium summary: side-by-side figures, baseline, long tasks, targets. */
export function formatPageCostSummary(summary: PageCostSummary, targets: readonly TargetResult[], context: PageCostContext): string {
  const row = (name: string, pick: (variant: VariantSummary) => Spread, format: (value: number) => string) => {
    const floor = pick(summary.floor);
    const ours = pick(summary.ours);
    const pages = floor.pages === ours.pages ? String(floor.pages) : `${floor.pages} / ${ours.pages}`;
    return [name, format(floor.median), format(floor.p90), format(ours.median), format(ours.p90), pages];
  };
  /** A Policy Lens ÷ floor ratio: Policy Lens's columns only. */
  const ratioRow = (name: string, ratio: Spread) => [name, '', '', formatRatio(ratio.median), formatRatio(ratio.p90), String(ratio.pages)];
  const signedBytes = (value: number) => formatBytes(value, { signed: true });
  const table = formatTable(
    ['figure (per page: variant − no extension)', 'floor median', 'floor p90', 'Policy Lens median', 'Policy Lens p90', 'pages'],
    [
      row('added script time (trace: compiling and yield continuations too)', (variant) => variant.addedTracedScriptMs, ms),
      row('added script time (ScriptDuration)', (variant) => variant.addedScriptMs, ms),
      row('added task time (TaskDuration)', (variant) => variant.addedTaskMs, ms),
      row('added style recalculation (RecalcStyleDuration)', (variant) => variant.addedStyleMs, ms),
      row('added layout (LayoutDuration)', (variant) => variant.addedLayoutMs, ms),
      row('added JS heap (JSHeapUsedSize)', (variant) => variant.addedHeapBytes, signedBytes),
      row('added JS heap after a forced GC', (variant) => variant.addedHeapAfterGcBytes, signedBytes),
      row('added time to the load event', (variant) => variant.addedLoadEventMs, ms),
      row('content-script start → first marks', (variant) => variant.timing.firstMarksMs, ms),
      row('content-script start → settled', (variant) => variant.timing.settledMs, ms),
      row('first card: open decision → shown', (variant) => variant.firstCard.openToShownMs, ms),
      row('first card: code starts loading → shown', (variant) => variant.firstCard.loadToShownMs, ms),
      ratioRow('Policy Lens / floor added script time (trace)', summary.tracedScriptRatio),
      ratioRow('Policy Lens / floor added script time (ScriptDuration)', summary.scriptRatio),
      ratioRow('Policy Lens / floor added task time', summary.taskRatio),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  const baseline = summary.baseline;
  const longTasks = (variant: VariantSummary) => {
    const tasks = variant.longTasks;
    if (tasks === null) return 'not reported';
    const longest = tasks.loads > 0 ? `, on ${tasks.pages} pages, longest ${ms(tasks.maxMs)} (${tasks.page})` : '';
    return `${tasks.loads} of ${tasks.totalLoads} loads${longest}`;
  };
  const overlap = (variant: VariantSummary) => (variant.longTasks?.overlapLoads ?? null) === null ? 'n/a' : String(variant.longTasks?.overlapLoads);
  const lines = [
    `Without an extension (medians over pages): script time ${ms(baseline.scriptMs.median)} (trace ${ms(baseline.tracedScriptMs.median)}), task time ${ms(baseline.taskMs.median)}, ` +
      `style recalculation ${ms(baseline.styleMs.median)}, ` +
      `JS heap ${formatBytes(baseline.heapBytes.median)}, load event at ${ms(baseline.loadEventMs.median)}.`,
    `Long tasks (> 50 ms) only with the extension (a load with more long tasks than any no-extension load of the page): ` +
      `floor ${longTasks(summary.floor)}; Policy Lens ${longTasks(summary.ours)}. ` +
      `Loads with a long task overlapping the content script's own run: floor ${overlap(summary.floor)}, Policy Lens ${overlap(summary.ours)}.`,
    `Ratio of the medians (median Policy Lens added ÷ median floor added): script time (trace) ${formatRatio(summary.tracedScriptRatioOfMedians)}, ` +
      `ScriptDuration ${formatRatio(summary.scriptRatioOfMedians)}. Pages left out of the per-page ratios because the floor added no script time there: ` +
      `trace ${summary.pagesWithoutTracedRatio}, ScriptDuration ${summary.pagesWithoutRatio}.`,
    timingHookLine(summary),
  ];
  return [...headerLines(context, 'Chromium'), '', table, '', ...lines, '', formatTargets(targets)].join('\n');
}

function timingHookLine(summary: PageCostSummary): string {
  const timing = summary.ours.timing;
  if (summary.oursTimingHook === 'absent') {
    return `Policy Lens timing: n/a, this build records no ${TIMING_GLOBAL} (first-marks figures need a build with the hook).`;
  }
  const parts = [
    `Policy Lens timing: recorded on ${timing.timedPages} of ${summary.pages} pages${summary.oursTimingHook === 'partial' ? ' (not on every load)' : ''}`,
    `nothing marked on ${timing.nothingMarkedPages}`,
    `storage reads started at document_start in ${timing.earlyReadLoads} of ${timing.timedLoads} timed loads`,
  ];
  if (timing.unsettledLoads > 0) parts.push(`${timing.unsettledLoads} loads had not settled when read (raise --settle-ms)`);
  if (timing.notRunLoads > 0) parts.push(`the content script did not run in ${timing.notRunLoads} loads`);
  return `${parts.join('; ')}.`;
}

function headerLines(context: PageCostContext, kind: 'Chromium' | 'Firefox'): string[] {
  const variants = kind === 'Chromium' ? 'no extension, floor, Policy Lens' : 'floor, Policy Lens';
  return [
    `Page cost — ${context.browser}, ${context.pages} pages from ${context.source}, served as ${context.url}`,
    `Each page loaded ${context.loads}× per variant (${variants}), interleaved, in a fresh tab each time; figures read ` +
      `${context.settleMs} ms after network idle${kind === 'Chromium' ? '; script and task time are the main thread\'s CPU time (DevTools protocol, threadTicks)' : ''}.`,
    scriptsLine(context),
    ...context.notes,
  ];
}

/** The targets table (shared look with the kernel section). */
export function formatTargets(targets: readonly TargetResult[]): string {
  return formatTable(
    ['target', 'goal', 'reached', ''],
    targets.map((target) => [target.name, target.goal, target.shown, target.met === null ? '' : target.met ? 'PASS' : 'MISS']),
  );
}

/** The Firefox summary: the content scripts' own timing only. */
export function formatFirefoxPageCostSummary(summary: PageCostSummary, context: PageCostContext): string {
  const row = (name: string, pick: (variant: VariantSummary) => Spread) => {
    const floor = pick(summary.floor);
    const ours = pick(summary.ours);
    return [name, ms(floor.median), ms(floor.p90), ms(ours.median), ms(ours.p90), `${floor.pages} / ${ours.pages}`];
  };
  const table = formatTable(
    ['figure (median over each page\'s loads)', 'floor median', 'floor p90', 'Policy Lens median', 'Policy Lens p90', 'pages'],
    [
      row('content-script start → first marks', (variant) => variant.timing.firstMarksMs),
      row('content-script start → settled', (variant) => variant.timing.settledMs),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  const firstMarks = summary.ours.timing.firstMarksMs;
  const target =
    summary.oursTimingHook === 'absent'
      ? `first marks ≤ 10 ms after content-script start (median page): n/a, this build records no ${TIMING_GLOBAL}`
      : `first marks ≤ 10 ms after content-script start (median page): ${ms(firstMarks.median)} ` +
        (Number.isFinite(firstMarks.median) ? (firstMarks.median <= 10 ? 'PASS' : 'MISS') : '(nothing marked)');
  return [...headerLines(context, 'Firefox'), '', table, '', timingHookLine(summary), target].join('\n');
}

/** One row per page (--verbose). */
export function formatPageCostTable(pages: readonly PageCostPage[]): string {
  const header = ['page', 'text nodes', 'script (none)', '+script floor', '+script ours', 'ours/floor', '+task ours', '+style ours',
    '+heap ours', 'extra long-task loads floor/ours', 'first marks floor', 'first marks ours', 'settled ours', 'marks ours'];
  const longTasks = (page: PageCostPage) =>
    page.floor.extraLongTaskLoads === null ? '–' : `${page.floor.extraLongTaskLoads}/${page.ours.extraLongTaskLoads ?? '–'}`;
  const rows = pages.map((page) => [
    page.name,
    page.textNodes === null ? '–' : String(page.textNodes),
    formatMs(page.none.scriptMs),
    formatMs(page.floor.addedScriptMs),
    formatMs(page.ours.addedScriptMs),
    page.scriptRatio === null ? '–' : formatRatio(page.scriptRatio),
    formatMs(page.ours.addedTaskMs),
    formatMs(page.ours.addedStyleMs),
    formatBytes(page.ours.addedHeapBytes, { signed: true }),
    longTasks(page),
    formatMs(page.floor.firstMarksMs),
    page.ours.timedLoads === 0 ? 'n/a' : page.ours.firstMarksMs === null ? 'none' : formatMs(page.ours.firstMarksMs),
    page.ours.timedLoads === 0 ? 'n/a' : formatMs(page.ours.settledMs),
    page.ours.highlights === null ? '–' : String(page.ours.highlights),
  ]);
  // Columns a browser measured nothing for (Firefox: every CDP figure) are left out.
  const kept = header.map((_, column) => column === 0 || rows.some((row) => row[column] !== '–'));
  const keep = <T,>(cells: readonly T[]) => cells.filter((_, column) => kept[column]);
  return formatTable(keep(header), rows.map(keep), keep(['left', ...header.slice(1).map((): Align => 'right')]));
}
