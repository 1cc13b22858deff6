/**
 * The real CLI against SQS and SNS over the wire: the fauxqs emulator runs in this test
 * process on 127.0.0.1, and `watchbot` child processes reach it through the SDK's standard
 * AWS_ENDPOINT_URL variable, as they would reach a VPC endpoint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAlive, makeTempDir, runCli, startCli, waitUntil, writeWorker } from './cli-process.js';

let emulator: SqsEmulator;
let env: Record<string, string>;
let dir: { path: string; remove: () => Promise<void> };
let queueCounter = 0;

beforeAll(async () => {
  emulator = await startSqsEmulator();
  env = {
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
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

/** A fresh queue per test, so tests never see each other's messages. */
async function createQueue(attributes: Record<string, string> = {}, suffix = ''): Promise<{ url: string; arn: string }> {
  return emulator.createQueue(`jobs-${++queueCounter}${suffix}`, attributes);
}

async function createTopic(...subscribers: { arn: string; raw?: boolean }[]): Promise<string> {
  const sns = emulator.snsClient();
  const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: `topic-${++queueCounter}` }));
  for (const subscriber of subscribers) {
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: subscriber.arn,
        ...(subscriber.raw === true && { Attributes: { RawMessageDelivery: 'true' } }),
      }),
    );
  }
  return TopicArn;
}

