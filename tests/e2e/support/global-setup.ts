/**
 * Runs once before the end-to-end files: refuses to test a missing build, warns about a stale
 * one, and says which browsers run and why any is skipped.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, extensionBuildDir } from '../../../scripts/lib/browsers';
import { selectedBrowsers } from './selection';

/** Sources whose changes the production build must include. */
const SOURCE_PATHS = ['entrypoints', 'src', 'assets/public', 'wxt.config.ts', 'package.json'];

/** Vitest global setup. */
export default function setup(): void {
  const selections = selectedBrowsers();
  const missing = selections.filter((selection) => selection.requested && selection.executable === undefined);
  if (missing.length > 0) {
    throw new Error(`E2E_BROWSERS asks for ${missing.map((m) => m.kind).join(', ')}: ${missing.map((m) => m.skipReason).join('; ')}`);
  }

  const newestSource = newestMtime(SOURCE_PATHS.map((path) => join(REPO_ROOT, path)));
  for (const { kind, executable, skipReason } of selections) {
    if (executable === undefined) {
      console.warn(`[e2e] ${kind}: SKIPPED, ${skipReason}`);
      continue;
    }
    const manifest = join(extensionBuildDir(kind), 'manifest.json');
    if (!existsSync(manifest)) {
      throw new Error(`[e2e] ${relative(REPO_ROOT, manifest)} is missing: run npm run build first (npm test builds for you).`);
    }
    if (statSync(manifest).mtimeMs < newestSource) {
      console.warn(`[e2e] ${kind}: the build in ${relative(REPO_ROOT, extensionBuildDir(kind))} is older than the sources; run npm run build to test your changes.`);
    }
    console.log(`[e2e] ${kind}: ${executable} with ${relative(REPO_ROOT, extensionBuildDir(kind))}`);
  }
}

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const info = statSync(path);
    if (info.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(path).map((entry) => join(path, entry))));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  }
  return newest;
}
