/** `watchbot listen`: the container entrypoint, configured from the environment. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult } from './cli-process.js';
import { makeTempDir, readStatus, runCli, sendMessages, startCli, waitUntil, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

function expectOneLineError(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(message);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('watchbot listen', () => {
  it('refuses a bad maxJobDuration in one line naming the variable, the value and the range', async () => {
    const result = await runCli(['listen', 'true'], { cwd: dir.path, env: { QueueUrl: 'jobs', maxJobDuration: 'soon' } });
    expectOneLineError(result, /^watchbot: maxJobDuration: "soon" is not valid; expected a whole number of seconds from 0 to 43200$/);
  });

  it('refuses a bad structuredLogging in one line', async () => {
    const result = await runCli(['listen', 'true'], { cwd: dir.path, env: { QueueUrl: 'jobs', structuredLogging: 'yes' } });
    expectOneLineError(result, /^watchbot: structuredLogging: "yes" is not valid; expected true or false$/);
  });

  it('refuses a QueueUrl that is an http URL but not an SQS queue URL, in one line', async () => {
    const result = await runCli(['listen', 'true'], { cwd: dir.path, env: { QueueUrl: 'https://example.com/jobs' } });
    expectOneLineError(result, /^watchbot: QueueUrl: "https:\/\/example.com\/jobs" is not valid; expected an SQS queue URL such as/);
  });

  it('refuses a missing QueueUrl and a missing worker command', async () => {
    expectOneLineError(await runCli(['listen', 'true'], { cwd: dir.path }), /^watchbot: QueueUrl is not set/);
    expectOneLineError(await runCli(['listen'], { cwd: dir.path, env: { QueueUrl: 'jobs' } }), /^watchbot: listen: no worker command given/);
  });

  it('processes exactly one message and exits 0 with writableFilesystem=true, with Volumes unset', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "$Message" >> done.txt');
    await sendMessages(dir.path, ['--queue', 'jobs', 'first', 'second']);
    const result = await runCli(['listen', worker], { cwd: dir.path, env: { QueueUrl: 'jobs', writableFilesystem: 'true', structuredLogging: 'true' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(await readFile(join(dir.path, 'done.txt'), 'utf8')).toBe('first\n');
    expect((await readStatus(dir.path, ['--queue', 'jobs'])).visible).toBe(1);
    for (const line of result.stdout.trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('passes the worker its arguments, flags included, and WorkTopic and LogGroup', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "$1 $2 $WorkTopic $LogGroup" > args.txt');
    await sendMessages(dir.path, ['--queue', 'jobs', 'x']);
    const result = await runCli(['listen', worker, '--fast', 'now'], {
      cwd: dir.path,
      env: { QueueUrl: 'jobs', writableFilesystem: 'true', WorkTopic: 'arn:aws:sns:us-east-1:123456789012:work', LogGroup: 'stack-logs' },
    });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir.path, 'args.txt'), 'utf8')).toBe('--fast now arn:aws:sns:us-east-1:123456789012:work stack-logs\n');
  });

  it('empties the Volumes after every job, so a job never sees the files of the one before', async () => {
    const volume = join(dir.path, 'volume');
    await mkdir(volume);
    const worker = await writeWorker(dir.path, 'worker.sh', `ls "${volume}" | wc -l | tr -d ' ' >> seen.txt\ntouch "${volume}/$MessageId"\nmkdir "${volume}/dir-$MessageId"`);
    await sendMessages(dir.path, ['--queue', 'jobs', 'one', 'two']);
    const cli = startCli(['listen', worker], { cwd: dir.path, env: { QueueUrl: 'jobs', Volumes: volume } });
    await waitUntil(
      async () => existsSync(join(dir.path, 'seen.txt')) && (await readFile(join(dir.path, 'seen.txt'), 'utf8')).split('\n').length > 2,
      10_000,
      'both jobs to run',
    );
    await waitUntil(async () => (await readStatus(dir.path, ['--queue', 'jobs'])).inFlight === 0, 10_000, 'the second job to settle');
    cli.child.kill('SIGTERM');
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(await readFile(join(dir.path, 'seen.txt'), 'utf8')).toBe('0\n0\n');
    expect(await readdir(volume)).toEqual([]);
  });
});