/** The queue's counts as SQS reports them. */
async function queueState(url: string) {
  const { Attributes = {} } = await emulator.sqsClient().send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return {
    ready: Number(Attributes.ApproximateNumberOfMessages),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
  };
}

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const result = await runCli(args, { cwd: dir.path, env: { ...env, ...extraEnv } });
  if (result.code !== 0) throw new Error(`watchbot ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  return result;
}

const lines = (file: string): string[] => readFileSync(join(dir.path, file), 'utf8').trim().split('\n');

describe('watchbot on SQS', () => {
  it('runs every message sent to an SQS queue and settles it by exit code', async () => {
    const queue = await createQueue();
    await cli(['send', '--queue', queue.url, 'ok', 'reject me']);
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "$Message|$QueueUrl" >> seen.txt\n[ "$Message" = "reject me" ] && exit 3\nexit 0');
    const result = await cli(['run', '--queue', queue.url, '--exit-when-empty', '--log-format', 'json', '--', worker]);
    expect(lines('seen.txt').sort()).toEqual([`ok|${queue.url}`, `reject me|${queue.url}`]);
    expect(await queueState(queue.url)).toEqual({ ready: 0, inFlight: 0, delayed: 0 });
    expect(result.stdout).toContain('[rejected]');
  });

  it('hands the worker the payload of SNS messages, with and without a Subject, and of a raw-delivery subscription', async () => {
    const wrapped = await createQueue();
    const raw = await createQueue();
    const topicArn = await createTopic({ arn: wrapped.arn }, { arn: raw.arn, raw: true });
    await cli(['send', '--topic', topicArn, '--subject', 'resize', 'with subject']);
    await cli(['send', '--topic', topicArn, 'without subject']);
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "${Subject:-none}|$Message" >> "$OUT"');
    await cli(['run', '--queue', wrapped.url, '--exit-when-empty', '--', worker], { OUT: join(dir.path, 'wrapped.txt') });
    await cli(['run', '--queue', raw.url, '--exit-when-empty', '--', worker], { OUT: join(dir.path, 'raw.txt') });
    expect(lines('wrapped.txt').sort()).toEqual(['none|without subject', 'resize|with subject']);
    expect(lines('raw.txt').sort()).toEqual(['none|with subject', 'none|without subject']);
  });

  it('never runs two messages of one FIFO group at once, and keeps each group in order', async () => {
    const queue = await createQueue({ FifoQueue: 'true' }, '.fifo');
    for (const group of ['a', 'b']) {
      await cli(['send', '--queue', queue.url, '--group', group, `${group}1`, `${group}2`, `${group}3`]);
    }
    const worker = await writeWorker(
      dir.path,
      'worker.sh',
      'echo "start $MessageGroupId $Message" >> log.txt\nsleep 0.2\necho "end $MessageGroupId $Message" >> log.txt',
    );
    await cli(['run', '--queue', queue.url, '--exit-when-empty', '--concurrency', '4', '--', worker]);
    const log = lines('log.txt');
    for (const group of ['a', 'b']) {
      const events = log.filter((line) => line.split(' ')[1] === group);
      expect(events).toEqual([`start ${group} ${group}1`, `end ${group} ${group}1`, `start ${group} ${group}2`, `end ${group} ${group}2`, `start ${group} ${group}3`, `end ${group} ${group}3`]);
    }
    expect(log.indexOf('start b b1')).toBeLessThan(log.indexOf('end a a1'));
  });

  it("dead-letters a failing message after the queue's own maxReceiveCount", async () => {
    const dlq = await createQueue();
    const queue = await createQueue({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) });
    await cli(['send', '--queue', queue.url, 'poison']);
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "$ApproximateReceiveCount" >> attempts.txt\nexit 1');
    const result = await cli(['run', '--queue', queue.url, '--exit-when-empty', '--log-format', 'json', '--', worker]);
    expect(lines('attempts.txt')).toEqual(['1', '2']);
    expect(result.stdout).toContain('[dead-letter]');
    expect((await queueState(dlq.url)).ready).toBe(1);
    const status = JSON.parse((await cli(['status', '--queue', queue.url, '--json'])).stdout) as { deadLettered: number; visible: number };
    expect(status).toMatchObject({ deadLettered: 1, visible: 0 });
  });

  it('carries a 1 MiB body to the worker through MessageFile', async () => {
    const queue = await createQueue();
    const body = 'x'.repeat(1_048_576 - 1) + '\n';
    await writeFile(join(dir.path, 'body.txt'), body);
    await cli(['send', '--queue', queue.url, '--body-file', 'body.txt']);
    const worker = await writeWorker(dir.path, 'worker.sh', 'cmp -s "$MessageFile" body.txt && [ -z "$Message" ] && touch matched');
    await cli(['run', '--queue', queue.url, '--exit-when-empty', '--', worker]);
    expect(existsSync(join(dir.path, 'matched'))).toBe(true);
    expect(await queueState(queue.url)).toEqual({ ready: 0, inFlight: 0, delayed: 0 });
  });

  it('on SIGTERM in the middle of a batch, makes the unfinished messages visible again at once and loses none', async () => {
    const queue = await createQueue({ VisibilityTimeout: '600' });
    await cli(['send', '--queue', queue.url, 'quick', 'slow 1', 'slow 2']);
    const worker = await writeWorker(dir.path, 'worker.sh', 'case "$Message" in quick) exit 0;; esac\necho $$ >> pids.txt\nexec sleep 60');
    const listen = startCli(['listen', worker], {
      cwd: dir.path,
      env: { ...env, QueueUrl: queue.url, concurrency: '3', stopTimeout: '0', WorkTopic: 'arn:aws:sns:us-east-1:000000000000:work' },
    });
    await waitUntil(() => existsSync(join(dir.path, 'pids.txt')) && lines('pids.txt').length === 2, 15_000, 'both slow workers to start');
    await waitUntil(async () => (await queueState(queue.url)).inFlight === 2, 5000, 'the quick message to be deleted');
    listen.child.kill('SIGTERM');
    const result = await listen.exited;
    expect(result.code).toBe(0);
    expect(await queueState(queue.url)).toEqual({ ready: 2, inFlight: 0, delayed: 0 });
    for (const pid of lines('pids.txt').map(Number)) expect(isAlive(pid)).toBe(false);
  });

  it('stops with one clear line when the queue does not exist', async () => {
    const missing = `${emulator.endpoint}/000000000000/no-such-queue`;
    const result = await runCli(['run', '--queue', missing, '--', 'true'], { cwd: dir.path, env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')[0]).toMatch(/^watchbot: --queue: .*no-such-queue/);
  });
});
