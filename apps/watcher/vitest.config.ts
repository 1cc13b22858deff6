import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Builds dist/watchbot.cjs and dist/watchbot once, before any test file runs.
    globalSetup: ['test/build-artifacts.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '../../test-results/watcher.json' },
  },
});
