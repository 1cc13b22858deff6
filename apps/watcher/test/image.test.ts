/**
 * The container image. No Docker engine runs here, so the Dockerfile is checked for its
 * invariants (this is its lint: hadolint is not packaged for npm or Debian), and the exact
 * bundle it copies — built by the same script its build stage runs — is run the way the
 * image's entrypoint runs it.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { version } from '@watchbot/cli';
import type { Instruction, Stage } from './dockerfile.js';
import { parseDockerfile, toExecForm } from './dockerfile.js';
import type { EmptyPlace, StatusJson } from './isolated-process.js';
import { makeEmptyPlace, runIn, writeShellWorker } from './isolated-process.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(appDir, '..', '..');
const dockerfile = parseDockerfile(readFileSync(join(appDir, 'Dockerfile'), 'utf8'));
const bundlePath = inject('bundlePath');

const buildStage = dockerfile.stages[0]!;
const runtimeStage = dockerfile.stages.at(-1)!;
const all = (stage: Stage, keyword: string): Instruction[] => stage.instructions.filter((instruction) => instruction.keyword === keyword);
const entrypoint = toExecForm(all(runtimeStage, 'ENTRYPOINT').at(-1)?.args ?? '') ?? [];
const bundleCopy = all(runtimeStage, 'COPY')
  .map((instruction) => instruction.args.split(/\s+/))
  .find((parts) => parts[0] === `--from=${buildStage.name ?? ''}`);

describe('the Dockerfile', () => {
  it('has a build stage and a runtime stage, both on one exact Node 24 slim release (no floating tag)', () => {
    expect(dockerfile.stages).toHaveLength(2);
    for (const stage of dockerfile.stages) expect(stage.image).toMatch(/^node:24\.\d+\.\d+-(bookworm|trixie)-slim$/);
    expect(runtimeStage.image).toBe(buildStage.image);
    // The bundle test below is only meaningful on the image's Node major.
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('runs as a non-root user in the runtime stage, set before the entrypoint', () => {
    const users = all(runtimeStage, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!;
    expect(user.args.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(user.line).toBeLessThan(all(runtimeStage, 'ENTRYPOINT').at(-1)!.line);
  });

  it('declares /tmp a volume, so message files can be written under a read-only root filesystem', () => {
    const volumes = all(runtimeStage, 'VOLUME').map((instruction) => instruction.args);
    expect(volumes.some((args) => /"\/tmp"|^\/tmp\b/.test(args))).toBe(true);
  });

  it('starts tini as PID 1, which starts node on the bundle with listen', () => {
    expect(entrypoint).toEqual(['/usr/bin/tini', '-s', '--', 'node', bundleCopy?.[2], 'listen']);
    const installs = all(runtimeStage, 'RUN').filter((instruction) => /apt-get install/.test(instruction.args));
    expect(installs.some((instruction) => /\btini\b/.test(instruction.args))).toBe(true);
  });

  it('copies into the runtime stage exactly the bundle the build script produces, built by that script', () => {
    const workdir = all(buildStage, 'WORKDIR').at(-1)?.args ?? '';
    expect(bundleCopy).toBeDefined();
    expect(bundleCopy![1]).toBe(join(workdir, relative(repoRoot, bundlePath)));
    const builds = all(buildStage, 'RUN').map((instruction) => instruction.args);
    expect(builds.some((args) => args.includes('npm run build:bundle -w @watchbot/watcher'))).toBe(true);
    const scripts = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build:bundle']).toBe('node scripts/build-binary.mjs --bundle-only');
    expect(scripts['build:binary']).toBe('node scripts/build-binary.mjs');
  });

  it('passes the lint rules hadolint would apply to it', () => {
    for (const stage of dockerfile.stages) {
      for (const instruction of stage.instructions) {
        // DL3020: COPY, not ADD, for files; DL3000: absolute WORKDIR.
        expect(instruction.keyword).not.toBe('ADD');
        if (instruction.keyword === 'WORKDIR') expect(instruction.args).toMatch(/^\//);
        // DL3025: exec form for ENTRYPOINT and CMD, so signals reach the process.
        if (instruction.keyword === 'ENTRYPOINT' || instruction.keyword === 'CMD') expect(toExecForm(instruction.args)).toBeDefined();
        if (instruction.keyword === 'RUN' && instruction.args.includes('apt-get install')) {
          // DL3014, DL3015, DL3009: -y, no recommended packages, and the lists removed in the same layer.
          expect(instruction.args).toMatch(/apt-get update && apt-get install -y --no-install-recommends /);
          expect(instruction.args).toContain('rm -rf /var/lib/apt/lists/*');
        }
        // DL3022: COPY --from names an earlier stage.
        const from = /^--from=(\S+)/.exec(instruction.args);
        if (instruction.keyword === 'COPY' && from !== null) {
          expect(dockerfile.stages.slice(0, dockerfile.stages.indexOf(stage)).map((earlier) => earlier.name)).toContain(from[1]);
        }
      }
    }
    // DL3007: no `latest`, and DL3006: every image tagged.
    for (const stage of dockerfile.stages) expect(stage.image).toMatch(/^[^:]+:(?!latest$)\S+$/);
  });

  it('keeps node_modules, dist and .git out of the build context', () => {
    const ignore = readFileSync(join(appDir, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['**/node_modules', '**/dist', '.git']) expect(ignore).toContain(pattern);
  });
});

