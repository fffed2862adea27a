/** The benchmark's command line: `npm run bench -- [options]`. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserKind } from '../lib/browsers';

/** The two sections of a run: the kernel loops, and what a whole page load costs with the extension. */
export type BenchSection = 'kernels' | 'page-cost';
export const BENCH_SECTIONS: readonly BenchSection[] = ['kernels', 'page-cost'];

/** Everything a run can be told. */
export interface BenchOptions {
  /** Corpus folder; undefined means the shared corpus if present, else the generated pages. */
  corpus: string | undefined;
  /** Use the generated pages even when the shared corpus is present. */
  generated: boolean;
  browser: BrowserKind;
  /** Benchmark only the first N pages. */
  pages: number | undefined;
  /** Timing samples per kernel and page; the figure is their median. */
  runs: number;
  /** Samples of the (slow) mark.js run per page. */
  markjsRuns: number;
  /** Run mark.js on N pages spread evenly over the corpus (it takes seconds per page). */
  markjsPages: number | undefined;
  /** Each sample loops its kernel until this much work is timed. */
  sampleMs: number;
  json: string | undefined;
  verbose: boolean;
  /** Run one section only; undefined runs both, kernels first. */
  only: BenchSection | undefined;
  /** Page cost: loads of each page per variant (no extension, floor, Policy Lens); figures are their medians. */
  loads: number;
  /** Page cost: wait this long after network idle before reading the metrics (our first scan must be done). */
  settleMs: number;
  /** Page cost (Chromium): import this many generated 400-term packs into Policy Lens before the loads. */
  packs: number;
}

/** What the command line asked for: a run, or the usage text. */
export type ParsedArgs = { help: true } | { help: false; options: BenchOptions };

/** The usage text. */
export const USAGE = `Usage: npm run bench -- [options]

  --corpus DIR        folder of .html pages (default ../shared/corpus/news-pages when present,
                      else a small generated set)
  --generated         use the generated set even when the shared corpus is present
  --browser NAME      chromium (default) or firefox
  --pages N           only the first N pages
  --runs N            timing samples per kernel and page, median reported (default 7, at least 7)
  --markjs-runs N     samples of the mark.js run per page (default 3, at least 3)
  --markjs-pages N    run mark.js on N pages spread evenly over the corpus (default: every page;
                      it takes seconds per page)
  --sample-ms N       loop each kernel until N ms of work per sample (default 50)
  --json FILE         also write every figure to FILE
  --verbose           print the per-page tables
  --only SECTION      kernels or page-cost (default: both, kernels first)
  --loads N           page cost: loads per page and variant, interleaved, median reported (default 5)
  --settle-ms N       page cost: wait N ms after network idle before reading the metrics (default 1000)
  --packs N           page cost (Chromium): Policy Lens runs with N generated note packs of 400 terms
                      each imported besides the built-in one (default 0)
  --help              this text

Page cost loads each page in real Chromium three ways (no extension, the floor extension in
scripts/bench/floor-extension, the production build in .output/chrome-mv3: run npm run build
first) and compares script time, long tasks and heap; with --browser firefox it reports the
content scripts' own timing only.`;

/** Default and floor of `--runs`: medians over fewer samples are not stable enough to report. */
export const MIN_RUNS = 7;
/** Default and floor of `--markjs-runs`. */
export const MIN_MARKJS_RUNS = 3;
const DEFAULT_SAMPLE_MS = 50;
/** Default of `--loads`. */
export const DEFAULT_LOADS = 5;
/** Default of `--settle-ms`: enough for the content script's first scan on the largest corpus page. */
export const DEFAULT_SETTLE_MS = 1000;

/** A command-line mistake; the message says which option and why. */
export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

/** Parses the arguments after `npm run bench --`; paths resolve against `cwd`. */
export function parseBenchArgs(argv: readonly string[], cwd = process.cwd()): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        corpus: { type: 'string' },
        generated: { type: 'boolean', default: false },
        browser: { type: 'string', default: 'chromium' },
        pages: { type: 'string' },
        runs: { type: 'string' },
        'markjs-runs': { type: 'string' },
        'markjs-pages': { type: 'string' },
        'sample-ms': { type: 'string' },
        json: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        only: { type: 'string' },
        loads: { type: 'string' },
        'settle-ms': { type: 'string' },
        packs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new BenchArgsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  if (values.generated && values.corpus !== undefined) throw new BenchArgsError('--generated and --corpus exclude each other');
  const browser = values.browser;
  if (browser !== 'chromium' && browser !== 'firefox') {
    throw new BenchArgsError(`--browser must be chromium or firefox, not "${browser}"`);
  }
  const only = values.only;
  if (only !== undefined && !BENCH_SECTIONS.includes(only as BenchSection)) {
    throw new BenchArgsError(`--only must be ${BENCH_SECTIONS.join(' or ')}, not "${only}"`);
  }
  return {
    help: false,
    options: {
      corpus: values.corpus === undefined ? undefined : resolve(cwd, values.corpus),
      generated: values.generated,
      browser,
      pages: positiveInteger('--pages', values.pages),
      runs: atLeast('--runs', positiveInteger('--runs', values.runs) ?? MIN_RUNS, MIN_RUNS),
      markjsRuns: atLeast('--markjs-runs', positiveInteger('--markjs-runs', values['markjs-runs']) ?? MIN_MARKJS_RUNS, MIN_MARKJS_RUNS),
      markjsPages: positiveInteger('--markjs-pages', values['markjs-pages'], { allowZero: true }),
      sampleMs: positiveInteger('--sample-ms', values['sample-ms']) ?? DEFAULT_SAMPLE_MS,
      json: values.json === undefined ? undefined : resolve(cwd, values.json),
      verbose: values.verbose,
      only: only as BenchSection | undefined,
      loads: positiveInteger('--loads', values.loads) ?? DEFAULT_LOADS,
      settleMs: positiveInteger('--settle-ms', values['settle-ms'], { allowZero: true }) ?? DEFAULT_SETTLE_MS,
      packs: positiveInteger('--packs', values.packs, { allowZero: true }) ?? 0,
    },
  };
}

function positiveInteger(name: string, text: string | undefined, { allowZero = false } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || (value === 0 && !allowZero)) {
    throw new BenchArgsError(`${name} needs a ${allowZero ? 'whole number' : 'positive whole number'}, not "${text}"`);
  }
  return value;
}

function atLeast(name: string, value: number, floor: number): number {
  if (value < floor) throw new BenchArgsError(`${name} must be at least ${floor} (medians over fewer samples are noise)`);
  return value;
}
