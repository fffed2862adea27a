import { describe, expect, it } from 'vitest';
import {
  evaluatePageCostTargets,
  extensionFigures,
  extraLongTasks,
  loadOrder,
  overlapsContentScript,
  pageCostFigures,
  parseTiming,
  addedRatio,
  summarizePageCost,
  variantFigures,
  type ContentScriptTiming,
  type LoadSample,
  type LongTask,
  type PageCostPage,
  type Variant,
} from '../../../../scripts/bench/page-cost-figures';
import { formatBytes, formatFirefoxPageCostSummary, formatPageCostSummary, formatPageCostTable, type PageCostContext } from '../../../../scripts/bench/page-cost-report';

function sample(variant: Variant, shape: Partial<LoadSample> = {}): LoadSample {
  return {
    variant,
    round: 0,
    scriptMs: 1,
    tracedScriptMs: null,
    taskMs: 10,
    styleMs: 5,
    layoutMs: 3,
    heapBytes: 1_000_000,
    heapAfterGcBytes: 900_000,
    loadEventMs: 100,
    longTasks: [],
    timing: variant === 'none' ? null : { start: 100, firstMarks: 101, settled: 102, earlyReads: null },
    contentScriptRan: variant === 'none' ? null : true,
    highlights: 0,
    ...shape,
  };
}

function task(startMs: number, durationMs: number): LongTask {
  return { startMs, durationMs };
}

/** A page from per-variant script times (one load each unless arrays are given). */
function page(
  name: string,
  script: { none: number[]; floor: number[]; ours: number[] },
  extra: Partial<Record<Variant, Partial<LoadSample>>> = {},
): PageCostPage {
  const samples = (['none', 'floor', 'ours'] as const).flatMap((variant) =>
    script[variant].map((scriptMs, round) => sample(variant, { round, scriptMs, ...extra[variant] })),
  );
  return pageCostFigures(name, samples);
}

const SCRIPTS = { floor: 1000, ours: 150_000 };

describe('page cost: reading a timing record', () => {
  it('accepts the hook’s shape, with null first marks or settle', () => {
    expect(parseTiming({ start: 5, firstMarks: 7.5, settled: 9, earlyReads: true })).toEqual({ start: 5, firstMarks: 7.5, settled: 9, earlyReads: true });
    expect(parseTiming({ start: 5, firstMarks: null, settled: 9, earlyReads: false })).toEqual({ start: 5, firstMarks: null, settled: 9, earlyReads: false });
    // The floor's record, or an older build's, does not say where the storage reads started.
    expect(parseTiming({ start: 5, firstMarks: 7.5, settled: 9 })).toEqual({ start: 5, firstMarks: 7.5, settled: 9, earlyReads: null });
    expect(parseTiming({ start: 5, firstMarks: 7.5, settled: 9, earlyReads: 'yes' })?.earlyReads).toBeNull();
    // An older hook without `settled` reads as not settled.
    expect(parseTiming({ start: 5, firstMarks: 6 })).toEqual({ start: 5, firstMarks: 6, settled: null, earlyReads: null });
  });

  it('rejects anything else as no record', () => {
    expect(parseTiming(null)).toBeNull();
    expect(parseTiming(undefined)).toBeNull();
    expect(parseTiming('5')).toBeNull();
    expect(parseTiming({ firstMarks: 1 })).toBeNull();
    expect(parseTiming({ start: Number.NaN, firstMarks: 1 })).toBeNull();
    expect(parseTiming({ start: 1, firstMarks: '2' })).toBeNull();
  });
});

describe('page cost: load order', () => {
  it('loads every variant once per round, rotating which goes first', () => {
    expect(loadOrder(3).map(({ round, variant }) => `${round}:${variant}`)).toEqual([
      '0:none', '0:floor', '0:ours',
      '1:floor', '1:ours', '1:none',
      '2:ours', '2:none', '2:floor',
    ]);
  });

  it('works for the two Firefox variants', () => {
    expect(loadOrder(2, ['floor', 'ours']).map((entry) => entry.variant)).toEqual(['floor', 'ours', 'ours', 'floor']);
  });
});

