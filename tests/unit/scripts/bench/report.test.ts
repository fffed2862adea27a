import { describe, expect, it } from 'vitest';
import { medianLoad, type KernelFigure, type PageFigures } from '../../../../scripts/bench/measure';
import type { LongestTaskResult } from '../../../../scripts/bench/protocol';
import {
  evaluateTargets,
  formatMs,
  formatPageTable,
  formatRatio,
  formatSummary,
  formatTable,
  summarize,
} from '../../../../scripts/bench/report';

function kernel(ms: number, count = 0): KernelFigure {
  return { ms, count, samples: [ms], iterationsPerSample: 1 };
}

interface PageShape {
  name: string;
  textNodes: number;
  walk: number;
  find: number;
  total: number;
  markjs?: number;
  slice?: number;
  longTaskMs?: number | null;
  incremental?: number;
}

function load(sliceMaxMs: number, longTaskMs: number | null | undefined): LongestTaskResult {
  return {
    sliceMaxMs,
    sliceMaxWithoutCompileMs: sliceMaxMs / 2,
    compileMs: 12,
    slices: 3,
    busyMs: 20,
    wallMs: 60,
    longTasks: longTaskMs === null ? null : longTaskMs === undefined ? 0 : 1,
    longTaskMaxMs: longTaskMs ?? null,
    longFrameMaxMs: null,
    marks: 4,
  };
}

function page(shape: PageShape): PageFigures {
  return {
    name: shape.name,
    info: { textNodes: shape.textNodes, chars: shape.textNodes * 40, elements: shape.textNodes, compileMs: 12, markjsTerms: 389 },
    walk: kernel(shape.walk),
    walkStyle: kernel(shape.walk * 3),
    read: kernel(shape.find * 0.8),
    find: kernel(shape.find),
    total: kernel(shape.total, 4),
    markjs: shape.markjs === undefined ? null : kernel(shape.markjs, 6),
    markjsError: null,
    longest: load(shape.slice ?? 8, shape.longTaskMs),
    // The median load above, one quicker load and one stretched by (say) the OS running something else.
    loads: [
      load((shape.slice ?? 8) / 2, shape.longTaskMs),
      load(shape.slice ?? 8, shape.longTaskMs),
      load(shape.name === 'b.html' ? 400 : 1, shape.longTaskMs),
    ],
    incremental: { ...kernel(shape.incremental ?? 0.5, 50), addedMarks: 50, container: 'article' },
    incrementalFloor: kernel(0.2),
  };
}

const pages = [
  page({ name: 'a.html', textNodes: 1000, walk: 1, find: 3, total: 6, markjs: 3000, slice: 9, incremental: 0.4 }),
  page({ name: 'b.html', textNodes: 400, walk: 2, find: 8, total: 20, markjs: 4000, slice: 30, incremental: 0.8 }),
  page({ name: 'c.html', textNodes: 250, walk: 1, find: 6, total: 10, slice: 12, incremental: 2 }),
  // Too small for the summary, but its longest task still counts: the target is "on every page".
  page({ name: 'tiny.html', textNodes: 20, walk: 0.01, find: 5, total: 9, markjs: 10, slice: 70, incremental: 9 }),
];

