/** The fixture server for end-to-end tests: tests/fixtures over HTTPS on news-site host names. */
import { join } from 'node:path';
import { REPO_ROOT } from '../../../scripts/lib/browsers';
import { startHttpsServer, type HttpsServer, type Route } from '../../../scripts/lib/https-server';

export { htmlResponse, type Route, type RouteResponse } from '../../../scripts/lib/https-server';

/** Folder of static fixture pages. */
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');

/**
 * Host names the browsers resolve to the fixture server. All but `notListed` are built-in news
 * sites (src/sites/news-sites.json), so the content script runs there without being asked.
 */
export const FIXTURE_HOSTS = {
  nytimes: 'www.nytimes.com',
  washingtonpost: 'www.washingtonpost.com',
  timesofisrael: 'www.timesofisrael.com',
  /** A bare registrable domain, no `www.`. */
  apnews: 'apnews.com',
  /** Not a built-in site: the extension stays off here unless the user adds it. */
  notListed: 'www.example-news.test',
} as const;

/** The running fixture server (see HttpsServer in scripts/lib/https-server.ts). */
export type FixtureServer = HttpsServer;

/** Starts the fixture server on an ephemeral loopback port. */
export function startFixtureServer(options: { root?: string; routes?: Readonly<Record<string, Route>> } = {}): Promise<FixtureServer> {
  return startHttpsServer({
    hosts: Object.values(FIXTURE_HOSTS),
    root: options.root ?? FIXTURES_DIR,
    // An empty favicon keeps browsers from logging a 404 that would read as a page error.
    routes: { '/favicon.ico': { status: 204 }, ...options.routes },
  });
}
