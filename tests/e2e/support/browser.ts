/** Launches a browser for end-to-end tests; see driver.ts for the interface tests use. */
import { EXECUTABLE_ENV, findBrowserExecutable } from '../../../scripts/lib/browsers';
import { launchChromium } from './chromium-driver';
import type { BrowserKind, Driver, LaunchOptions } from './driver';
import { launchFirefox } from './firefox-driver';

export type { BrowserKind, Driver, LaunchOptions, PageErrors, TestPage, WaitOptions } from './driver';

/** Starts Chromium or Firefox with the production build of Policy Lens (unless `extension: false`). */
export async function launchBrowser(kind: BrowserKind, options: LaunchOptions): Promise<Driver> {
  const executable = options.executable ?? findBrowserExecutable(kind);
  if (executable === undefined) {
    throw new Error(`Cannot launch ${kind}: no executable found (set ${EXECUTABLE_ENV[kind]}).`);
  }
  return kind === 'chromium' ? launchChromium(executable, options) : launchFirefox(executable, options);
}
