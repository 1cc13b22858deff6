/**
 * The single-file `watchbot` executable (Node SEA), built by scripts/build-binary.mjs: it must
 * work where there is no Node.js and no node_modules, as when copied into any Linux image.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { version } from '@watchbot/cli';
import type { EmptyPlace, StatusJson } from './isolated-process.js';
import { makeEmptyPlace, runIn, writeShellWorker } from './isolated-process.js';

const binary = inject('binaryPath');
let place: EmptyPlace;
beforeEach(async () => {
  place = await makeEmptyPlace();
});
afterEach(async () => {
  await place.remove();
});

describe('the single-file watchbot binary', () => {
  it('is one executable file that prints the CLI version with --version', () => {
    expect(statSync(binary).mode & 0o111).not.toBe(0);
    const result = runIn(place, binary, ['--version']);
    expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('sends, runs and reports from an empty directory with no node on PATH and no node_modules', async () => {
    const worker = await writeShellWorker(place);
    const sent = runIn(place, binary, ['send', '--json', 'one', 'reject-me', 'two']);
    expect(sent.status).toBe(0);
    const { ids } = JSON.parse(sent.stdout) as { ids: string[] };
    expect(ids).toHaveLength(3);

    const run = runIn(place, binary, ['run', '--exit-when-empty', '--log-format', 'json', '--', worker]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The worker itself saw no node: everything came from the one file.
    expect(await readFile(join(place.cwd, 'done.txt'), 'utf8')).toBe('one node=no\nreject-me node=no\ntwo node=no\n');

    const status = runIn(place, binary, ['status', '--json']);
    expect(status.status).toBe(0);
    const counts = JSON.parse(status.stdout) as StatusJson;
    expect(counts).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0 });
    expect(counts.notifications).toEqual([expect.objectContaining({ kind: 'rejected', messageId: ids[1] })]);
  });

  it('runs listen (the image entrypoint) configured from the environment: one message with writableFilesystem=true', async () => {
    const worker = await writeShellWorker(place);
    expect(runIn(place, binary, ['send', '--queue', 'jobs', 'first', 'second']).status).toBe(0);
    const listen = runIn(place, binary, ['listen', worker], { QueueUrl: 'jobs', writableFilesystem: 'true', structuredLogging: 'true' });
    expect(listen.stderr).toBe('');
    expect(listen.status).toBe(0);
    expect(await readFile(join(place.cwd, 'done.txt'), 'utf8')).toBe('first node=no\n');
    expect((JSON.parse(runIn(place, binary, ['status', '--json', '--queue', 'jobs']).stdout) as StatusJson).visible).toBe(1);
  });
});
