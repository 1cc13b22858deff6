import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '../../test-results/dashboard.json' },
    // The page's stylesheet is imported as text (`?raw`): let Vite load it instead of stubbing CSS out.
    css: { include: [/src\/page\//] },
  },
});
