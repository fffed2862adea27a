/**
 * The page scanner's performance benchmark, in a real browser:
 *
 *   npm run bench -- [--corpus DIR] [--browser chromium|firefox] [--pages N] [--runs N] [--json FILE] [--verbose]
 *                    [--only kernels|page-cost] [--loads N] [--settle-ms N]
 *
 * Two sections, kernels first. Kernels: for each page (scripts stripped,
 * every request but the page refused) it times a bare TreeWalker (the
 * floor), our matcher without marking, the whole job (find + mark + layout),
 * mark.js 8.11.1 doing the same job, the longest slice of the scanner's real
 * first scan, and the update after 30 paragraphs are appended. Page cost
 * (bench/page-cost.ts): what a whole page load costs with the production
 * extension against no extension and a floor extension, side by side.
 * Prints each section's summary and targets (`--help` for options);
 * progress goes to stderr.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { highlightCssBrowser, renderBundledHighlightCss } from './build/highlight-css';
import { REPO_ROOT } from './lib/paths';
import { BenchArgsError, parseBenchArgs, USAGE, type BenchOptions } from './bench/args';
import { launchBenchBrowser } from './bench/browsers';
import { buildKernels } from './bench/bundle';
import { evenlySpread, loadCorpus } from './bench/corpus';
import { measurePage, type PageAssets, type PageFailure, type PageFigures } from './bench/measure';
import { startPageServer } from './bench/page-server';
import { runPageCost, type PageCostReport } from './bench/page-cost';
import { evaluateTargets, formatMs, formatPageTable, formatSummary, summarize } from './bench/report';

const MARKJS_FILE = join(REPO_ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js');
/** Settings the mark.js run uses beyond the library defaults, for the report. */
const MARKJS_SETTINGS = 'separateWordSearch: false, acrossElements: true, diacritics: false (others default)';

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function run(options: BenchOptions): Promise<void> {
  const corpus = loadCorpus(options.corpus, options.pages, options.generated);
  progress(`bench: ${corpus.pages.length} pages from ${corpus.source}`);
  const started = Date.now();
  let kernels: Awaited<ReturnType<typeof runKernels>> | undefined;
  let kernelsError: string | undefined;
  if (options.only !== 'page-cost') {
    try {
      kernels = await runKernels(options, corpus);
      process.stdout.write(`${kernels.text}\n`);
    } catch (error) {
      // The page-cost section does not depend on the kernels: report, run it anyway, fail at the end.
      if (options.only === 'kernels') throw error;
      kernelsError = error instanceof Error ? error.message : String(error);
      process.stdout.write(`Kernels: FAILED, ${kernelsError}\n`);
      process.exitCode = 1;
    }
  }

  let pageCost: PageCostReport | { skipped: string } | undefined;
  if (options.only !== 'kernels') {
    const outcome = await runPageCost(
      corpus,
      {
        browser: options.browser,
        loads: options.loads,
        settleMs: options.settleMs,
        packs: options.packs,
        verbose: options.verbose,
        generatedAsked: options.generated,
      },
      progress,
    );
    pageCost = 'skipped' in outcome ? outcome : outcome.report;
    process.stdout.write(`${options.only === 'page-cost' ? '' : '\n'}${'skipped' in outcome ? outcome.skipped : outcome.text}\n`);
  }

  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const report = {
      ...(kernels?.json ?? {
        date: new Date().toISOString(),
        machine: machine(),
        corpus: { source: corpus.source, generated: corpus.generated, pages: corpus.pages.length },
        options: { ...options, json: undefined },
      }),
      durationS: Math.round((Date.now() - started) / 1000),
      ...(kernelsError === undefined ? {} : { kernelsError }),
      ...(pageCost === undefined ? {} : { pageCost }),
    };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    progress(`bench: figures written to ${options.json}`);
  }
}

/** Pages where mark.js (the comparison, not our code) failed: named, with its error, once per error. */
function markjsFailureLines(pages: readonly PageFigures[]): string[] {
  const byError = new Map<string, string[]>();
  for (const page of pages) if (page.markjsError) byError.set(page.markjsError, [...(byError.get(page.markjsError) ?? []), page.name]);
  return [...byError].map(([error, names]) => `mark.js failed (its own error; our kernels were measured there): ${names.join(', ')} (${error})`);
}

