/** `watchbot progress` from a shell, as reduce-mode workers use it, and the word-count example end to end. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

const progress = (...args: string[]) => runCli(['progress', ...args], { cwd: dir.path });

describe('watchbot progress', () => {
  it('tells exactly one caller that it completed the job, and never counts a part twice', async () => {
    expect((await progress('set-total', 'job-1', '--total', '3')).stdout).toBe('job job-1: 0 of 3 parts\n');
    expect((await progress('complete-part', 'job-1', '--part', '1')).stdout).toBe('pending\n');
    expect((await progress('complete-part', 'job-1', '--part', '1')).stdout).toBe('pending\n');
    expect((await progress('complete-part', 'job-1', '--part', '2')).stdout).toBe('pending\n');
    const last = await progress('complete-part', 'job-1', '--part', '3', '--json');
    expect(JSON.parse(last.stdout)).toMatchObject({ completedJob: true, progress: 1, state: 'completed' });
    expect((await progress('complete-part', 'job-1', '--part', '3')).stdout).toBe('done\n');
    expect((await progress('status', 'job-1')).stdout).toBe('job job-1: 3 of 3 parts, done\n');
    expect((await progress('reduce-sent', 'job-1')).stdout).toBe('marked\n');
    expect((await progress('reduce-sent', 'job-1')).stdout).toBe('already\n');
  });

  it('exits 3 — a worker\'s "rejected" — for an unknown job, a failed job or a part out of range', async () => {
    const unknown = await progress('complete-part', 'nope', '--part', '1');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/^watchbot: progress: .*nope/);
    await progress('set-total', 'job-2', '--total', '2');
    expect((await progress('complete-part', 'job-2', '--part', '3')).code).toBe(3);
    await progress('fail-job', 'job-2', '--reason', 'input missing');
    expect((await progress('complete-part', 'job-2', '--part', '1')).code).toBe(3);
    expect((await progress('status', 'job-2')).stdout).toBe('job job-2: 0 of 2 parts, failed (input missing)\n');
  });

  it('refuses bad input with one line and exit 2', async () => {
    const badMetadata = await progress('set-metadata', 'job-3', '--metadata', '[1]');
    expect(badMetadata.code).toBe(2);
    expect(badMetadata.stderr.split('\n')[0]).toBe('watchbot: --metadata: "[1]" is not valid; expected a JSON object such as {"source":"s3://bucket/key"}');
    expect((await progress('frobnicate', 'job-3')).code).toBe(2);
    expect((await progress('complete-part', 'job-3')).code).toBe(2);
  });

  it('fans a job out into one part message per line and sets its total', async () => {
    const result = await runCli(['progress', 'fan-out', 'job-4', '--from', '-', '--queue', 'parts', '--json'], { cwd: dir.path, input: 'a.txt\nb.txt\n\nc.txt\n' });
    expect(JSON.parse(result.stdout)).toMatchObject({ jobId: 'job-4', totalParts: 3 });
    expect((await progress('status', 'job-4', '--json')).stdout).toContain('"totalParts":3');
    const status = JSON.parse((await runCli(['status', '--queue', 'parts', '--json'], { cwd: dir.path })).stdout) as { visible: number };
    expect(status.visible).toBe(3);
  });
});

describe('the word-count example', () => {
  it('fans out one part per file, counts them four at a time, and runs the reduce exactly once', () => {
    const root = resolve(import.meta.dirname, '../../../..');
    const output = execFileSync('bash', ['examples/word-count/run.sh'], { cwd: root, encoding: 'utf8' });
    const expected = execFileSync('sh', ['-c', 'cat examples/word-count/texts/* | wc -w'], { cwd: root, encoding: 'utf8' }).trim();
    expect(output).toContain(`total: ${expected} words`);
    const results = join(root, '.watchbot', 'word-count');
    const [job] = readdirSync(results);
    expect(readFileSync(join(results, job!, 'reduce-runs.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(join(results, job!)).filter((name) => name.startsWith('part-'))).toHaveLength(6);
  });
});
