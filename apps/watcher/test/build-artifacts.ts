/**
 * Vitest global set-up: builds the bundle and the single-file binary once for the whole run,
 * with the same script `npm run build:binary` runs, so the tests always exercise what the
 * current sources produce (about 4 s). Needs the CLI built (`npm run build`), like the CLI's
 * own end-to-end tests.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of dist/watchbot.cjs, as the build script reported it. */
    bundlePath: string;
    /** Absolute path of dist/watchbot. */
    binaryPath: string;
  }
}

export default function setup(project: TestProject): void {
  const appDir = fileURLToPath(new URL('..', import.meta.url));
  const result = spawnSync(process.execPath, ['scripts/build-binary.mjs'], { cwd: appDir, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`scripts/build-binary.mjs exited ${String(result.status ?? result.signal)}:\n${result.stdout}${result.stderr}`);
  }
  // The script prints "bundle  <path>  <size>" and "binary  <path>  <size>", paths relative to its cwd.
  const produced = new Map(
    result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/))
      .map(([kind = '', path = '']) => [kind, resolve(appDir, path)] as const),
  );
  const bundlePath = produced.get('bundle');
  const binaryPath = produced.get('binary');
  if (bundlePath === undefined || binaryPath === undefined) throw new Error(`unexpected build-binary output:\n${result.stdout}`);
  project.provide('bundlePath', bundlePath);
  project.provide('binaryPath', binaryPath);
}
