import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the production builds in real browsers (E2E_BROWSERS=chromium,firefox picks
 * them). One browser and one file at a time: the machines that run this have two cores.
 */
export default defineConfig({
  // Some suites compare the browser with the Node path of the same code (src/page, src/matching).
  resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Launching a browser and installing the extension happens in beforeAll.
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    maxWorkers: 1,
    globalSetup: ['tests/e2e/support/global-setup.ts'],
  },
});
