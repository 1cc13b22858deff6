import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One scenario at a time: each starts real processes and times real outages, and two side
    // by side on a 2-core machine would measure the machine rather than the watcher.
    fileParallelism: false,
    // Real processes, real outages (30 s by default) and real visibility timeouts.
    testTimeout: 240_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '../../test-results/faults.json' },
  },
});
