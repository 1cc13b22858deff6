#!/usr/bin/env node
/**
 * Builds the watcher's two shipping forms from the built CLI (`npm run build` first):
 *
 *   dist/watchbot.cjs  one CommonJS file holding the whole CLI: what the container image runs
 *                      with `node watchbot.cjs listen …` (--bundle-only stops here), and
 *                      beside it esbuild's metafile (watchbot.cjs.meta.json);
 *   dist/watchbot      a single-file executable (Node SEA): a copy of the running `node` with
 *                      that bundle injected, runnable on any Linux of the same architecture
 *                      with no Node.js installed.
 *
 * Usage: node scripts/build-binary.mjs [--bundle-only] [--no-strip]
 * Prints one line per artifact with its size.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const distDir = join(appDir, 'dist');
/** The bundle: the Dockerfile copies exactly this file (apps/watcher/dist/watchbot.cjs). */
const bundlePath = join(distDir, 'watchbot.cjs');
/** The single-file executable. */
const binaryPath = join(distDir, 'watchbot');
const seaDir = join(distDir, 'sea');
/** The fuse Node checks to know a blob was injected (documented with Node's SEA). */
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const args = new Set(process.argv.slice(2));
const fail = (message) => {
  process.stderr.write(`build-binary: ${message}\n`);
  process.exit(1);
};
const unknown = [...args].filter((arg) => arg !== '--bundle-only' && arg !== '--no-strip');
if (unknown.length > 0) fail(`unknown option ${unknown[0]}; usage: node scripts/build-binary.mjs [--bundle-only] [--no-strip]`);
const size = (path) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MiB`;

await bundle();
process.stdout.write(`bundle  ${relative(process.cwd(), bundlePath)}  ${size(bundlePath)}\n`);
if (!args.has('--bundle-only')) {
  await buildExecutable();
  process.stdout.write(`binary  ${relative(process.cwd(), binaryPath)}  ${size(binaryPath)}\n`);
}

/** Bundles src/main.ts and everything it imports (yargs, the CLI, core, the adapters) into one CJS file. */
async function bundle() {
  const result = await build({
    entryPoints: [join(appDir, 'src', 'main.ts')],
    outfile: bundlePath,
    bundle: true,
    // A SEA's main script must be CommonJS; yargs 18 is ESM-only, which esbuild converts.
    format: 'cjs',
    platform: 'node',
    target: 'node24',
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
    // `node:` prefixes stay as written: node:sqlite exists only under its prefix.
    // ESM code (yargs' shims) reads import.meta.url, which CommonJS lacks: give it the file's own URL.
    banner: { js: 'var __watchbot_import_meta_url=require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__watchbot_import_meta_url' },
    metafile: true,
  });
  if (result.errors.length > 0) fail('esbuild failed');
  // What went into the bundle and what it still imports (only Node built-ins): for tests and size analysis.
  writeFileSync(`${bundlePath}.meta.json`, JSON.stringify(result.metafile));
  // The hashbang of src/main.ts is dropped: Node wraps a SEA's script in a function, where a
  // hashbang is a syntax error; the bundle is started with `node`, the binary by itself.
  const text = readFileSync(bundlePath, 'utf8');
  if (text.startsWith('#!')) writeFileSync(bundlePath, text.slice(text.indexOf('\n') + 1));
}

/** Turns the bundle into a single executable: blob, copy of node, strip, inject. */
async function buildExecutable() {
  if (process.platform !== 'linux') fail(`the single-file binary is built on Linux only (this is ${process.platform})`);
  // The binary is a copy of the node that runs this script: it must be the Node 24 the project targets.
  if (Number(process.versions.node.split('.')[0]) < 24) fail(`build the binary with Node.js 24 (this is ${process.versions.node})`);
  rmSync(seaDir, { recursive: true, force: true });
  mkdirSync(seaDir, { recursive: true });
  const blobPath = join(seaDir, 'sea-prep.blob');
  const configPath = join(seaDir, 'sea-config.json');
  writeFileSync(
    configPath,
    `${JSON.stringify(
      {
        main: bundlePath,
        output: blobPath,
        disableExperimentalSEAWarning: true,
        // V8's compiled code for the bundle rides in the blob: start-up skips parsing ~2 MB of JavaScript.
        useCodeCache: true,
      },
      null,
      2,
    )}\n`,
  );
  run(process.execPath, ['--experimental-sea-config', configPath], { quiet: true });

  rmSync(binaryPath, { force: true });
  copyFileSync(process.execPath, binaryPath);
  chmodSync(binaryPath, 0o755);
  // Node's release binary carries ~17 MB of symbols. Strip before injecting, so strip never
  // rewrites the section that holds the blob.
  if (!args.has('--no-strip')) {
    const stripped = spawnSync('strip', ['--strip-all', binaryPath], { stdio: 'inherit' });
    if (stripped.error !== undefined || stripped.status !== 0) process.stderr.write('build-binary: strip is unavailable or failed; the binary keeps its symbols\n');
  }
  // postject's ELF library prints harmless warnings on every run: show its output only on failure.
  const postjectCli = createRequire(import.meta.url).resolve('postject/dist/cli.js');
  run(process.execPath, [postjectCli, binaryPath, 'NODE_SEA_BLOB', blobPath, '--sentinel-fuse', seaFuse], { quiet: true });
}

function run(command, commandArgs, { quiet = false } = {}) {
  const result = spawnSync(command, commandArgs, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout}${result.stderr}`);
    fail(`${command} ${commandArgs.join(' ')} exited ${String(result.status ?? result.signal)}`);
  }
}
