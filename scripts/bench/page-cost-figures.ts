/**
 * The page-cost section's arithmetic, kept pure for unit tests: what one
 * page load measured (a `LoadSample`), per-page figures for each variant
 * (medians over the page's loads, "added" = variant minus no extension),
 * the summary over pages, and the targets.
 *
 * Variants, loaded side by side in one run: no extension at all, the floor
 * extension (scripts/bench/floor-extension: a content script that only walks
 * and reads every text node), and the production build of Policy Lens.
 */
import { formatMs, formatRatio, type Spread, type TargetResult } from './report';
import { max, median, p90 } from './stats';

/** What a page is loaded with. */
export type Variant = 'none' | 'floor' | 'ours';
/** Every variant, in the order a round starts from. */
export const VARIANTS: readonly Variant[] = ['none', 'floor', 'ours'];
/** The variants with an extension, i.e. a content script of their own. */
export type ExtensionVariant = Exclude<Variant, 'none'>;

/** Names for the report. */
export const VARIANT_LABELS: Readonly<Record<Variant, string>> = {
  none: 'no extension',
  floor: 'floor',
  ours: 'Policy Lens',
};

/** The global both content scripts record their own timing under, in their isolated world. */
export const TIMING_GLOBAL = '__policyLensBenchTiming';

/** `globalThis.__policyLensBenchTiming` as read from a content script's world (performance.now() values). */
export interface ContentScriptTiming {
  /** First line of the content script. */
  start: number;
  /** When the first scan's marks were registered (the floor: when its walk was done); null when nothing was marked. */
  firstMarks: number | null;
  /** When the first scan finished; null while it has not. */
  settled: number | null;
  /**
   * Whether Policy Lens's storage reads were the ones started at document_start (src/content/start-reads.ts);
   * null when the record does not say (the floor, an older build).
   */
  earlyReads: boolean | null;
}

/** A `longtask` entry (every one is longer than 50 ms). */
export interface LongTask {
  startMs: number;
  durationMs: number;
}

/** Everything one load of one page in one variant measured; null where the browser cannot tell. */
export interface LoadSample {
  variant: Variant;
  /** Which repeat (0-based); within a round every variant loads the page once. */
  round: number;
  /** Main-thread time in script (CDP ScriptDuration, thread CPU time), from navigation to the read. */
  scriptMs: number | null;
  /**
   * Main-thread time in script as a trace of the load sees it (main-thread-trace.ts: compiling,
   * microtasks and `scheduler.yield()` continuations included, child frames' error pages left out;
   * thread CPU time). Null where no trace was read.
   */
  tracedScriptMs: number | null;
  /** Main-thread time in tasks of any kind (CDP TaskDuration, thread CPU time). */
  taskMs: number | null;
  /** Main-thread time recalculating style (CDP RecalcStyleDuration): what stylesheets cost, ours included. */
  styleMs: number | null;
  /** Main-thread time in layout (CDP LayoutDuration). */
  layoutMs: number | null;
  /** CDP JSHeapUsedSize when the load had settled. */
  heapBytes: number | null;
  /** Used JS heap right after a forced GC (read after everything else). */
  heapAfterGcBytes: number | null;
  /** The navigation's loadEventEnd (ms since navigation start). */
  loadEventMs: number | null;
  /** Long tasks the page saw; null where the browser reports none ('longtask' unsupported). */
  longTasks: LongTask[] | null;
  /** The content script's own timing; null without an extension or when its script records none. */
  timing: ContentScriptTiming | null;
  /** Whether the extension's content script ran in the page (its world exists); null with no extension. */
  contentScriptRan: boolean | null;
  /** Ranges in the page's highlight registry after the load (what the reader sees marked); null if unread. */
  highlights: number | null;
  /**
   * The page's first hover card, measured once per page (Policy Lens, first round, after every other
   * figure was read): null where it was not measured or no card showed.
   */
  firstCard?: FirstCardSample | null;
}

/** A first hover card: from the open decision (hover intent) and from the start of loading its code, to shown. */
export interface FirstCardSample {
  openToShownMs: number;
  loadToShownMs: number;
}

