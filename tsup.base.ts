/**
 * The build every package shares: ESM for Node 22+, type declarations, source maps. A package's
 * tsup.config.ts names its entries and anything it does differently.
 */
import { defineConfig } from 'tsup';
import type { Options } from 'tsup';

/** The tsup config for a package with these entry files. */
export function packageBuild(entry: string[], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    // Keep `node:` prefixes: node:sqlite exists only under its prefix.
    removeNodeProtocol: false,
    ...overrides,
  });
}
