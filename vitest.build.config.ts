import { defineConfig } from 'vitest/config';

/** Checks of the production builds in `.output/` (manifest, bundle, store linter). Run after `npm run build`. */
export default defineConfig({
  test: {
    include: ['tests/build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
