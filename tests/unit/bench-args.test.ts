import { describe, expect, it } from 'vitest';
import { BenchArgsError, MIN_MARKJS_RUNS, MIN_RUNS, parseBenchArgs, type BenchOptions } from '../../scripts/bench/args';

function options(argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv, '/repo');
  if (parsed.help) throw new Error('expected options, got --help');
  return parsed.options;
}

describe('bench arguments', () => {
  it('defaults to Chromium, the default corpus, every page, 7 runs', () => {
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
    });
  });

  it('reads every option and resolves paths against the working directory', () => {
    const parsed = options([
      '--corpus', 'pages', '--browser', 'firefox', '--pages', '10', '--runs', '9',
      '--markjs-runs', '4', '--markjs-pages', '0', '--sample-ms', '80', '--json', 'out/bench.json', '--verbose',
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
    });
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
    [['--frobnicate'], /frobnicate/],
    [['stray'], /stray/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});