/** Medians over one variant's loads of one page. NaN where nothing was measured. */
export interface VariantFigures {
  loads: number;
  scriptMs: number;
  tracedScriptMs: number;
  taskMs: number;
  styleMs: number;
  layoutMs: number;
  heapBytes: number;
  heapAfterGcBytes: number;
  loadEventMs: number;
  /** Loads that saw at least one long task; null where long tasks are not reported. */
  longTaskLoads: number | null;
  /** Most long tasks in a single load; null where not reported. */
  maxLongTasks: number | null;
  /** Loads whose content script recorded its timing. */
  timedLoads: number;
  /** Timed loads in which nothing was marked (`firstMarks` null). */
  nothingMarkedLoads: number;
  /** Timed loads whose storage reads had started at document_start. */
  earlyReadLoads: number;
  /** Timed loads whose first scan had not finished when the metrics were read: raise --settle-ms. */
  unsettledLoads: number;
  /** Loads where the content script never ran (no world of its own in the page). */
  notRunLoads: number;
  /** Median of `firstMarks - start` over timed loads that marked something; null if none did. */
  firstMarksMs: number | null;
  /** Median of `settled - start` over timed loads that settled; null if none did. */
  settledMs: number | null;
  /** Median highlight ranges; null if unread. */
  highlights: number | null;
  /** The first card on this page (open → shown, load start → shown); null where not measured. */
  firstCard: FirstCardSample | null;
}

/** An extension variant: its own figures plus what it adds over the page's no-extension loads. */
export interface ExtensionFigures extends VariantFigures {
  addedScriptMs: number;
  addedTracedScriptMs: number;
  addedTaskMs: number;
  addedStyleMs: number;
  addedLayoutMs: number;
  addedHeapBytes: number;
  addedHeapAfterGcBytes: number;
  addedLoadEventMs: number;
  /**
   * Loads with a long task the no-extension loads of this page do not have: more long tasks than
   * any no-extension load of the page saw. Null where long tasks are not reported.
   */
  extraLongTaskLoads: number | null;
  /** The longest long task in those loads; null when there is none. */
  extraLongTaskMaxMs: number | null;
  /** Loads with a long task overlapping the content script's own run (start → settled); null without timing or long tasks. */
  overlapLongTaskLoads: number | null;
}

/** One page's figures in every variant. */
export interface PageCostPage {
  name: string;
  /** Text nodes the floor walked (from its timing record); null if it recorded none. */
  textNodes: number | null;
  none: VariantFigures;
  floor: ExtensionFigures;
  ours: ExtensionFigures;
  /** ours.addedScriptMs / floor.addedScriptMs; null when the floor added no measurable script time. */
  scriptRatio: number | null;
  /** The same from the traced script time: the figure the script targets are judged on when there is one. */
  tracedScriptRatio: number | null;
  /**
   * ours.addedTaskMs / floor.addedTaskMs: the cross-check on `scriptRatio`, since ScriptDuration
   * leaves out compiling and code run as a `scheduler.yield()` continuation, and task time does not.
   */
  taskRatio: number | null;
}

/** Reads a timing record from whatever the page returned: null unless it has the expected shape. */
export function parseTiming(value: unknown): ContentScriptTiming | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const start = record.start;
  if (typeof start !== 'number' || !Number.isFinite(start)) return null;
  const optional = (field: unknown): number | null | undefined =>
    field === null || field === undefined ? null : typeof field === 'number' && Number.isFinite(field) ? field : undefined;
  const firstMarks = optional(record.firstMarks);
  const settled = optional(record.settled);
  if (firstMarks === undefined || settled === undefined) return null;
  const earlyReads = typeof record.earlyReads === 'boolean' ? record.earlyReads : null;
  return { start, firstMarks, settled, earlyReads };
}

/**
 * The order of loads for one page: `rounds` rounds, each loading the page once in every
 * variant, the starting variant rotating from round to round so none always goes first.
 */
export function loadOrder(rounds: number, variants: readonly Variant[] = VARIANTS): Array<{ round: number; variant: Variant }> {
  const order: Array<{ round: number; variant: Variant }> = [];
  for (let round = 0; round < rounds; round += 1) {
    for (let step = 0; step < variants.length; step += 1) {
      order.push({ round, variant: variants[(round + step) % variants.length] as Variant });
    }
  }
  return order;
}

function medianOf(values: ReadonlyArray<number | null>): number {
  return median(values.filter((value): value is number => value !== null && Number.isFinite(value)));
}

function nullableMedian(values: readonly number[]): number | null {
  return values.length === 0 ? null : median(values);
}

