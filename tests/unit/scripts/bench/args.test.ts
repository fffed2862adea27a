import { describe, expect, it } from 'vitest';
import {
  BenchArgsError,
  DEFAULT_LOADS,
  DEFAULT_SETTLE_MS,
  MIN_MARKJS_RUNS,
  MIN_RUNS,
  parseBenchArgs,
  type BenchOptions,
} from '../../../../scripts/bench/args';

function options(argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv, '/repo');
  if (parsed.help) throw new Error('expected options, got --help');
  return parsed.options;
}

describe('bench arguments', () => {
  it('defaults to Chromium, the default corpus, every page, 7 runs, both sections, 5 loads', () => {
    expect(options([])).toEqual({
      corpus: undefined,
      generated: false,
      browser: 'chromium',
      pages: undefined,
      runs: MIN_RUNS,
      markjsRuns: MIN_MARKJS_RUNS,
      markjsPages: undefined,
      sampleMs: 50,
      json: undefined,
      verbose: false,
      only: undefined,
      loads: DEFAULT_LOADS,
      settleMs: DEFAULT_SETTLE_MS,
      packs: 0,
    });
    expect(DEFAULT_LOADS).toBe(5);
    expect(DEFAULT_SETTLE_MS).toBe(1000);
  });

  it('reads every option and resolves paths against the working directory', () => {
    const parsed = options([
      '--corpus', 'pages', '--browser', 'firefox', '--pages', '10', '--runs', '9',
      '--markjs-runs', '4', '--markjs-pages', '0', '--sample-ms', '80', '--json', 'out/bench.json', '--verbose',
      '--only', 'page-cost', '--loads', '3', '--settle-ms', '1500', '--packs', '2',
    ]);
    expect(parsed).toEqual({
      corpus: '/repo/pages',
      generated: false,
      browser: 'firefox',
      pages: 10,
      runs: 9,
      markjsRuns: 4,
      markjsPages: 0,
      sampleMs: 80,
      json: '/repo/out/bench.json',
      verbose: true,
      only: 'page-cost',
      loads: 3,
      settleMs: 1500,
      packs: 2,
    });
  });

  it('runs one section with --only', () => {
    expect(options(['--only', 'kernels']).only).toBe('kernels');
    expect(options(['--only=page-cost']).only).toBe('page-cost');
  });

  it('takes a single load per variant and no settle delay when asked', () => {
    expect(options(['--loads', '1']).loads).toBe(1);
    expect(options(['--settle-ms', '0']).settleMs).toBe(0);
  });

  it('can ask for the generated pages instead of a folder', () => {
    expect(options(['--generated']).generated).toBe(true);
  });

  it('keeps an absolute corpus path as given', () => {
    expect(options(['--corpus', '/data/corpus']).corpus).toBe('/data/corpus');
  });

  it('answers --help and -h with the usage', () => {
    expect(parseBenchArgs(['--help'])).toEqual({ help: true });
    expect(parseBenchArgs(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--browser', 'safari'], /--browser must be chromium or firefox/],
    [['--generated', '--corpus', 'x'], /exclude each other/],
    [['--runs', '5'], /--runs must be at least 7/],
    [['--markjs-runs', '2'], /--markjs-runs must be at least 3/],
    [['--pages', '0'], /--pages needs a positive whole number/],
    [['--pages', '2.5'], /--pages needs a positive whole number/],
    [['--pages', 'ten'], /--pages needs a positive whole number/],
    [['--markjs-pages=-1'], /--markjs-pages needs a whole number/],
    [['--only', 'kernel'], /--only must be kernels or page-cost, not "kernel"/],
    [['--only'], /--only/],
    [['--loads', '0'], /--loads needs a positive whole number/],
    [['--loads', '2.5'], /--loads needs a positive whole number/],
    [['--settle-ms', '-5'], /--settle-ms/],
    [['--frobnicate'], /frobnicate/],
    [['stray'], /stray/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
