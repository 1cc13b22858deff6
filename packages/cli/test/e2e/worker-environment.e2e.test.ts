/** The variables every worker receives: the original's contract plus MessageFile and QueueUrl. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

const isoTimestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('the worker environment', () => {
  it('gives the worker Message, MessageId, SentTimestamp, ApproximateFirstReceiveTimestamp, ApproximateReceiveCount, Subject, MessageFile and QueueUrl', async () => {
    const names = ['Message', 'MessageId', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'Subject', 'MessageFile', 'QueueUrl'];
    const worker = await writeWorker(
      dir.path,
      'worker.sh',
      [...names.map((name) => `echo "${name}=$${name}" >> env.txt`), 'cat "$MessageFile" > message-file-copy.txt'].join('\n'),
    );
    const before = Date.now();
    const [id] = await sendMessages(dir.path, ['--queue', 'jobs', '--subject', 'greeting', 'hello world']);
    const result = await runCli(['run', '--queue', 'jobs', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    const env = Object.fromEntries(
      (await readFile(join(dir.path, 'env.txt'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({
      Message: 'hello world',
      MessageId: id,
      ApproximateReceiveCount: '1',
      Subject: 'greeting',
      QueueUrl: `sqlite:${join(dir.path, '.watchbot', 'jobs.db')}`,
    });
    expect(env.SentTimestamp).toMatch(isoTimestamp);
    expect(env.ApproximateFirstReceiveTimestamp).toMatch(isoTimestamp);
    expect(Date.parse(env.SentTimestamp ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(env.ApproximateFirstReceiveTimestamp ?? '')).toBeGreaterThanOrEqual(Date.parse(env.SentTimestamp ?? ''));
    expect(env.MessageFile).not.toBe('');
    expect(await readFile(join(dir.path, 'message-file-copy.txt'), 'utf8')).toBe('hello world');
  });

  it('lets a worker send follow-up messages to its own queue through QueueUrl', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'watchbot.js');
    const worker = await writeWorker(
      dir.path,
      'worker.sh',
      `echo "$Message" >> seen.txt\n[ "$Message" = first ] && "${process.execPath}" "${bin}" send --queue "$QueueUrl" second\nexit 0`,
    );
    await sendMessages(dir.path, ['first']);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir.path, 'seen.txt'), 'utf8')).toBe('first\nsecond\n');
  });

  it('hands the words after -- to the shell exactly as typed, numbers included (regression: "1e3" became 1000)', async () => {
    await sendMessages(dir.path, ['x']);
    const result = await runCli(['run', '--exit-when-empty', '--log-format', 'text', '--', 'echo', '007', '1e3', '0.50', '>', 'words.txt'], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir.path, 'words.txt'), 'utf8')).toBe('007 1e3 0.50\n');
  });

  it('sends a message whose text looks like a number exactly as typed', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'printf "%s" "$Message" > message.txt');
    await sendMessages(dir.path, ['--', '0010']);
    expect((await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path })).code).toBe(0);
    expect(await readFile(join(dir.path, 'message.txt'), 'utf8')).toBe('0010');
  });
});
