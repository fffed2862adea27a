/** The benchmark's command line: `npm run bench -- [options]`. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserKind } from '../lib/browsers';

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
  --verbose           print the per-page table
  --help              this text`;

/** Default and floor of `--runs`: medians over fewer samples are not stable enough to report. */
export const MIN_RUNS = 7;
/** Default and floor of `--markjs-runs`. */
export const MIN_MARKJS_RUNS = 3;
const DEFAULT_SAMPLE_MS = 50;

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
