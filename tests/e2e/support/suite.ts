/**
 * `forEachBrowser` writes a test once and runs it in every selected browser: one `describe`
 * per browser (named exactly `chromium` / `firefox`, which scripts/test.mjs groups by), each
 * with its own fixture server and browser, launched before its tests and closed after them.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { REPO_ROOT } from '../../../scripts/lib/browsers';
import { launchBrowser, type BrowserKind, type Driver } from './browser';
import { selectedBrowsers } from './selection';
import { startFixtureServer, type FixtureServer, type Route } from './server';

/** Where screenshots of failed tests go. */
export const FAILURE_SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/** What a browser's tests get; the getters throw if used outside a test or hook. */
export interface BrowserSuite {
  readonly kind: BrowserKind;
  /** The running browser. */
  driver(): Driver;
  /** The fixture server the browser's DNS points at. */
  server(): FixtureServer;
}

/** Options for {@link forEachBrowser}. */
export interface BrowserSuiteOptions {
  /** Install Policy Lens (default true). */
  extension?: boolean;
  /** Extra routes on the fixture server, e.g. a page sent with a strict CSP header. */
  routes?: Readonly<Record<string, Route>>;
}

/** Defines the same tests once per selected browser. */
export function forEachBrowser(define: (suite: BrowserSuite) => void, options: BrowserSuiteOptions = {}): void {
  for (const { kind, executable, skipReason } of selectedBrowsers()) {
    describe.skipIf(skipReason !== undefined)(kind, () => {
      let driver: Driver | undefined;
      let server: FixtureServer | undefined;
      let launchError: unknown;

      beforeAll(async () => {
        try {
          server = await startFixtureServer({ routes: options.routes });
          driver = await launchBrowser(kind, { server, executable, extension: options.extension });
        } catch (error) {
          launchError = error;
        }
      });

      // A browser that cannot start fails each of its tests by name (vitest would report them as
      // skipped if beforeAll threw, which reads like success in a summary).
      beforeEach(() => {
        if (launchError !== undefined) throw launchError;
      });

      afterEach(async (context) => {
        if (driver === undefined) return;
        // A picture of each open tab when a test fails, named after the test.
        if (context.task.result?.state === 'fail') {
          const name = `${kind}-${context.task.name}`.replace(/[^\w.-]+/g, '-').slice(0, 120);
          await driver.screenshotPages(join(FAILURE_SCREENSHOT_DIR, name)).catch(() => undefined);
        }
        await driver.closePages();
      });

      afterAll(async () => {
        await driver?.close();
        await server?.close();
      });

      define({
        kind,
        driver: () => driver ?? fail(`${kind} is not running: use driver() inside a test or hook.`),
        server: () => server ?? fail('The fixture server is not running: use server() inside a test or hook.'),
      });
    });
  }
}

function fail(message: string): never {
  throw new Error(message);
}