function machine() {
  return { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version };
}

/** The kernel section: its text and its figures for --json (the report's original top-level fields). */
async function runKernels(options: BenchOptions, corpus: ReturnType<typeof loadCorpus>): Promise<{ text: string; json: Record<string, unknown> }> {
  progress('bench: bundling the kernels…');
  const assets: PageAssets = {
    kernels: await buildKernels(),
    markjs: readFileSync(MARKJS_FILE, 'utf8'),
    highlightCss: renderBundledHighlightCss(highlightCssBrowser(options.browser)),
  };
  const server = await startPageServer();
  const browser = await launchBenchBrowser(options.browser, (url) => server.isPageUrl(url));
  progress(`bench: ${browser.version}; ${options.runs} samples per kernel (median), ${options.markjsRuns} for mark.js`);

  const pages: PageFigures[] = [];
  const failures: PageFailure[] = [];
  const markjsPages = evenlySpread(corpus.pages.length, options.markjsPages);
  const started = Date.now();
  try {
    for (const [index, page] of corpus.pages.entries()) {
      const withMarkjs = markjsPages.has(index);
      const label = `[${index + 1}/${corpus.pages.length}] ${page.name}`;
      try {
        const figures = await measurePage(browser, server, page, assets, {
          runs: options.runs,
          markjsRuns: withMarkjs ? options.markjsRuns : 0,
          sampleMs: options.sampleMs,
        });
        pages.push(figures);
        progress(
          `${label}: ${figures.info.textNodes} text nodes; walk ${formatMs(figures.walk.ms)} find ${formatMs(figures.find.ms)} ` +
            `total ${formatMs(figures.total.ms)} mark.js ${formatMs(figures.markjs?.ms)} ms; ` +
            `slice ${formatMs(figures.longest.sliceMaxMs)} ms; incr ${formatMs(figures.incremental.ms)} ms`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
        failures.push({ name: page.name, error: message });
        progress(`${label}: FAILED ${message}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (pages.length === 0) throw new Error('No page could be measured.');

  const summary = summarize(pages);
  const targets = evaluateTargets(summary);
  const markjsNote =
    markjsPages.size < corpus.pages.length
      ? `mark.js ran on ${markjsPages.size} of ${corpus.pages.length} pages, spread evenly over the corpus (--markjs-pages).`
      : 'mark.js ran on every page.';
  const out = [
    `Policy Lens page-scanner benchmark — ${browser.version}, ${corpus.pages.length} pages from ${corpus.source}`,
    `Medians of ${options.runs} samples per kernel and page (${options.markjsRuns} for mark.js), each sample a loop of >= ${options.sampleMs} ms of work.`,
    `mark.js 8.11.1 with ${pages[0]?.info.markjsTerms ?? 0} terms: ${MARKJS_SETTINGS}. ${markjsNote}`,
    `Matcher compiled once per page, outside the loops (${formatMs(pages[0]?.info.compileMs)} ms on the first page).`,
    ...(failures.length > 0 ? [`Not measured: ${failures.map((failure) => `${failure.name} (${failure.error})`).join('; ')}`] : []),
    ...markjsFailureLines(pages),
    '',
    ...(options.verbose ? [formatPageTable(pages), ''] : []),
    formatSummary(summary, targets),
  ];
  return {
    text: out.join('\n'),
    json: {
      browser: browser.version,
      date: new Date().toISOString(),
      machine: machine(),
      corpus: { source: corpus.source, generated: corpus.generated, pages: corpus.pages.length },
      options: { ...options, json: undefined },
      markjs: { version: '8.11.1', settings: MARKJS_SETTINGS, pages: pages.filter((page) => page.markjs).length, failed: pages.filter((page) => page.markjsError).map((page) => page.name) },
      kernelsDurationS: Math.round((Date.now() - started) / 1000),
      summary,
      targets,
      pages,
      failures,
    },
  };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  await run(parsed.options);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