describe('page cost: per-variant figures', () => {
  it('takes medians over loads and skips missing metrics', () => {
    const figures = variantFigures([
      sample('ours', { scriptMs: 3, heapBytes: null }),
      sample('ours', { scriptMs: 1, heapBytes: 10 }),
      sample('ours', { scriptMs: 2, heapBytes: 30 }),
    ]);
    expect(figures.scriptMs).toBe(2);
    expect(figures.heapBytes).toBe(20);
    expect(figures.loads).toBe(3);
  });

  it('times first marks and settling from the content script’s start, counting what is missing', () => {
    const figures = variantFigures([
      sample('ours', { timing: { start: 100, firstMarks: 104, settled: 130, earlyReads: true } }),
      sample('ours', { timing: { start: 200, firstMarks: 208, settled: null, earlyReads: false } }),
      sample('ours', { timing: { start: 300, firstMarks: null, settled: 320, earlyReads: true } }),
      sample('ours', { timing: null }),
    ]);
    expect(figures.firstMarksMs).toBe(6);
    expect(figures.settledMs).toBe(25);
    expect(figures.timedLoads).toBe(3);
    expect(figures.nothingMarkedLoads).toBe(1);
    expect(figures.unsettledLoads).toBe(1);
    expect(figures.earlyReadLoads).toBe(2);
  });

  it('gives null timing figures when no load recorded any', () => {
    const figures = variantFigures([sample('ours', { timing: null }), sample('ours', { timing: null })]);
    expect(figures.firstMarksMs).toBeNull();
    expect(figures.settledMs).toBeNull();
    expect(figures.timedLoads).toBe(0);
  });

  it('reports long tasks as unknown where the browser has none', () => {
    const figures = variantFigures([sample('ours', { longTasks: null })]);
    expect(figures.longTaskLoads).toBeNull();
    expect(figures.maxLongTasks).toBeNull();
  });
});

describe('page cost: long tasks only the extension brings', () => {
  const none = [sample('none', { longTasks: [task(10, 60)] }), sample('none', { longTasks: [] })];

  it('counts those beyond the most any no-extension load saw, longest first', () => {
    const load = sample('ours', { longTasks: [task(10, 55), task(300, 120), task(500, 70)] });
    expect(extraLongTasks(load, none)).toEqual([task(300, 120), task(500, 70)]);
    expect(extraLongTasks(sample('ours', { longTasks: [task(10, 70)] }), none)).toEqual([]);
  });

  it('is unknown where the browser reports no long tasks', () => {
    expect(extraLongTasks(sample('ours', { longTasks: null }), none)).toBeNull();
  });

  it('tells whether a long task overlaps the content script’s run', () => {
    const timing: ContentScriptTiming = { start: 100, firstMarks: 105, settled: 200, earlyReads: null };
    expect(overlapsContentScript(task(60, 55), timing)).toBe(true);
    expect(overlapsContentScript(task(150, 60), timing)).toBe(true);
    expect(overlapsContentScript(task(20, 60), timing)).toBe(false);
    expect(overlapsContentScript(task(200, 60), timing)).toBe(false);
    expect(overlapsContentScript(task(5000, 60), { ...timing, settled: null })).toBe(true);
  });

  it('counts loads, the longest, and overlaps per page', () => {
    const figures = extensionFigures(
      [
        sample('ours', { longTasks: [task(10, 60), task(100, 90)], timing: { start: 95, firstMarks: 96, settled: 180, earlyReads: null } }),
        sample('ours', { longTasks: [task(10, 60)] }),
      ],
      none,
    );
    expect(figures.extraLongTaskLoads).toBe(1);
    expect(figures.extraLongTaskMaxMs).toBe(90);
    // Only the first load's 90 ms task falls in its content script's run (95 → 180).
    expect(figures.overlapLongTaskLoads).toBe(1);
  });
});