/** Medians and counts over one variant's loads of one page. */
export function variantFigures(loads: readonly LoadSample[]): VariantFigures {
  const reported = loads.filter((load) => load.longTasks !== null);
  const timed = loads.filter((load) => load.timing !== null);
  const marked = timed.filter((load) => load.timing?.firstMarks !== null);
  const settled = timed.filter((load) => load.timing?.settled !== null);
  const highlights = loads.map((load) => load.highlights).filter((value): value is number => value !== null);
  return {
    loads: loads.length,
    scriptMs: medianOf(loads.map((load) => load.scriptMs)),
    tracedScriptMs: medianOf(loads.map((load) => load.tracedScriptMs)),
    taskMs: medianOf(loads.map((load) => load.taskMs)),
    styleMs: medianOf(loads.map((load) => load.styleMs)),
    layoutMs: medianOf(loads.map((load) => load.layoutMs)),
    heapBytes: medianOf(loads.map((load) => load.heapBytes)),
    heapAfterGcBytes: medianOf(loads.map((load) => load.heapAfterGcBytes)),
    loadEventMs: medianOf(loads.map((load) => load.loadEventMs)),
    longTaskLoads: reported.length === 0 ? null : reported.filter((load) => (load.longTasks?.length ?? 0) > 0).length,
    maxLongTasks: reported.length === 0 ? null : Math.max(...reported.map((load) => load.longTasks?.length ?? 0)),
    timedLoads: timed.length,
    nothingMarkedLoads: timed.length - marked.length,
    earlyReadLoads: timed.filter((load) => load.timing?.earlyReads === true).length,
    unsettledLoads: timed.length - settled.length,
    notRunLoads: loads.filter((load) => load.contentScriptRan === false).length,
    firstMarksMs: nullableMedian(marked.map((load) => (load.timing?.firstMarks ?? 0) - (load.timing?.start ?? 0))),
    settledMs: nullableMedian(settled.map((load) => (load.timing?.settled ?? 0) - (load.timing?.start ?? 0))),
    highlights: highlights.length === 0 ? null : median(highlights),
    firstCard: loads.find((load) => load.firstCard)?.firstCard ?? null,
  };
}

/**
 * The long tasks of `load` that the page's no-extension loads do not explain: those beyond the
 * most long tasks any no-extension load saw. Which ones they are cannot be told apart by count,
 * so the longest are taken. Null where long tasks are not reported.
 */
export function extraLongTasks(load: LoadSample, noneLoads: readonly LoadSample[]): LongTask[] | null {
  if (load.longTasks === null) return null;
  const baseline = Math.max(0, ...noneLoads.map((none) => none.longTasks?.length ?? 0));
  const extra = load.longTasks.length - baseline;
  if (extra <= 0) return [];
  return [...load.longTasks].sort((a, b) => b.durationMs - a.durationMs).slice(0, extra);
}

/** Whether a long task overlaps the content script's own run, from its first line until it settled (or the read). */
export function overlapsContentScript(task: LongTask, timing: ContentScriptTiming): boolean {
  const end = timing.settled ?? Number.POSITIVE_INFINITY;
  return task.startMs + task.durationMs > timing.start && task.startMs < end;
}

/** An extension variant's figures on one page, against that page's no-extension loads. */
export function extensionFigures(loads: readonly LoadSample[], noneLoads: readonly LoadSample[]): ExtensionFigures {
  const own = variantFigures(loads);
  const none = variantFigures(noneLoads);
  const extras = loads.map((load) => extraLongTasks(load, noneLoads)).filter((tasks): tasks is LongTask[] => tasks !== null);
  const extraDurations = extras.flat().map((task) => task.durationMs);
  const overlapping = loads.filter((load) => load.longTasks !== null && load.timing !== null);
  return {
    ...own,
    addedScriptMs: own.scriptMs - none.scriptMs,
    addedTracedScriptMs: own.tracedScriptMs - none.tracedScriptMs,
    addedTaskMs: own.taskMs - none.taskMs,
    addedStyleMs: own.styleMs - none.styleMs,
    addedLayoutMs: own.layoutMs - none.layoutMs,
    addedHeapBytes: own.heapBytes - none.heapBytes,
    addedHeapAfterGcBytes: own.heapAfterGcBytes - none.heapAfterGcBytes,
    addedLoadEventMs: own.loadEventMs - none.loadEventMs,
    extraLongTaskLoads: loads.every((load) => load.longTasks === null) ? null : extras.filter((tasks) => tasks.length > 0).length,
    extraLongTaskMaxMs: extraDurations.length === 0 ? null : max(extraDurations),
    overlapLongTaskLoads:
      overlapping.length === 0
        ? null
        : overlapping.filter((load) =>
            (load.longTasks ?? []).some((task) => load.timing !== null && overlapsContentScript(task, load.timing)),
          ).length,
  };
}

