/**
 * `npm test`: every check the project has, in one run. Each step runs even when an earlier one
 * failed (one lint error should not hide a broken test), except the end-to-end tests, which only
 * mean something against a fresh production build. Ends with a per-browser summary and one
 * plain last line, `N passed, N failed, N skipped`, counting unit and end-to-end tests.
 *
 * Env: E2E_BROWSERS=chromium,firefox picks the browsers (default: both, where installed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_KINDS } from './lib/browsers';
import { NODE_BIN_DIR, REPO_ROOT, TEST_RESULTS_DIR } from './lib/paths';

const BROWSERS: readonly string[] = BROWSER_KINDS;

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface StepResult {
  name: string;
  ok: boolean;
  ran: boolean;
  seconds: number;
  note?: string;
  counts?: Counts;
  byBrowser?: Map<string, Counts>;
}

/** The parts of a vitest JSON report this runner reads. */
interface VitestReport {
  testResults?: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults?: Array<{ status: string; ancestorTitles?: string[] }>;
  }>;
}

/** Runs a command with the terminal attached; resolves to its exit code. */
function run(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env: process.env });
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Prints a step banner, runs it, and times it. */
async function step(name: string, command: string, args: readonly string[]): Promise<StepResult> {
  console.log(`\n\u25B6 ${name}: ${[command.replace(`${NODE_BIN_DIR}/`, ''), ...args].join(' ')}`);
  const started = Date.now();
  const code = await run(command, args);
  const seconds = (Date.now() - started) / 1000;
  console.log(code === 0 ? `\u2714 ${name} passed (${seconds.toFixed(1)}s)` : `\u2716 ${name} failed with exit code ${code} (${seconds.toFixed(1)}s)`);
  return { name, ok: code === 0, ran: true, seconds };
}

/** A vitest run whose results are read back from its JSON report. */
async function vitestStep(
  name: string,
  reportName: string,
  extraArgs: readonly string[],
  { perBrowser = false }: { perBrowser?: boolean } = {},
): Promise<StepResult> {
  const report = join(TEST_RESULTS_DIR, `${reportName}.json`);
  rmSync(report, { force: true });
  const result = await step(name, join(NODE_BIN_DIR, 'vitest'), [
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const parsed = readReport(report);
  if (parsed === undefined) {
    // Vitest died before reporting: count the whole step as one failure so the total says so.
    return { ...result, ok: false, counts: { passed: 0, failed: 1, skipped: 0 }, note: 'no JSON report written' };
  }
  const counts = { ...parsed.counts };
  let note: string | undefined;
  if (!result.ok && counts.failed === 0) {
    // Vitest failed outside any test (global setup, a config error): let the total show it.
    counts.failed = 1;
    note = 'failed outside any test, see its output above';
  }
  const ok = result.ok && counts.failed === 0;
  return { ...result, ok, counts, note, byBrowser: perBrowser ? parsed.byBrowser : undefined };
}

/** Counts tests in a vitest JSON report, overall and per browser (the e2e suites' first describe). */
function readReport(path: string): { counts: Counts; byBrowser: Map<string, Counts> } | undefined {
  if (!existsSync(path)) return undefined;
  const json = JSON.parse(readFileSync(path, 'utf8')) as VitestReport;
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const byBrowser = new Map<string, Counts>();
  for (const file of json.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      const bucket: keyof Counts = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
      counts[bucket] += 1;
      const browser = test.ancestorTitles?.[0];
      if (browser !== undefined && BROWSERS.includes(browser)) {
        const perBrowser = byBrowser.get(browser) ?? { passed: 0, failed: 0, skipped: 0 };
        perBrowser[bucket] += 1;
        byBrowser.set(browser, perBrowser);
      }
    }
    // A file can fail with no failed test (an import error, a throwing beforeAll): count it once.
    if (file.status === 'failed' && !tests.some((test) => test.status === 'failed')) {
      counts.failed += 1;
    }
  }
  return { counts, byBrowser };
}

function formatCounts({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

async function main(): Promise<void> {
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  const results: StepResult[] = [];

  results.push(await step('typecheck', join(NODE_BIN_DIR, 'tsc'), ['--noEmit']));
  results.push(await step('lint', join(NODE_BIN_DIR, 'eslint'), ['--max-warnings', '0', '.']));
  results.push(await vitestStep('unit tests', 'unit', []));
  const build = await step('build', 'npm', ['run', 'build']);
  results.push(build);
  if (build.ok) {
    // Manifest allowlist, bundle scan (no network, no eval) and Mozilla's addons-linter on the real builds.
    results.push(await vitestStep('build checks', 'build', ['-c', 'vitest.build.config.ts']));
    results.push(await vitestStep('e2e tests', 'e2e', ['-c', 'vitest.e2e.config.ts'], { perBrowser: true }));
  } else {
    console.log('\n\u2716 build checks and e2e tests not run: they test the production build, and it failed.');
    results.push({ name: 'build checks', ok: false, ran: false, seconds: 0, note: 'not run: build failed' });
    results.push({ name: 'e2e tests', ok: false, ran: false, seconds: 0, note: 'not run: build failed' });
  }

  console.log('\nSummary');
  for (const result of results) {
    const mark = result.ok ? '\u2714' : '\u2716';
    const detail = [result.counts ? formatCounts(result.counts) : undefined, result.note, result.ran ? `${result.seconds.toFixed(1)}s` : undefined]
      .filter(Boolean)
      .join(' | ');
    console.log(`  ${mark} ${result.name.padEnd(12)} ${detail}`);
    if (result.byBrowser === undefined) continue;
    for (const browser of BROWSERS) {
      const counts = result.byBrowser.get(browser);
      console.log(`      ${`${browser}:`.padEnd(10)}${counts ? formatCounts(counts) : 'no tests ran (not in E2E_BROWSERS)'}`);
    }
  }
  const failedSteps = results.filter((result) => !result.ok).map((result) => result.name);
  if (failedSteps.length > 0) console.log(`Failed: ${failedSteps.join(', ')}`);

  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    for (const key of ['passed', 'failed', 'skipped'] as const) total[key] += result.counts?.[key] ?? 0;
  }
  console.log(formatCounts(total));
  process.exitCode = failedSteps.length > 0 ? 1 : 0;
}

await main();