describe('page cost: added cost and the ratio', () => {
  it('subtracts the no-extension medians from the variant’s', () => {
    const result = page('a.html', { none: [1, 2, 9], floor: [3, 4, 5], ours: [10, 12, 11] });
    expect(result.none.scriptMs).toBe(2);
    expect(result.floor.addedScriptMs).toBe(2);
    expect(result.ours.addedScriptMs).toBe(9);
    expect(result.scriptRatio).toBe(4.5);
    expect(result.tracedScriptRatio).toBeNull();
  });

  it('subtracts the traced script time the same way, for its own ratio', () => {
    const result = pageCostFigures('a.html', [
      sample('none', { tracedScriptMs: 12 }),
      sample('floor', { tracedScriptMs: 15 }),
      sample('ours', { tracedScriptMs: 48 }),
    ]);
    expect(result.floor.addedTracedScriptMs).toBe(3);
    expect(result.ours.addedTracedScriptMs).toBe(36);
    expect(result.tracedScriptRatio).toBe(12);
  });

  it('subtracts style recalculation and layout the same way (what a stylesheet of ours costs the page)', () => {
    const result = pageCostFigures('a.html', [
      sample('none', { styleMs: 4, layoutMs: 2 }),
      sample('floor', { styleMs: 4.5, layoutMs: 2 }),
      sample('ours', { styleMs: 22, layoutMs: 2.5 }),
    ]);
    expect(result.floor.addedStyleMs).toBe(0.5);
    expect(result.ours.addedStyleMs).toBe(18);
    expect(result.ours.addedLayoutMs).toBe(0.5);
  });

  it('gives the task-time ratio beside the script-time one (script time leaves out work task time counts)', () => {
    const result = pageCostFigures('a.html', [
      sample('none', { scriptMs: 1, taskMs: 20 }),
      sample('floor', { scriptMs: 2, taskMs: 25 }),
      sample('ours', { scriptMs: 3, taskMs: 60 }),
    ]);
    expect(result.scriptRatio).toBe(2);
    expect(result.taskRatio).toBe(8);
    const summary = summarizePageCost([result, pageCostFigures('b.html', [sample('none'), sample('floor'), sample('ours')])], SCRIPTS);
    // b.html: the floor added no task time, so it has no task ratio.
    expect(summary.taskRatio).toEqual({ median: 8, p90: 8, pages: 1 });
  });

  it('has no ratio where the floor added nothing measurable', () => {
    expect(addedRatio(5, 0)).toBeNull();
    expect(addedRatio(5, -0.2)).toBeNull();
    expect(addedRatio(Number.NaN, 1)).toBeNull();
    expect(addedRatio(6, 2)).toBe(3);
  });

  it('takes the page’s text-node count from the floor’s record', () => {
    const samples = [
      sample('none'),
      sample('floor', { timing: { start: 1, firstMarks: 2, settled: 2, earlyReads: null, textNodes: 812 } as ContentScriptTiming }),
      sample('ours'),
    ];
    expect(pageCostFigures('p.html', samples).textNodes).toBe(812);
  });
});