/** Ratio of two added times (script or task); null when the floor added nothing measurable (≤ 0). */
export function addedRatio(ours: number, floor: number): number | null {
  if (!Number.isFinite(ours) || !Number.isFinite(floor) || floor <= 0) return null;
  return ours / floor;
}

/** One page's figures from all of its loads. */
export function pageCostFigures(name: string, samples: readonly LoadSample[]): PageCostPage {
  const of = (variant: Variant) => samples.filter((sample) => sample.variant === variant);
  const none = of('none');
  const floor = extensionFigures(of('floor'), none);
  const ours = extensionFigures(of('ours'), none);
  const floorRecord = of('floor').find((sample) => sample.timing !== null)?.timing as (ContentScriptTiming & { textNodes?: unknown }) | undefined;
  return {
    name,
    textNodes: typeof floorRecord?.textNodes === 'number' ? floorRecord.textNodes : null,
    none: variantFigures(none),
    floor,
    ours,
    scriptRatio: addedRatio(ours.addedScriptMs, floor.addedScriptMs),
    tracedScriptRatio: addedRatio(ours.addedTracedScriptMs, floor.addedTracedScriptMs),
    taskRatio: addedRatio(ours.addedTaskMs, floor.addedTaskMs),
  };
}

/** Long tasks only an extension brings, over every page. */
export interface LongTaskSummary {
  /** Loads with an extra long task (see `extraLongTasks`), over all pages. */
  loads: number;
  /** Every load of the variant. */
  totalLoads: number;
  /** Pages with at least one such load. */
  pages: number;
  maxMs: number | null;
  /** The page of the longest one ('' when none). */
  page: string;
  /** Loads with a long task overlapping the content script's own run; null without timing. */
  overlapLoads: number | null;
}

/** A content script's own timing over pages. */
export interface TimingSummary {
  /** start → first marks, over pages where something was marked. */
  firstMarksMs: Spread;
  /** start → settled. */
  settledMs: Spread;
  /** Pages with a timing record at all. */
  timedPages: number;
  /** Timed pages where no load marked anything. */
  nothingMarkedPages: number;
  /** Loads (all pages) whose first scan had not settled when read. */
  unsettledLoads: number;
  /** Loads (all pages) where the content script never ran. */
  notRunLoads: number;
  /** Timed loads (all pages), and those whose storage reads had started at document_start. */
  timedLoads: number;
  earlyReadLoads: number;
}

/** What each extension variant costs, over pages. */
export interface VariantSummary {
  addedScriptMs: Spread;
  addedTracedScriptMs: Spread;
  addedTaskMs: Spread;
  addedStyleMs: Spread;
  addedLayoutMs: Spread;
  addedHeapBytes: Spread;
  addedHeapAfterGcBytes: Spread;
  addedLoadEventMs: Spread;
  /** Null where long tasks are not reported. */
  longTasks: LongTaskSummary | null;
  timing: TimingSummary;
  /** The first hover card, over the pages where one was measured. */
  firstCard: { openToShownMs: Spread; loadToShownMs: Spread };
}

/** The page-cost section in a few numbers. */
export interface PageCostSummary {
  pages: number;
  /** The no-extension loads: what the page costs by itself. */
  baseline: { scriptMs: Spread; tracedScriptMs: Spread; taskMs: Spread; styleMs: Spread; heapBytes: Spread; loadEventMs: Spread };
  floor: VariantSummary;
  ours: VariantSummary;
  /** Per page ours/floor added script time, then median and p90 over the pages that have it. */
  scriptRatio: Spread;
  /** Pages left out of `scriptRatio` because the floor added no measurable script time there. */
  pagesWithoutRatio: number;
  /** Median ours added / median floor added: the ratio of the typical costs, a cross-check. */
  scriptRatioOfMedians: number;
  /** The same from the traced script time. */
  tracedScriptRatioOfMedians: number;
  /** Pages left out of `tracedScriptRatio` (the floor added no traced script time there, or nothing was traced). */
  pagesWithoutTracedRatio: number;
  /** Per page ours/floor added traced script time, median and p90 (see `PageCostPage.tracedScriptRatio`). */
  tracedScriptRatio: Spread;
  /** Per page ours/floor added task time, median and p90 (see `PageCostPage.taskRatio`). */
  taskRatio: Spread;
  /** Bytes of content script each variant has the browser evaluate per page load. */
  contentScriptBytes: { floor: number; ours: number };
  /** Whether Policy Lens's build records its timing: every load, some, or none ('absent': an older build). */
  oursTimingHook: 'present' | 'partial' | 'absent';
}

