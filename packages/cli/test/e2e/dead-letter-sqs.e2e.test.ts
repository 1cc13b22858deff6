/**
 * `watchbot dead-letter` on SQS through the real CLI: the fauxqs emulator runs in this test
 * process on 127.0.0.1, and the `watchbot` child processes reach it through AWS_ENDPOINT_URL.
 * A failing worker's messages reach the dead-letter queue by the queue's own redrive policy.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult } from './cli-process.js';
import { makeTempDir, runCli, writeWorker } from './cli-process.js';

let emulator: SqsEmulator;
let env: Record<string, string>;
let dir: { path: string; remove: () => Promise<void> };
let queueCounter = 0;

beforeAll(async () => {
  emulator = await startSqsEmulator();
  env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** A work queue that dead-letters after one failed receive, and its dead-letter queue. */
async function createQueues(): Promise<{ work: string; dead: string }> {
  const n = ++queueCounter;
  const dead = await emulator.createQueue(`dead-letters-${n}`);
  const work = await emulator.createQueue(`work-${n}`, { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dead.arn, maxReceiveCount: 1 }) });
  return { work: work.url, dead: dead.url };
}

async function cli(...args: string[]): Promise<CliResult> {
  const result = await runCli(args, { cwd: dir.path, env });
  if (result.code !== 0) throw new Error(`watchbot ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  return result;
}

/** Everything SQS holds in `url`: visible, in flight or delayed. */
async function messagesIn(url: string): Promise<number> {
  const { Attributes = {} } = await emulator.sqsClient().send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  return Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
}

async function sendIds(queue: string, ...args: string[]): Promise<string[]> {
  return (JSON.parse((await cli('send', '--json', '--queue', queue, ...args)).stdout) as { ids: string[] }).ids;
}

/** Runs the queue with a worker that always fails: SQS's redrive moves every message to the dead-letter queue. */
async function failEverything(queue: string): Promise<void> {
  const failing = await writeWorker(dir.path, 'failing.sh', 'exit 1');
  await cli('run', '--queue', queue, '--exit-when-empty', '--', failing);
}

describe('watchbot dead-letter on SQS', () => {
  it("lists what the redrive moved to the queue's dead-letter queue, replays what a fix cured — which the fixed worker then runs — and deletes the rest", async () => {
    const { work, dead } = await createQueues();
    const [a, b] = await sendIds(work, 'cured 1', 'cured 2');
    const [poison] = await sendIds(work, '--subject', 'import', 'poison');
    await failEverything(work);
    expect(await messagesIn(dead)).toBe(3);

    const table = (await cli('dead-letter', 'list', '--queue', work)).stdout;
    for (const id of [a, b, poison]) expect(table).toContain(id);
    expect(table).toMatch(new RegExp(`${poison}\\s+\\S+Z\\s+\\d+\\s+-\\s+import\\s+poison`));
    expect(table).toContain(`3 of 3 dead letters in ${dead} (approximate: SQS; listing counted one more receive of each)`);
    const records = JSON.parse((await cli('dead-letter', 'list', '--queue', work, '--json')).stdout) as { id: string; body: string }[];
    expect(records.map((record) => record.body).sort()).toEqual(['cured 1', 'cured 2', 'poison']);
    expect((await cli('dead-letter', 'show', '--queue', work, poison ?? '')).stdout).toMatch(/subject {8}import\nbody \(6 bytes\):\npoison\n$/);
    // Listing handed every message back: all three are still there.
    expect(await messagesIn(dead)).toBe(3);

    expect((await cli('dead-letter', 'replay', '--queue', work, a ?? '', b ?? '')).stdout).toBe('replayed 2, failed 0, left 1\n');
    const fixed = await writeWorker(dir.path, 'fixed.sh', 'echo "$Message" >> done.txt');
    await cli('run', '--queue', work, '--exit-when-empty', '--', fixed);
    expect((await readFile(join(dir.path, 'done.txt'), 'utf8')).trim().split('\n').sort()).toEqual(['cured 1', 'cured 2']);

    expect((await cli('dead-letter', 'delete', '--queue', work, poison ?? '')).stdout).toBe('deleted 1, failed 0, left 0\n');
    expect(await messagesIn(dead)).toBe(0);
    expect(await messagesIn(work)).toBe(0);
  });

  it('with the dead-letter queue named outright: writes out, replays --all and purges --yes', async () => {
    const { work, dead } = await createQueues();
    await sendIds(work, 'one', 'two', 'three');
    await failEverything(work);
    const named = ['--queue', work, '--dead-letter-queue', dead];

    const written = await cli('dead-letter', 'write-out', ...named);
    const lines = written.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { body: string });
    expect(lines.map((line) => line.body).sort()).toEqual(['one', 'three', 'two']);
    expect(written.stderr).toBe(`wrote 3 dead letters of ${dead} to standard output; they are still dead letters\n`);
    expect(await messagesIn(dead)).toBe(3);

    expect((await cli('dead-letter', 'replay', '--all', ...named)).stdout).toBe('replayed 3, failed 0, left 0\n');
    expect(await messagesIn(work)).toBe(3);
    await failEverything(work);
    expect((await cli('dead-letter', 'purge', '--yes', ...named)).stdout).toBe('deleted 3, failed 0, left 0\n');
    expect(await messagesIn(dead)).toBe(0);
  });

  it('a queue without a dead-letter queue, or one that does not exist, is refused with one line and exit 2', async () => {
    const plain = await emulator.createQueue(`plain-${++queueCounter}`);
    const noRedrive = await runCli(['dead-letter', 'list', '--queue', plain.url], { cwd: dir.path, env });
    expect(noRedrive.code).toBe(2);
    expect(noRedrive.stderr.split('\n')[0]).toMatch(/^watchbot: --queue: the queue .*plain-\d+ has no dead-letter queue/);
    const missing = await runCli(['dead-letter', 'list', '--queue', plain.url, '--dead-letter-queue', `${emulator.endpoint}/000000000000/no-such-dlq`], { cwd: dir.path, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toMatch(/^watchbot: --dead-letter-queue: open the dead-letter queue .*no-such-dlq: it does not exist/);
  });
});