describe('the bundle the image runs', () => {
  let place: EmptyPlace;
  let installed: string;
  beforeEach(async () => {
    place = await makeEmptyPlace();
    // As in the image: the one file, alone in its folder, started by node.
    installed = join(place.pathDirectory, '..', 'watchbot.cjs');
    copyFileSync(bundlePath, installed);
  });
  afterEach(async () => {
    await place.remove();
  });

  it('is one CommonJS file that requires only Node built-ins, with node: prefixes kept and no import.meta left', () => {
    const text = readFileSync(bundlePath, 'utf8');
    expect(text).not.toMatch(/\bimport\.meta\b/);
    expect(text).toContain('require("node:sqlite")');
    // esbuild's metafile lists what the output still imports at run time: Node built-ins only.
    const meta = JSON.parse(readFileSync(`${bundlePath}.meta.json`, 'utf8')) as { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
    const outputs = Object.values(meta.outputs);
    expect(outputs).toHaveLength(1);
    const external = outputs[0]!.imports.filter((entry) => entry.external === true).map((entry) => entry.path);
    expect(external).toContain('node:sqlite');
    expect(external.filter((name) => !isBuiltin(name))).toEqual([]);
  });

  it('prints the CLI version with node watchbot.cjs --version', () => {
    expect(runIn(place, process.execPath, [installed, '--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('processes one message with listen from QueueUrl and writableFilesystem=true, then exits 0, writing logs and EMF metrics', async () => {
    const worker = await writeShellWorker(place);
    expect(runIn(place, process.execPath, [installed, 'send', '--queue', 'jobs', 'first', 'second']).status).toBe(0);
    const listen = runIn(place, process.execPath, [installed, 'listen', worker], {
      QueueUrl: 'jobs',
      writableFilesystem: 'true',
      structuredLogging: 'true',
    });
    expect(listen.stderr).toBe('');
    expect(listen.status).toBe(0);
    expect(await readFile(join(place.cwd, 'done.txt'), 'utf8')).toBe('first node=no\n');
    const lines = listen.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'succeeded', msg: expect.stringContaining('[success]') }));
    expect(lines).toContainEqual(expect.objectContaining({ QueueName: 'jobs', MessagesProcessed: 1, WorkerErrors: 0 }));
    const status = JSON.parse(runIn(place, process.execPath, [installed, 'status', '--json', '--queue', 'jobs']).stdout) as StatusJson;
    expect(status).toMatchObject({ visible: 1, inFlight: 0 });
  });
});
