/** Bad input: one clear line on stderr (plus at most a hint), exit status 2, nothing lost. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult } from './cli-process.js';
import { makeTempDir, readStatus, runCli, sendMessages } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** Asserts the usage-error shape: exit 2, "watchbot: …" and at most a hint line, no stack. */
function expectUsageError(result: CliResult, message: string | RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(typeof message === 'string' ? new RegExp(`^watchbot: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^Run 'watchbot( \w+)? --help' for usage\.$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

describe('usage errors', () => {
  it('refuses an unknown flag', async () => {
    expectUsageError(await runCli(['run', '--bogus', '--', 'true'], { cwd: dir.path }), 'unknown option: --bogus');
  });

  it('refuses run without a worker command', async () => {
    expectUsageError(await runCli(['run', '--exit-when-empty'], { cwd: dir.path }), /^watchbot: run: no worker command given/);
    expectUsageError(await runCli(['run', '--'], { cwd: dir.path }), /^watchbot: run: no worker command given/);
  });

  it('refuses --concurrency 0 and --concurrency abc naming the flag and the range', async () => {
    expectUsageError(await runCli(['run', '--concurrency', '0', '--', 'true'], { cwd: dir.path }), '--concurrency: "0" is not valid; expected a whole number from 1 to 1000');
    expectUsageError(await runCli(['run', '--concurrency', 'abc', '--', 'true'], { cwd: dir.path }), '--concurrency: "abc" is not valid; expected a whole number from 1 to 1000');
  });

  it('refuses a bad number for each seconds flag, naming the flag', async () => {
    for (const flag of ['--max-job-duration', '--stop-timeout', '--visibility-timeout', '--max-receives']) {
      const result = await runCli(['run', flag, '-5', '--', 'true'], { cwd: dir.path });
      expectUsageError(result, new RegExp(`^watchbot: ${flag}: "-5" is not valid; expected a whole number`));
    }
  });

  it("refuses --queue 'bad name!' listing what a queue address may be", async () => {
    expectUsageError(
      await runCli(['run', '--queue', 'bad name!', '--', 'true'], { cwd: dir.path }),
      '--queue: "bad name!" is not valid; expected a queue name (letters, digits, - and _, up to 80), a .db path, sqlite:PATH or an SQS queue URL',
    );
  });

  it('refuses an http URL that is not an SQS queue URL, and --queue with --topic', async () => {
    expectUsageError(
      await runCli(['send', '--queue', 'https://sqs.us-east-1.amazonaws.com/jobs', 'hi'], { cwd: dir.path }),
      /^watchbot: --queue: ".*" is not valid; expected an SQS queue URL such as https:\/\/sqs.us-east-1.amazonaws.com\/123456789012\/jobs$/,
    );
    expectUsageError(
      await runCli(['send', '--queue', 'jobs', '--topic', 'arn:aws:sns:us-east-1:123456789012:t', 'hi'], { cwd: dir.path }),
      'send: give --queue or --topic, not both',
    );
    expectUsageError(
      await runCli(['run', '--notification-topic', 'arn:aws:sns:us-east-1:123456789012:t', '--', 'true'], { cwd: dir.path }),
      /^watchbot: run: --notification-topic is for SQS queues/,
    );
  });

  it('refuses a queue in a directory that cannot be created (a path under a regular file)', async () => {
    await writeFile(join(dir.path, 'file.txt'), 'not a folder');
    for (const command of [['run', '--queue', join(dir.path, 'file.txt', 'q.db'), '--', 'true'], ['send', '--queue', join(dir.path, 'file.txt', 'q.db'), 'hi']]) {
      expectUsageError(await runCli(command, { cwd: dir.path }), /^watchbot: --queue: cannot create the queue at ".*file\.txt\/q\.db": part of the path is a file, not a folder$/);
    }
  });

  it('refuses an unknown command and a missing command', async () => {
    expectUsageError(await runCli(['frobnicate'], { cwd: dir.path }), 'unknown command "frobnicate"; expected one of run, send, status, dead-letter, listen, progress, jobs, track, dashboard, template');
    expectUsageError(await runCli([], { cwd: dir.path }), 'no command given; expected one of run, send, status, dead-letter, listen, progress, jobs, track, dashboard, template');
  });

  it('refuses a flag without its value', async () => {
    expectUsageError(await runCli(['send', 'hi', '--queue'], { cwd: dir.path }), '--queue needs a value');
  });

  it('refuses send with no message, and sends nothing when any --from line is not UTF-8', async () => {
    expectUsageError(await runCli(['send'], { cwd: dir.path }), /^watchbot: send: no message given/);
    await writeFile(join(dir.path, 'lines.txt'), Buffer.concat([Buffer.from('good\n'), Buffer.from([0xc3, 0x28]), Buffer.from('\nalso good\n')]));
    expectUsageError(await runCli(['send', '--from', 'lines.txt'], { cwd: dir.path }), /^watchbot: --from lines.txt line 2: the body is not valid UTF-8 text; base64-encode binary data/);
    expect((await readStatus(dir.path)).visible).toBe(0);
  });

  it('refuses a missing --from file in one line', async () => {
    expectUsageError(await runCli(['send', '--from', 'nope.txt'], { cwd: dir.path }), '--from: cannot read "nope.txt": no such file');
  });
});

describe('send', () => {
  it('sends each non-blank line of standard input as one message with --from -', async () => {
    const ids = await sendMessages(dir.path, ['--from', '-'], 'one\r\n\ntwo\n   \nthree');
    expect(ids).toHaveLength(3);
    expect((await readStatus(dir.path)).visible).toBe(3);
  });

  it('sends 20,000 lines from a file quickly, in batches', async () => {
    await writeFile(join(dir.path, 'many.txt'), Array.from({ length: 20_000 }, (_, i) => `job ${i}`).join('\n'));
    const started = Date.now();
    const result = await runCli(['send', '--from', 'many.txt'], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('sent 20000 messages to default\n');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await readStatus(dir.path)).visible).toBe(20_000);
  });

  it('holds messages sent with --delay back as delayed', async () => {
    await sendMessages(dir.path, ['--delay', '60', 'later']);
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, delayed: 1 });
  });
});
