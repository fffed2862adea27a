/**
 * `npm start`: builds the extension, serves the demo article as https://www.nytimes.com/policy-lens-demo/
 * from this machine (the browser's DNS is pointed at a local server; nothing goes to the network),
 * and opens it in a browser with Policy Lens loaded from a throwaway profile.
 *
 *   npm start                             Chromium, in a window (headless + screenshot without a display)
 *   npm start -- --screenshot out.png     headless: save a screenshot and exit
 *   npm start -- --browser firefox        Firefox instead of Chromium
 *
 * Env: CHROME_PATH / FIREFOX_PATH pick the browser binary.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BROWSER_KINDS,
  chromiumArgs,
  chromiumHostResolverRules,
  EXECUTABLE_ENV,
  findBrowserExecutable,
  firefoxPrefs,
  type BrowserKind,
} from './lib/browsers';
import { htmlResponse, startHttpsServer, type HttpsServer } from './lib/https-server';
import { DEMO_ARTICLE, extensionBuildDir, NODE_BIN_DIR, OUTPUT_DIR, REPO_ROOT } from './lib/paths';

const DEMO_HOST = 'www.nytimes.com';
const DEMO_PATH = '/policy-lens-demo/';
const FALLBACK_ARTICLE = join(REPO_ROOT, 'tests', 'fixtures', 'article-basic.html');
const DEFAULT_SCREENSHOT = join(OUTPUT_DIR, 'demo.png');
const VIEWPORT = { width: 1280, height: 860 };
const HIGHLIGHT_PREFIX = 'policy-lens-';

const USAGE = `Usage: npm start [-- --browser chromium|firefox] [--screenshot FILE]`;

interface Point {
  x: number;
  y: number;
}

/** What the demo needs from a page, whichever library drives the browser. */
interface DemoPage {
  evaluate: (probe: typeof findFirstMention, arg: [string, number]) => Promise<Point | undefined>;
  mouseMove: (x: number, y: number) => Promise<unknown>;
  screenshot: (path: string) => Promise<unknown>;
}

/** Undo steps, run in order when the demo stops. */
type Cleanup = () => unknown;

function parseOptions(): { kind: BrowserKind; screenshot: string | undefined } {
  const { values } = parseArgs({
    options: {
      browser: { type: 'string', default: 'chromium' },
      screenshot: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const kind = BROWSER_KINDS.find((known) => known === values.browser);
  if (!kind) {
    console.error(`Unknown browser "${values.browser}". ${USAGE}`);
    process.exit(2);
  }
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!values.screenshot && !hasDisplay) {
    console.log('No display found (DISPLAY is not set): running headless and saving a screenshot instead of opening a window.');
  }
  const screenshot = values.screenshot ? resolve(values.screenshot) : hasDisplay ? undefined : DEFAULT_SCREENSHOT;
  return { kind, screenshot };
}

/** Builds the one browser's production extension (a couple of seconds), so the demo never shows stale code. */
function build(kind: BrowserKind): Promise<void> {
  const args = ['build', ...(kind === 'firefox' ? ['-b', 'firefox'] : [])];
  console.log(`Building the ${kind} extension (wxt ${args.join(' ')})...`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(NODE_BIN_DIR, 'wxt'), args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`wxt ${args.join(' ')} failed (exit ${code})`))));
  });
}

async function startDemoServer(): Promise<HttpsServer> {
  const article = existsSync(DEMO_ARTICLE) ? DEMO_ARTICLE : FALLBACK_ARTICLE;
  if (article === FALLBACK_ARTICLE) console.log(`${relative(REPO_ROOT, DEMO_ARTICLE)} is missing; showing the test fixture instead.`);
  return startHttpsServer({
    hosts: [DEMO_HOST],
    // Files next to the article (images, styles) are served under the demo path too.
    root: dirname(article),
    routes: {
      [DEMO_PATH]: htmlResponse(await readFile(article, 'utf8')),
      '/favicon.ico': { status: 204 },
    },
  });
}

/**
 * Runs in the page: waits for our highlights, then returns the centre of the first marked mention
 * (scrolled into view). Serialized into the page, so it declares no named function inside (tsx
 * would wrap it in a helper the page does not have).
 */
async function findFirstMention([prefix, timeoutMs]: [string, number]): Promise<Point | undefined> {
  const started = performance.now();
  for (;;) {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith(prefix)) continue;
      for (const range of highlight) {
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        // Policy Lens registers live Ranges, which have a box.
        const rect = (range as Range).getBoundingClientRect();
        if (rect.width > 0) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    if (performance.now() - started > timeoutMs) return undefined;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** Hovers the first mention (so the hover card shows) and saves the viewport. */
async function takeScreenshot({ evaluate, mouseMove, screenshot }: DemoPage, file: string): Promise<void> {
  const point = await evaluate(findFirstMention, [HIGHLIGHT_PREFIX, 10_000]);
  if (point) {
    await mouseMove(point.x, point.y);
    // Give the hover card its open delay and a frame to paint; this is a picture, not a test.
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 1500));
  } else {
    console.log('No Policy Lens highlights appeared within 10 s; the screenshot shows the page as is.');
  }
  await mkdir(dirname(file), { recursive: true });
  await screenshot(file);
  console.log(`Screenshot saved: ${file}`);
}

