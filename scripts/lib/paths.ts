/**
 * Where things are, for every script and test helper that runs in Node: the repository root
 * and the folders and files more than one script reads or writes. Computed once, here.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserKind } from './browsers';

/** The repository root (this file lives in scripts/lib). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The folder beside the repository with material that is not committed here (corpus, seed texts). */
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');

/** The shared corpus of saved news pages (absent on most machines). */
export const SHARED_CORPUS_DIR = join(SHARED_DIR, 'corpus', 'news-pages');

/** The source texts the bundled notes summarize, for the copied-passage check (absent on most machines). */
export const SHARED_SEEDS_DIR = join(SHARED_DIR, 'seeds');

/** The bundled policy notes. */
export const NOTES_FILE = join(REPO_ROOT, 'src', 'data', 'policy-notes.json');

/** The labelled evaluation set (articles and sentences). */
export const EVAL_DIR = join(REPO_ROOT, 'tests', 'eval');

/** The demo article `npm start` and the screenshots show. */
export const DEMO_ARTICLE = join(REPO_ROOT, 'assets', 'demo', 'article.html');

/** The project's own command-line tools (tsc, eslint, vitest, wxt). */
export const NODE_BIN_DIR = join(REPO_ROOT, 'node_modules', '.bin');

/** WXT's output folder: production builds, zips, the demo screenshot. */
export const OUTPUT_DIR = join(REPO_ROOT, '.output');

/** Scratch files that may be rebuilt at any time (bench bundles). */
export const CACHE_DIR = join(REPO_ROOT, '.cache');

/** Test reports (vitest JSON) and failure screenshots. */
export const TEST_RESULTS_DIR = join(REPO_ROOT, 'test-results');

/** What a production build is made from, relative to REPO_ROOT: a build older than any of them is stale. */
export const BUILD_SOURCE_PATHS: readonly string[] = ['entrypoints', 'src', 'assets/public', 'wxt.config.ts', 'package.json'];

/** WXT's output folder for each browser's production build. */
export function extensionBuildDir(kind: BrowserKind): string {
  return join(OUTPUT_DIR, kind === 'chromium' ? 'chrome-mv3' : 'firefox-mv3');
}