describe('page cost: summary and targets', () => {
  const pages = [
    page('a.html', { none: [1], floor: [2], ours: [3] }), // ratio 2
    page('b.html', { none: [1], floor: [2], ours: [4] }), // ratio 3
    page('c.html', { none: [1], floor: [3], ours: [9] }), // ratio 4
    page('d.html', { none: [1], floor: [1], ours: [5] }), // floor added 0: no ratio
  ];

  it('takes medians and p90 over pages, leaving out pages without a ratio', () => {
    const summary = summarizePageCost(pages, SCRIPTS);
    expect(summary.pages).toBe(4);
    expect(summary.scriptRatio.median).toBe(3);
    expect(summary.scriptRatio.p90).toBeCloseTo(3.8, 10);
    expect(summary.scriptRatio.pages).toBe(3);
    expect(summary.pagesWithoutRatio).toBe(1);
    expect(summary.ours.addedScriptMs.median).toBe(3.5);
    expect(summary.floor.addedScriptMs.median).toBe(1);
    expect(summary.scriptRatioOfMedians).toBe(3.5);
    expect(summary.contentScriptBytes).toEqual(SCRIPTS);
    expect(summary.oursTimingHook).toBe('present');
  });

  it('passes the targets when ours stays within 3× (median) and 5× (p90), with no long task, prompt marks and a prompt card', () => {
    const withCard = pages.map((entry, index) =>
      index === 0 ? { ...entry, ours: { ...entry.ours, firstCard: { openToShownMs: 12, loadToShownMs: 180 } } } : entry,
    );
    const targets = evaluatePageCostTargets(summarizePageCost(withCard, SCRIPTS));
    expect(targets.map((target) => [target.goal, target.met])).toEqual([
      ['≤ 3× floor (median)', true],
      ['≤ 5× floor (p90)', true],
      ['none on any page', true],
      ['≤ 10 ms after content-script start (median page)', true],
      ['≤ 50 ms from the open decision to shown, its code loaded on demand (median page)', true],
    ]);
    expect(targets[2]?.shown).toBe('none in 4 loads');
    expect(targets[4]?.shown).toBe('12.0 ms (p90 12.0 ms, 1 pages)');
  });

  it('takes the first card from the load that measured it, and says "not measured" without one', () => {
    const measured = page('a.html', { none: [1], floor: [2], ours: [3] }, { ours: { firstCard: { openToShownMs: 70, loadToShownMs: 300 } } });
    expect(measured.ours.firstCard).toEqual({ openToShownMs: 70, loadToShownMs: 300 });
    expect(evaluatePageCostTargets(summarizePageCost([measured], SCRIPTS))[4]?.met).toBe(false);
    const unmeasured = evaluatePageCostTargets(summarizePageCost(pages, SCRIPTS))[4];
    expect(unmeasured).toMatchObject({ met: null, shown: 'not measured' });
  });

  it('misses each target when it is exceeded', () => {
    const slow = [
      page('a.html', { none: [1], floor: [2], ours: [5] }, { ours: { longTasks: [task(0, 80)], timing: { start: 0, firstMarks: 12, settled: 90, earlyReads: null } } }),
      page('b.html', { none: [1], floor: [2], ours: [9] }, { ours: { timing: { start: 0, firstMarks: 15, settled: 30, earlyReads: null } } }),
    ];
    const targets = evaluatePageCostTargets(summarizePageCost(slow, SCRIPTS));
    expect(targets.map((target) => target.met)).toEqual([false, false, false, false, null]);
    expect(targets[2]?.shown).toBe('1 of 2 loads on 1 pages (longest 80.0 ms, a.html)');
  });

  it('says n/a for first marks when the build has no timing hook', () => {
    const noHook = [page('a.html', { none: [1], floor: [2], ours: [3] }, { ours: { timing: null } })];
    const summary = summarizePageCost(noHook, SCRIPTS);
    expect(summary.oursTimingHook).toBe('absent');
    const firstMarks = evaluatePageCostTargets(summary)[3];
    expect(firstMarks?.met).toBeNull();
    expect(firstMarks?.shown).toMatch(/^n\/a \(this build records no __policyLensBenchTiming\)$/);
  });

  it('says n/a for first marks when the hook is there but nothing was marked', () => {
    const unmarked = [page('a.html', { none: [1], floor: [2], ours: [3] }, { ours: { timing: { start: 0, firstMarks: null, settled: 20, earlyReads: null } } })];
    const summary = summarizePageCost(unmarked, SCRIPTS);
    expect(summary.ours.timing.nothingMarkedPages).toBe(1);
    expect(evaluatePageCostTargets(summary)[3]).toMatchObject({ met: null, shown: 'n/a (nothing marked on any page)' });
  });

  it('marks the hook partial when only some loads recorded it', () => {
    const mixed = pageCostFigures('a.html', [
      sample('none'),
      sample('floor'),
      sample('ours'),
      sample('ours', { round: 1, timing: null }),
    ]);
    expect(summarizePageCost([mixed], SCRIPTS).oursTimingHook).toBe('partial');
  });

  it('cannot judge long tasks in a browser that reports none', () => {
    const noLongTasks = [page('a.html', { none: [1], floor: [2], ours: [3] }, { none: { longTasks: null }, floor: { longTasks: null }, ours: { longTasks: null } })];
    const summary = summarizePageCost(noLongTasks, SCRIPTS);
    expect(summary.ours.longTasks).toBeNull();
    expect(evaluatePageCostTargets(summary)[2]).toMatchObject({ met: null, shown: 'not reported by this browser' });
  });

  it('leaves the script targets unjudged without script times (Firefox)', () => {
    const firefox = [
      pageCostFigures('a.html', [sample('floor', { scriptMs: null }), sample('ours', { scriptMs: null })]),
    ];
    const summary = summarizePageCost(firefox, SCRIPTS);
    expect(Number.isNaN(summary.scriptRatio.median)).toBe(true);
    expect(evaluatePageCostTargets(summary).slice(0, 2).map((target) => [target.shown, target.met])).toEqual([
      ['not measured', null],
      ['not measured', null],
    ]);
    expect(summary.ours.timing.firstMarksMs.median).toBe(1);
  });
});