function spread(values: ReadonlyArray<number | null>): Spread {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return { median: median(known), p90: p90(known), pages: known.length };
}

function summarizeVariant(pages: readonly PageCostPage[], variant: ExtensionVariant): VariantSummary {
  const figures = pages.map((page) => page[variant]);
  const reported = pages.filter((page) => page[variant].extraLongTaskLoads !== null);
  const worst = reported.reduce<PageCostPage | undefined>(
    (best, page) => ((page[variant].extraLongTaskMaxMs ?? -1) > (best?.[variant].extraLongTaskMaxMs ?? -1) ? page : best),
    undefined,
  );
  const overlaps = reported.map((page) => page[variant].overlapLongTaskLoads).filter((value): value is number => value !== null);
  const timed = figures.filter((figure) => figure.timedLoads > 0);
  return {
    addedScriptMs: spread(figures.map((figure) => figure.addedScriptMs)),
    addedTracedScriptMs: spread(figures.map((figure) => figure.addedTracedScriptMs)),
    addedTaskMs: spread(figures.map((figure) => figure.addedTaskMs)),
    addedStyleMs: spread(figures.map((figure) => figure.addedStyleMs)),
    addedLayoutMs: spread(figures.map((figure) => figure.addedLayoutMs)),
    addedHeapBytes: spread(figures.map((figure) => figure.addedHeapBytes)),
    addedHeapAfterGcBytes: spread(figures.map((figure) => figure.addedHeapAfterGcBytes)),
    addedLoadEventMs: spread(figures.map((figure) => figure.addedLoadEventMs)),
    longTasks:
      reported.length === 0
        ? null
        : {
            loads: reported.reduce((sum, page) => sum + (page[variant].extraLongTaskLoads ?? 0), 0),
            totalLoads: reported.reduce((sum, page) => sum + page[variant].loads, 0),
            pages: reported.filter((page) => (page[variant].extraLongTaskLoads ?? 0) > 0).length,
            maxMs: worst?.[variant].extraLongTaskMaxMs ?? null,
            page: worst !== undefined && worst[variant].extraLongTaskMaxMs !== null ? worst.name : '',
            overlapLoads: overlaps.length === 0 ? null : overlaps.reduce((sum, value) => sum + value, 0),
          },
    timing: {
      firstMarksMs: spread(figures.map((figure) => figure.firstMarksMs)),
      settledMs: spread(figures.map((figure) => figure.settledMs)),
      timedPages: timed.length,
      nothingMarkedPages: timed.filter((figure) => figure.firstMarksMs === null).length,
      unsettledLoads: figures.reduce((sum, figure) => sum + figure.unsettledLoads, 0),
      notRunLoads: figures.reduce((sum, figure) => sum + figure.notRunLoads, 0),
      timedLoads: figures.reduce((sum, figure) => sum + figure.timedLoads, 0),
      earlyReadLoads: figures.reduce((sum, figure) => sum + figure.earlyReadLoads, 0),
    },
    firstCard: {
      openToShownMs: spread(figures.map((figure) => figure.firstCard?.openToShownMs ?? null)),
      loadToShownMs: spread(figures.map((figure) => figure.firstCard?.loadToShownMs ?? null)),
    },
  };
}

