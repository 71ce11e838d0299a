import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
    // The CLI tests spawn dist/cli.js: build it first when the sources are newer.
    globalSetup: ['test/global-setup.ts'],
  },
});