describe('page cost: report text', () => {
  const context: PageCostContext = {
    browser: 'Chromium 150',
    pages: 2,
    source: '/corpus',
    url: 'https://www.nytimes.com:1234/bench/N',
    loads: 3,
    settleMs: 1000,
    contentScripts: { floor: { js: ['content.js'], bytes: 1024 }, ours: { js: ['content-scripts/content.js'], bytes: 180_400 } },
    notes: ['Warning: stale build.'],
  };
  const pages = [
    page('a.html', { none: [1], floor: [2], ours: [3] }),
    page('b.html', { none: [1], floor: [2], ours: [5] }),
  ];

  it('formats bytes in powers of 1000, signed on request', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(180_400)).toBe('180.4 kB');
    expect(formatBytes(2_510_000, { signed: true })).toBe('+2.51 MB');
    expect(formatBytes(-2048, { signed: true })).toBe('−2.0 kB');
    expect(formatBytes(Number.NaN)).toBe('–');
  });

  it('prints the side-by-side table, the script sizes, notes and targets', () => {
    const summary = summarizePageCost(pages, SCRIPTS);
    const text = formatPageCostSummary(summary, evaluatePageCostTargets(summary), context);
    expect(text).toContain('Page cost — Chromium 150, 2 pages from /corpus');
    expect(text).toContain('floor 1.0 kB (content.js); Policy Lens 180.4 kB (content-scripts/content.js)');
    expect(text).toContain('Warning: stale build.');
    expect(text).toMatch(/added script time \(ScriptDuration\) +1\.00 ms +1\.00 ms +3\.00 ms +3\.80 ms +2/);
    expect(text).toMatch(/Policy Lens \/ floor added script time \(ScriptDuration\) +3\.0× +3\.8× +2/);
    expect(text).toMatch(/added style recalculation \(RecalcStyleDuration\) +0\.000 ms +0\.000 ms +0\.000 ms +0\.000 ms +2/);
    // No trace in these loads: the target falls back to ScriptDuration and says so.
    expect(text).toMatch(/added script time \(ScriptDuration\) +≤ 3× floor \(median\) +3\.0× floor +PASS/);
  });

  it('prints the traced script time beside ScriptDuration, and judges the script targets on it', () => {
    const traced = [
      page('a.html', { none: [1], floor: [2], ours: [3] }, { none: { tracedScriptMs: 10 }, floor: { tracedScriptMs: 12 }, ours: { tracedScriptMs: 40 } }),
      page('b.html', { none: [1], floor: [2], ours: [5] }, { none: { tracedScriptMs: 10 }, floor: { tracedScriptMs: 14 }, ours: { tracedScriptMs: 30 } }),
    ];
    const summary = summarizePageCost(traced, SCRIPTS);
    expect(summary.tracedScriptRatio).toMatchObject({ median: 10, pages: 2 });
    expect(summary.ours.addedTracedScriptMs.median).toBe(25);
    const targets = evaluatePageCostTargets(summary);
    expect(targets.slice(0, 2).map((target) => [target.name, target.met])).toEqual([
      ['added script time (trace)', false],
      ['added script time (trace)', false],
    ]);
    const text = formatPageCostSummary(summary, targets, context);
    expect(text).toMatch(/added script time \(trace: compiling and yield continuations too\) +3\.00 ms +3\.80 ms +25\.0 ms +29\.0 ms +2/);
    expect(text).toMatch(/Policy Lens \/ floor added script time \(trace\) +10\.0× +14\.0× +2/);
    expect(text).toContain('script time 1.00 ms (trace 10.0 ms)');
    expect(text).toContain('Ratio of the medians (median Policy Lens added ÷ median floor added): script time (trace) 8.3×, ScriptDuration 3.0×.');
    expect(text).toContain('because the floor added no script time there: trace 0, ScriptDuration 0.');
  });

  it('prints only the timing rows for Firefox', () => {
    const firefox = [pageCostFigures('a.html', [sample('floor', { scriptMs: null }), sample('ours', { scriptMs: null })])];
    const text = formatFirefoxPageCostSummary(summarizePageCost(firefox, SCRIPTS), { ...context, browser: 'Firefox 140.12.0' });
    expect(text).toContain('per variant (floor, Policy Lens)');
    expect(text).toMatch(/content-script start → first marks +1\.00 ms/);
    expect(text).not.toContain('ScriptDuration');
    expect(text).toContain('(median page): 1.00 ms PASS');
  });

  it('says in how many timed loads the storage reads had started at document_start', () => {
    const early = { timing: { start: 100, firstMarks: 101, settled: 102, earlyReads: true } };
    const late = { timing: { start: 100, firstMarks: 101, settled: 102, earlyReads: false } };
    const mixed = [
      pageCostFigures('a.html', [sample('none'), sample('floor'), sample('ours', early), sample('ours', early)]),
      pageCostFigures('b.html', [sample('none'), sample('floor'), sample('ours', late), sample('ours', { timing: null })]),
    ];
    const text = formatPageCostSummary(summarizePageCost(mixed, SCRIPTS), evaluatePageCostTargets(summarizePageCost(mixed, SCRIPTS)), context);
    expect(text).toContain('storage reads started at document_start in 2 of 3 timed loads');
  });

  it('prints one row per page', () => {
    const table = formatPageCostTable(pages);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toMatch(/b\.html .* 4\.0×/);
  });
});