/** Summarizes the measured pages. */
export function summarizePageCost(
  pages: readonly PageCostPage[],
  contentScriptBytes: { floor: number; ours: number },
): PageCostSummary {
  const ratios = pages.map((page) => page.scriptRatio);
  const floor = summarizeVariant(pages, 'floor');
  const ours = summarizeVariant(pages, 'ours');
  const oursLoads = pages.reduce((sum, page) => sum + page.ours.loads, 0);
  const oursTimed = pages.reduce((sum, page) => sum + page.ours.timedLoads, 0);
  return {
    pages: pages.length,
    baseline: {
      scriptMs: spread(pages.map((page) => page.none.scriptMs)),
      tracedScriptMs: spread(pages.map((page) => page.none.tracedScriptMs)),
      taskMs: spread(pages.map((page) => page.none.taskMs)),
      styleMs: spread(pages.map((page) => page.none.styleMs)),
      heapBytes: spread(pages.map((page) => page.none.heapBytes)),
      loadEventMs: spread(pages.map((page) => page.none.loadEventMs)),
    },
    floor,
    ours,
    scriptRatio: spread(ratios),
    pagesWithoutRatio: ratios.filter((ratio) => ratio === null).length,
    scriptRatioOfMedians: addedRatio(ours.addedScriptMs.median, floor.addedScriptMs.median) ?? Number.NaN,
    tracedScriptRatioOfMedians: addedRatio(ours.addedTracedScriptMs.median, floor.addedTracedScriptMs.median) ?? Number.NaN,
    pagesWithoutTracedRatio: pages.filter((page) => page.tracedScriptRatio === null).length,
    tracedScriptRatio: spread(pages.map((page) => page.tracedScriptRatio)),
    taskRatio: spread(pages.map((page) => page.taskRatio)),
    contentScriptBytes,
    oursTimingHook: oursTimed === 0 ? 'absent' : oursTimed === oursLoads ? 'present' : 'partial',
  };
}

/** The targets: added script time against the floor, no long task of ours, prompt first marks. */
export function evaluatePageCostTargets(summary: PageCostSummary): TargetResult[] {
  const ratio = (value: number) => (Number.isFinite(value) ? `${formatRatio(value)} floor` : '–');
  const longTasks = summary.ours.longTasks;
  const firstMarks = summary.ours.timing.firstMarksMs;
  const firstCard = summary.ours.firstCard.openToShownMs;
  // Judged on the traced script time where the run has it: ScriptDuration leaves out compiling and
  // `scheduler.yield()` continuations, where our scan runs, so its ratio flatters us.
  const traced = summary.tracedScriptRatio.pages > 0;
  const scriptRatio = traced ? summary.tracedScriptRatio : summary.scriptRatio;
  const scriptName = traced ? 'added script time (trace)' : 'added script time (ScriptDuration)';
  const targets: TargetResult[] = [
    {
      name: scriptName,
      goal: '≤ 3× floor (median)',
      value: scriptRatio.median,
      shown: ratio(scriptRatio.median),
      met: scriptRatio.median <= 3,
    },
    {
      name: scriptName,
      goal: '≤ 5× floor (p90)',
      value: scriptRatio.p90,
      shown: ratio(scriptRatio.p90),
      met: scriptRatio.p90 <= 5,
    },
    {
      name: 'long tasks of ours',
      goal: 'none on any page',
      value: longTasks === null ? Number.NaN : longTasks.loads,
      shown:
        longTasks === null
          ? 'not reported by this browser'
          : longTasks.loads === 0
            ? `none in ${longTasks.totalLoads} loads`
            : `${longTasks.loads} of ${longTasks.totalLoads} loads on ${longTasks.pages} pages (longest ${formatMs(longTasks.maxMs)} ms, ${longTasks.page})`,
      met: longTasks === null ? null : longTasks.loads === 0,
    },
    {
      name: 'first marks',
      goal: '≤ 10 ms after content-script start (median page)',
      value: firstMarks.median,
      shown: `${formatMs(firstMarks.median)} ms`,
      met: firstMarks.median <= 10,
    },
    {
      name: 'first card',
      goal: '≤ 50 ms from the open decision to shown, its code loaded on demand (median page)',
      value: firstCard.median,
      shown: `${formatMs(firstCard.median)} ms (p90 ${formatMs(firstCard.p90)} ms, ${firstCard.pages} pages)`,
      met: firstCard.median <= 50,
    },
  ];
  return targets.map((target) => {
    if (!Number.isNaN(target.value)) return target;
    if (target.met !== null) return { ...target, shown: target.name === 'first marks' ? firstMarksMissing(summary) : 'not measured', met: null };
    return target;
  });
}

function firstMarksMissing(summary: PageCostSummary): string {
  if (summary.oursTimingHook === 'absent') return `n/a (this build records no ${TIMING_GLOBAL})`;
  return 'n/a (nothing marked on any page)';
}
