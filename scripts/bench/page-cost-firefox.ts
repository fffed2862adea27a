/**
 * The page-cost section in Firefox ESR: one Firefox per extension variant
 * (the floor, the production build), driven over Marionette (see
 * marionette.ts for why not WebDriver BiDi). What Firefox lets automation
 * see is the content scripts' own timing records, read from the
 * extension's sandbox by a privileged script in the page's process; there
 * is no DevTools-protocol performance metric, heap figure or `longtask`
 * entry to compare with a no-extension load, so there is no such variant.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowserExecutable, firefoxPrefs } from '../lib/browsers';
import type { LoadTiming, PageCostBrowser } from './page-cost-chromium';
import { parseTiming, TIMING_GLOBAL, type ExtensionVariant } from './page-cost-figures';
import { MarionetteClient } from './marionette';

/** Firefox sends automation no network events over Marionette; the CSP blocks every request anyway, so wait this long after load. */
const NETWORK_QUIET_MS = 500;
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Runs privileged (Marionette's system sandbox) in the page's content process: finds the
 * extension's content-script context for this window and reads its timing record from the sandbox.
 */
const SANDBOX_READ = `
const [extensionId] = arguments;
const { ExtensionContent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
let context;
try {
  context = ExtensionContent.getContextByExtensionId(extensionId, window);
} catch (error) {
  return JSON.stringify({ ran: null, timing: null, error: String(error) });
}
if (!context || !context.sandbox) return JSON.stringify({ ran: false, timing: null });
const timing = Cu.evalInSandbox(
  'JSON.stringify(globalThis[${JSON.stringify(TIMING_GLOBAL)}] ?? null)',
  context.sandbox,
);
return JSON.stringify({ ran: true, timing: JSON.parse(timing) });`;

/** Runs in the page: the load event, what is marked, and whether this Firefox knows long tasks at all. */
const MAIN_READ = `
const navigation = performance.getEntriesByType('navigation')[0];
let highlights = null;
if (globalThis.CSS && CSS.highlights) {
  highlights = 0;
  for (const highlight of CSS.highlights.values()) highlights += highlight.size;
}
return {
  loadEventMs: navigation ? navigation.loadEventEnd : null,
  highlights,
  longTasksSupported: typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes.includes('longtask'),
};`;

/**
 * What the page-cost report says Firefox could and could not measure; `longTasksSupported` is what
 * the page said about `PerformanceObserver.supportedEntryTypes` (null: never asked).
 */
export function firefoxNotes(longTasksSupported: boolean | null): string[] {
  const longTasks =
    longTasksSupported === true
      ? "long tasks (this Firefox knows 'longtask' entries, but Marionette cannot put an observer in a page before it loads)"
      : "long tasks (this Firefox has no 'longtask' entries)";
  return [
    "Firefox: only the content scripts' own timing (start → first marks, start → settled) is measured. " +
      "WebDriver BiDi lists no content-script realms (script.getRealms returns the page's window realm only) " +
      'and Firefox allows one WebDriver session, so the timing records are read over Marionette by a privileged ' +
      "script in the page's process (ExtensionContent.getContextByExtensionId → the content script's sandbox).",
    'Not measurable in Firefox: script and task time, JS heap (no DevTools-protocol Performance.getMetrics; BiDi ' +
      `has no performance metrics) and ${longTasks}; so there is no no-extension variant and no added-cost or ` +
      'ours/floor script-time figure.',
  ];
}

/** Starts Firefox with one extension installed temporarily (`extension.id` is its gecko id). */
export async function launchFirefoxVariant(
  variant: ExtensionVariant,
  extension: { dir: string; id: string },
  host: string,
  timing: LoadTiming,
): Promise<PageCostBrowser> {
  const executable = findBrowserExecutable('firefox');
  if (!executable) throw new Error('No firefox binary found (set FIREFOX_PATH)');
  const profileDir = await mkdtemp(join(tmpdir(), `policy-lens-bench-firefox-${variant}-`));
  const prefs: Record<string, unknown> = {
    ...firefoxPrefs({ hosts: [host] }),
    // Pages and content scripts get a clock rounded to 1 ms by default; a benchmark needs the real one.
    'privacy.reduceTimerPrecision': false,
    // Any free port; Firefox writes the one it took to MarionetteActivePort in the profile.
    'marionette.port': 0,
  };
  writeFileSync(
    join(profileDir, 'user.js'),
    Object.entries(prefs)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  const child = spawn(executable, ['--headless', '--marionette', '--no-remote', '--profile', profileDir], {
    stdio: 'ignore',
  });
  // If the bench dies without closing, take this Firefox down with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let client: MarionetteClient | undefined;
  const close = async () => {
    process.removeListener('exit', killOnExit);
    if (client !== undefined) {
      await client.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => undefined);
      client.close();
    }
    await exited(child, 10_000);
    await rm(profileDir, { recursive: true, force: true });
  };
  try {
    client = await MarionetteClient.connect(await activePort(profileDir, child));
    const session = await client.send<{ capabilities: { browserVersion?: string } }>('WebDriver:NewSession', {
      acceptInsecureCerts: true,
      pageLoadStrategy: 'normal',
      timeouts: { pageLoad: 60_000, script: 30_000 },
    });
    const home = unwrap<string>(await client.send('WebDriver:GetWindowHandle'));
    await client.send('Addon:Install', { path: extension.dir, temporary: true });
    const marionette = client;
    let longTasksSupported: boolean | null = null;
    // Policy Lens opens its welcome page on install: let it open, then close it with every other stray tab.
    if (variant === 'ours') await sleep(2_000);
    const closeStrays = async () => {
      const handles = unwrap<string[]>(await marionette.send('WebDriver:GetWindowHandles'));
      for (const handle of handles) {
        if (handle === home) continue;
        await marionette.send('WebDriver:SwitchToWindow', { handle, focus: false });
        await marionette.send('WebDriver:CloseWindow').catch(() => undefined);
      }
      await marionette.send('WebDriver:SwitchToWindow', { handle: home, focus: true });
    };
    await closeStrays();
    return {
      variant,
      version: `Firefox ${session.capabilities.browserVersion ?? 'unknown'}`,
      notes: () => firefoxNotes(longTasksSupported),
      async load(url, round) {
        const { handle } = await marionette.send<{ handle: string }>('WebDriver:NewWindow', { type: 'tab', focus: true });
        await marionette.send('WebDriver:SwitchToWindow', { handle, focus: true });
        try {
          await marionette.send('WebDriver:Navigate', { url });
          await sleep(NETWORK_QUIET_MS + timing.settleMs);
          const read = await marionette.send<{ value: string }>('WebDriver:ExecuteScript', {
            script: SANDBOX_READ,
            args: [extension.id],
            sandbox: 'system',
          });
          const main = (
            await marionette.send<{ value: { loadEventMs: number | null; highlights: number | null; longTasksSupported: boolean } }>(
              'WebDriver:ExecuteScript',
              { script: MAIN_READ, args: [] },
            )
          ).value;
          longTasksSupported = main.longTasksSupported;
          const recorded = JSON.parse(read.value) as { ran: boolean | null; timing: unknown; error?: string };
          if (recorded.ran === null) throw new Error(`could not look for the content script's sandbox: ${recorded.error ?? 'unknown error'}`);
          const textNodes = (recorded.timing as { textNodes?: unknown } | null)?.textNodes;
          const parsed = parseTiming(recorded.timing);
          return {
            variant,
            round,
            scriptMs: null,
            tracedScriptMs: null,
            taskMs: null,
            styleMs: null,
            layoutMs: null,
            heapBytes: null,
            heapAfterGcBytes: null,
            loadEventMs: main.loadEventMs,
            longTasks: null,
            timing: parsed === null ? null : { ...parsed, ...(typeof textNodes === 'number' ? { textNodes } : {}) },
            contentScriptRan: recorded.ran,
            highlights: main.highlights,
          };
        } finally {
          await marionette.send('WebDriver:CloseWindow').catch(() => undefined);
          await marionette.send('WebDriver:SwitchToWindow', { handle: home, focus: true }).catch(() => undefined);
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Marionette answers some commands with the value itself, others with `{ value }`. */
function unwrap<Value>(result: unknown): Value {
  if (result !== null && typeof result === 'object' && !Array.isArray(result) && 'value' in result) return (result as { value: Value }).value;
  return result as Value;
}

/** The Marionette port Firefox reports in its profile once it listens. */
async function activePort(profileDir: string, child: ChildProcess): Promise<number> {
  const file = join(profileDir, 'MarionetteActivePort');
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Firefox exited at startup (code ${child.exitCode})`);
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(port) && port > 0) return port;
    }
    await sleep(100);
  }
  throw new Error(`Firefox did not start Marionette within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await done;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
