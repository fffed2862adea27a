import { defineConfig } from 'vitest/config';

/** End-to-end tests: the production builds in real browsers. One browser at a time on a 2-core machine. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['tests/e2e/support/global-setup.ts'],
  },
});