describe('bench summary', () => {
  const summary = summarize(pages);

  it('summarizes only pages with at least 200 text nodes', () => {
    expect(summary.pagesMeasured).toBe(4);
    expect(summary.pagesSummarized).toBe(3);
    expect(summary.walkMs).toMatchObject({ median: 1, pages: 3 });
    expect(summary.totalMs.median).toBe(10);
  });

  it('takes ratios per page, side by side, before the median', () => {
    // find/walk per page: 3, 4, 6 → median 4 (a ratio of medians would be 6 / 1 = 6).
    expect(summary.findPerWalk.median).toBe(4);
    expect(summary.totalPerWalk.median).toBe(10);
  });

  it('compares with mark.js only on pages where mark.js ran', () => {
    expect(summary.markjsSpeedup.pages).toBe(2);
    expect(summary.markjsSpeedup.median).toBe((500 + 200) / 2);
  });

  it('takes the longest slice over every page, small ones included', () => {
    expect(summary.longestSlice).toEqual({ ms: 70, page: 'tiny.html' });
    expect(summary.longestSliceWithoutCompile).toEqual({ ms: 35, page: 'tiny.html' });
  });

  it('keeps the worst single load apart from the per-page median', () => {
    expect(summary.longestSliceAnyLoad).toEqual({ ms: 400, page: 'b.html' });
  });

  it('reports browser long tasks only where the browser has them', () => {
    expect(summary.longTasks).toEqual({ count: 0, maxMs: 0, page: '' });
    const withoutApi = summarize([page({ name: 'x.html', textNodes: 300, walk: 1, find: 2, total: 3, longTaskMs: null })]);
    expect(withoutApi.longTasks).toBeNull();
  });

  it('gives the incremental median over summarized pages and the worst page overall', () => {
    expect(summary.incrementalMs.median).toBe(0.8);
    expect(summary.incrementalMs.max).toBe(9);
    expect(summary.incrementalMs.page).toBe('tiny.html');
    expect(summary.incrementalOverFloorMs.median).toBeCloseTo(0.6, 10);
  });

  it('checks each target against the issue’s limit', () => {
    const results = Object.fromEntries(evaluateTargets(summary).map((target) => [target.name, target.met]));
    expect(results).toEqual({
      T_find: true,
      T_total: false,
      'vs mark.js': true,
      'longest task': false,
      incremental: true,
    });
  });

  it('passes the time targets exactly at their limits', () => {
    const atLimits = summarize([
      page({ name: 'edge.html', textNodes: 500, walk: 1, find: 5, total: 8, markjs: 2400, slice: 50, incremental: 1 }),
    ]);
    expect(evaluateTargets(atLimits).every((target) => target.met)).toBe(true);
  });

  it('judges no target it has no figure for', () => {
    const noMarkjs = summarize([page({ name: 'x.html', textNodes: 300, walk: 1, find: 2, total: 3 })]);
    const target = evaluateTargets(noMarkjs).find((result) => result.name === 'vs mark.js');
    expect(target).toMatchObject({ met: null, shown: 'not measured' });
    expect(formatSummary(noMarkjs, evaluateTargets(noMarkjs))).toMatch(/vs mark\.js\s+≥ 300× faster \(median\)\s+not measured\n/);
  });

  it('prints the summary rows and PASS or MISS per target', () => {
    const text = formatSummary(summary, evaluateTargets(summary));
    expect(text).toContain('Summary over 3 of 4 pages');
    expect(text).toMatch(/T_find \/ T_walk\s+4\.0×/);
    expect(text).toMatch(/T_total\s+≤ 8× T_walk \(median\)\s+10\.0× T_walk\s+MISS/);
    expect(text).toMatch(/longest task\s+≤ 50 ms on every page\s+70\.0 ms max \(tiny\.html\)\s+MISS/);
    expect(text).toMatch(/incremental\s+≤ 1 ms \(median\)\s+0\.800 ms\s+PASS/);
  });

  it('prints one row per page in the verbose table, flagging small pages', () => {
    const lines = formatPageTable(pages).split('\n');
    expect(lines).toHaveLength(2 + pages.length);
    expect(lines[2]).toMatch(/^a\.html\s+1000\s/);
    expect(lines[4]).toMatch(/^c\.html\s.*\s–\s/);
    expect(lines[5]).toMatch(/^tiny\.html \(<200\)/);
  });
});

describe('bench formatting', () => {
  it('pads columns, aligning numbers right, with a rule under the header', () => {
    const table = formatTable(['name', 'ms'], [['walk', '1.5'], ['mark.js', '1234']], ['left', 'right']);
    expect(table.split('\n')).toEqual(['name       ms', '-------  ----', 'walk      1.5', 'mark.js  1234']);
  });

  it('shows milliseconds with about three significant digits', () => {
    expect(formatMs(1234.4)).toBe('1234');
    expect(formatMs(12.345)).toBe('12.3');
    expect(formatMs(1.2345)).toBe('1.23');
    expect(formatMs(0.01234)).toBe('0.012');
    expect(formatMs(null)).toBe('–');
    expect(formatMs(Number.NaN)).toBe('–');
  });

  it('shows ratios with one decimal below 100', () => {
    expect(formatRatio(4.26)).toBe('4.3×');
    expect(formatRatio(1234.5)).toBe('1235×');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('medianLoad', () => {
  const loads = [40, 7, 9].map((ms) => ({ ...({} as LongestTaskResult), sliceMaxMs: ms }));

  it('picks the load with the median longest slice', () => {
    expect(medianLoad(loads).sliceMaxMs).toBe(9);
  });

  it('picks the lower middle one of an even count, and refuses none', () => {
    expect(medianLoad(loads.slice(0, 2)).sliceMaxMs).toBe(7);
    expect(() => medianLoad([])).toThrow();
  });
});
