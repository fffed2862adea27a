/**
 * Bundles the page side of the benchmark (`kernels.ts`, which imports the
 * real matcher and scanner) into one classic script with Vite, so it can be
 * evaluated in any page, whatever that page's module or CSP setup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { compiledNotesPlugin } from '../build/compiled-notes';
import { CACHE_DIR, REPO_ROOT } from '../lib/paths';

/** Where the bundle is written (git-ignored). */
export const KERNELS_OUT_DIR = join(CACHE_DIR, 'bench');
const KERNELS_ENTRY = join(REPO_ROOT, 'scripts', 'bench', 'kernels.ts');
const KERNELS_FILE = 'kernels.js';

/** Builds the kernels bundle and returns its source. */
export async function buildKernels(): Promise<string> {
  await build({
    configFile: false,
    root: REPO_ROOT,
    // The matcher tables the extension ships, compiled the same way.
    plugins: [compiledNotesPlugin()],
    logLevel: 'warn',
    resolve: {
      alias: [
        // The scanner needs one helper from settings; the settings index also pulls in extension
        // storage, which a plain web page does not have. Point it at the pure module instead.
        { find: /^@\/src\/settings$/, replacement: join(REPO_ROOT, 'src', 'settings', 'hostnames.ts') },
        { find: /^@\//, replacement: `${REPO_ROOT}/` },
      ],
    },
    build: {
      lib: { entry: KERNELS_ENTRY, formats: ['iife'], name: 'policyLensBenchKernels', fileName: () => KERNELS_FILE },
      outDir: KERNELS_OUT_DIR,
      // Only kernels.js is ours to replace; the folder also holds reports people write there.
      emptyOutDir: false,
      // The same targets as the extension build, so the page runs the code the extension ships.
      target: ['chrome105', 'firefox140'],
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
    },
  });
  return readFileSync(join(KERNELS_OUT_DIR, KERNELS_FILE), 'utf8');
}
