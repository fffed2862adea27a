/**
 * Where the browsers are and how to start them with the production build of the extension loaded.
 * Shared by the end-to-end tests and the demo so both run the extension the same way.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The two browsers Policy Lens ships for. */
export type BrowserKind = 'chromium' | 'firefox';

/** Both kinds, in the order tests run them. */
export const BROWSER_KINDS: readonly BrowserKind[] = ['chromium', 'firefox'];

// Paths live in paths.ts; re-exported for the end-to-end support code, which imports them from here.
export { REPO_ROOT, extensionBuildDir } from './paths';

/** The env variable that names a browser binary explicitly, per kind. */
export const EXECUTABLE_ENV: Readonly<Record<BrowserKind, string>> = {
  chromium: 'CHROME_PATH',
  firefox: 'FIREFOX_PATH',
};

const EXECUTABLE_NAMES: Readonly<Record<BrowserKind, readonly string[]>> = {
  // Chromium first: branded Chrome 137+ ignores --load-extension.
  chromium: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
  firefox: ['firefox-esr', 'firefox'],
};

/** The browser binary to use: the env override if set, else the first known name on PATH or in /usr/bin. */
export function findBrowserExecutable(kind: BrowserKind, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env[EXECUTABLE_ENV[kind]];
  if (override) return isExecutable(override) ? override : undefined;
  const dirs = [...new Set([...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'])];
  for (const name of EXECUTABLE_NAMES[kind]) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium's `--host-resolver-rules`: each host to 127.0.0.1 (optionally port 443 → `port443To`), everything else unresolvable. */
export function chromiumHostResolverRules(hosts: readonly string[], port443To?: number): string {
  const maps = hosts.map((host) =>
    port443To === undefined ? `MAP ${host} 127.0.0.1` : `MAP ${host}:443 127.0.0.1:${port443To}`,
  );
  // Nothing else resolves, so a test or the demo can never reach the real network.
  return [...maps, 'MAP * ~NOTFOUND', 'EXCLUDE localhost'].join(', ');
}

/** Switches every Chromium we start gets: no sandbox (containers), no GPU, no background traffic, no first-run UI. */
export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Command-line switches for Chromium with an unpacked extension loaded (or none). */
export function chromiumArgs(options: { extensionDir?: string; hostResolverRules: string }): string[] {
  const extension = options.extensionDir
    ? [
        `--disable-extensions-except=${options.extensionDir}`,
        `--load-extension=${options.extensionDir}`,
      ]
    : ['--disable-extensions'];
  return [
    ...extension,
    ...QUIET_CHROMIUM_ARGS,
    '--no-default-browser-check',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${options.hostResolverRules}`,
  ];
}

/** The extension id Firefox uses (browser_specific_settings.gecko.id in the built manifest). */
export function firefoxExtensionId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** A port nothing listens on (TCP port 9, "discard", is not served on test machines). */
const CLOSED_LOOPBACK_PORT = 9;

/**
 * Firefox preferences for a test or demo profile. The extension's moz-extension:// UUID is chosen
 * up front (Firefox reuses a UUID it finds in this pref) so its pages can be opened by URL.
 */
export function firefoxPrefs(options: {
  hosts: readonly string[];
  extension?: { id: string; uuid: string };
}): Record<string, unknown> {
  return {
    // These host names resolve to the loopback server instead of the network.
    'network.dns.localDomains': options.hosts.join(','),
    // Every other host goes through a proxy on a closed loopback port, so it fails at once and
    // nothing reaches the network (Chromium gets the same from its resolver rules). Saved pages
    // name dozens of ad and CDN hosts; without this each waits out a DNS lookup.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': CLOSED_LOOPBACK_PORT,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': CLOSED_LOOPBACK_PORT,
    'network.proxy.no_proxies_on': options.hosts.join(','),
    ...(options.extension
      ? { 'extensions.webextensions.uuids': JSON.stringify({ [options.extension.id]: options.extension.uuid }) }
      : {}),
  };
}

/**
 * Firefox switch that lets WebDriver BiDi navigate a tab to a moz-extension:// page (refused
 * otherwise as "not allowed in this context"). Affects only the automation session.
 */
export const FIREFOX_ALLOW_EXTENSION_PAGES_ARG = '-remote-allow-system-access';