async function runChromium(executable: string, server: HttpsServer, screenshotFile: string | undefined, cleanups: Cleanup[]): Promise<void> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'policy-lens-demo-chromium-'));
  cleanups.push(() => rm(profile, { recursive: true, force: true, maxRetries: 3 }));
  const headless = screenshotFile !== undefined;
  const launching = chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless,
    // Ctrl-C is ours to handle: close the browser, then delete its profile, in that order.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    ignoreHTTPSErrors: true,
    viewport: headless ? VIEWPORT : null,
    args: [
      ...chromiumArgs({
        extensionDir: extensionBuildDir('chromium'),
        // Port 443 maps to the local server, so the address bar shows a plain https://www.nytimes.com/ URL.
        hostResolverRules: chromiumHostResolverRules([DEMO_HOST], server.port),
      }),
      ...(headless ? [] : [`--window-size=${VIEWPORT.width},${VIEWPORT.height + 120}`]),
    ],
  });
  // Registered before the launch settles, so Ctrl-C during start-up still closes the browser first.
  cleanups.unshift(() => launching.then((context) => context.close()).catch(() => undefined));
  const context = await launching;

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => undefined));
  if (!worker) {
    console.warn(
      `Policy Lens did not start in ${executable}. Branded Google Chrome 137+ ignores --load-extension; ` +
        'use Chromium (CHROME_PATH=/path/to/chromium), or load .output/chrome-mv3 at chrome://extensions (Developer mode → Load unpacked).',
    );
  }

  const page = context.pages()[0] ?? (await context.newPage());
  const url = `https://${DEMO_HOST}${DEMO_PATH}`;
  await page.goto(url);
  if (headless) {
    await takeScreenshot(
      {
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        mouseMove: (x, y) => page.mouse.move(x, y),
        screenshot: (path) => page.screenshot({ path }),
      },
      screenshotFile,
    );
    return;
  }
  console.log(`Opened ${url} in Chromium with Policy Lens. Hover a highlighted term; pin the toolbar button from the puzzle menu.`);
  console.log('Close the browser window (or press Ctrl-C) to stop the demo.');
  await new Promise((resolveClosed) => context.once('close', resolveClosed));
}

async function runFirefox(executable: string, server: HttpsServer, screenshotFile: string | undefined, cleanups: Cleanup[]): Promise<void> {
  const { default: puppeteer } = await import('puppeteer-core');
  const headless = screenshotFile !== undefined;
  const launching = puppeteer.launch({
    browser: 'firefox',
    executablePath: executable,
    headless,
    acceptInsecureCerts: true,
    defaultViewport: headless ? VIEWPORT : null,
    extraPrefsFirefox: firefoxPrefs({ hosts: [DEMO_HOST] }),
    // Ctrl-C is ours to handle (see main).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.unshift(() => launching.then((browser) => browser.close()).catch(() => undefined));
  const browser = await launching;
  await browser.installExtension(extensionBuildDir('firefox'));

  const page = (await browser.pages())[0] ?? (await browser.newPage());
  // The window Firefox opens with ignores defaultViewport; size it for a predictable picture.
  if (headless) await page.setViewport(VIEWPORT);
  // Firefox cannot remap ports, so the URL keeps the local server's port; content scripts ignore ports.
  const url = server.url(DEMO_HOST, DEMO_PATH);
  await page.goto(url);
  if (headless) {
    await takeScreenshot(
      {
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        mouseMove: (x, y) => page.mouse.move(x, y),
        screenshot: (path) => page.screenshot({ path }),
      },
      screenshotFile,
    );
    return;
  }
  console.log(`Opened ${url} in Firefox with Policy Lens (a temporary add-on). Hover a highlighted term.`);
  console.log('Close the browser window (or press Ctrl-C) to stop the demo.');
  await new Promise((resolveClosed) => browser.once('disconnected', resolveClosed));
}

async function main(): Promise<void> {
  const { kind, screenshot } = parseOptions();
  const executable = findBrowserExecutable(kind);
  if (!executable) {
    console.error(`No ${kind} found. Install it or set ${EXECUTABLE_ENV[kind]}=/path/to/browser.`);
    process.exit(1);
  }
  await build(kind);

  const server = await startDemoServer();
  /** Undo steps, run in order: the browser first (runners put it at the front), then the rest. */
  const cleanups: Cleanup[] = [() => server.close()];
  let cleaning: Promise<unknown> | undefined;
  const cleanUp = () => (cleaning ??= cleanups.reduce<Promise<unknown>>((done, undo) => done.then(undo).catch(() => undefined), Promise.resolve()));
  const onSignal = () => {
    console.log('\nStopping the demo...');
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (kind === 'firefox') await runFirefox(executable, server, screenshot, cleanups);
    else await runChromium(executable, server, screenshot, cleanups);
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
