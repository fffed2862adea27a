/**
 * The two extensions the page-cost section loads: the floor kept in
 * scripts/bench/floor-extension (plain files, no build step) and the
 * production build in .output. What their manifests make the browser
 * evaluate on a page, and whether the build is there and current.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserKind } from '../lib/browsers';
import { BUILD_SOURCE_PATHS, extensionBuildDir, REPO_ROOT } from '../lib/paths';

/** The floor extension: a content script that walks and reads every text node, nothing else. */
export const FLOOR_EXTENSION_DIR = join(REPO_ROOT, 'scripts', 'bench', 'floor-extension');
/** The floor's id in Firefox (browser_specific_settings.gecko.id in its manifest). */
export const FLOOR_GECKO_ID = 'policy-lens-bench-floor@policy-lens.org';

interface ContentScriptEntry {
  matches?: string[];
  exclude_matches?: string[];
  js?: string[];
  css?: string[];
}

/** A manifest's content scripts for one URL. */
export interface ContentScriptFiles {
  /** Script files, relative to the extension folder, in manifest order. */
  js: string[];
  /** Their total size in bytes: what the browser evaluates on every page load. */
  bytes: number;
}

/**
 * Whether a WebExtension match pattern matches `url` (scheme, host with an optional `*.` prefix,
 * path glob). Enough for the patterns these manifests use; `<all_urls>` matches everything.
 */
export function matchPatternMatches(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return true;
  const parts = /^(\*|https?|wss?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = parsed.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const domain = host.slice(2).toLowerCase();
      if (hostname !== domain && !hostname.endsWith(`.${domain}`)) return false;
    } else if (hostname !== host.toLowerCase()) {
      return false;
    }
  }
  const glob = new RegExp(`^${path.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return glob.test(parsed.pathname + parsed.search);
}

/** The content-script files `manifest` (parsed manifest.json) injects into `url`. */
export function contentScriptsFor(manifest: unknown, url: string): string[] {
  const entries = ((manifest as { content_scripts?: ContentScriptEntry[] } | null)?.content_scripts ?? []).filter(
    (entry) =>
      (entry.matches ?? []).some((pattern) => matchPatternMatches(pattern, url)) &&
      !(entry.exclude_matches ?? []).some((pattern) => matchPatternMatches(pattern, url)),
  );
  return [...new Set(entries.flatMap((entry) => entry.js ?? []))];
}

/** The content scripts of the extension in `dir` that run on `url`, and their size. */
export function contentScriptFiles(dir: string, url: string): ContentScriptFiles {
  const manifest: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const js = contentScriptsFor(manifest, url);
  return { js, bytes: js.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0) };
}

/**
 * The production build for `kind`, which must exist: throws a message saying how to make it.
 * Returns a warning when the build is older than the sources.
 */
export function requireProductionBuild(kind: BrowserKind): { dir: string; warning: string | undefined } {
  const dir = extensionBuildDir(kind);
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `Page cost needs the production build: ${relative(REPO_ROOT, manifest)} is missing. Run npm run build first ` +
        '(or npm run bench -- --only kernels to skip the page-cost section).',
    );
  }
  const stale = statSync(manifest).mtimeMs < newestMtime(BUILD_SOURCE_PATHS.map((path) => join(REPO_ROOT, path)));
  return {
    dir,
    warning: stale ? `the build in ${relative(REPO_ROOT, dir)} is older than the sources; run npm run build to measure your changes` : undefined,
  };
}

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const info = statSync(path);
    newest = Math.max(newest, info.isDirectory() ? newestMtime(readdirSync(path).map((entry) => join(path, entry))) : info.mtimeMs);
  }
  return newest;
}
