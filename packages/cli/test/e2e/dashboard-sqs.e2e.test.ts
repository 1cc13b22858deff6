/**
 * `watchbot dashboard` over SQS: the fauxqs emulator runs in this test process on 127.0.0.1 and
 * the real CLI reaches it through AWS_ENDPOINT_URL. The page's API shows the queue's counts and
 * the dead letters its redrive policy made, and replays one back to the work queue.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, runCli, startCli, waitUntil, writeWorker } from './cli-process.js';

let emulator: SqsEmulator;
let env: Record<string, string>;
let dir: { path: string; remove: () => Promise<void> };

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

async function cli(...args: string[]): Promise<void> {
  const result = await runCli(args, { cwd: dir.path, env });
  if (result.code !== 0) throw new Error(`watchbot ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
}

async function visibleIn(url: string): Promise<number> {
  const { Attributes = {} } = await emulator.sqsClient().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes.ApproximateNumberOfMessages);
}

describe('watchbot dashboard on SQS', () => {
  it("shows an SQS queue's counts and dead letters, and replays a dead letter through the API", async () => {
    const dead = await emulator.createQueue('dashboard-dead-letters');
    const work = await emulator.createQueue('dashboard-work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dead.arn, maxReceiveCount: 1 }) });
    await cli('send', '--queue', work.url, 'ok', 'poison');
    const worker = await writeWorker(dir.path, 'worker.sh', '[ "$Message" = poison ] && exit 1\nexit 0');
    await cli('run', '--queue', work.url, '--exit-when-empty', '--', worker);
    await cli('send', '--queue', work.url, 'waiting 1', 'waiting 2');

    const dashboard = startCli(['dashboard', '--queue', work.url, '--log-format', 'json'], { cwd: dir.path, env });
    try {
      let url = '';
      await waitUntil(() => (url = /^dashboard: (\S+)$/m.exec(dashboard.stdout())?.[1] ?? '') !== '', 15_000, 'the dashboard to print its address');
      expect(dashboard.stdout()).toContain(`queue ${work.url}; job history: not available; dead letters: the redrive policy's queue`);

      const summary = (await (await fetch(`${url}api/summary`)).json()) as { queue: string; features: Record<string, boolean>; latest: { counts: Record<string, number> } };
      expect(summary.queue).toBe(work.url);
      expect(summary.features).toEqual({ jobs: false, deadLetters: true, sendMessages: false });
      expect(summary.latest.counts).toMatchObject({ visible: 2, inFlight: 0, deadLettered: 1 });

      const listed = (await (await fetch(`${url}api/dead-letters`)).json()) as { count: number; deadLetters: { id: string; body: string }[] };
      expect(listed.count).toBe(1);
      expect(listed.deadLetters.map((letter) => letter.body)).toEqual(['poison']);

      const replay = await fetch(`${url}api/dead-letters/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [listed.deadLetters[0]!.id] }) });
      expect(await replay.json()).toEqual({ done: [listed.deadLetters[0]!.id], failed: [] });
      expect(await visibleIn(work.url)).toBe(3);
      expect(await visibleIn(dead.url)).toBe(0);
      expect((await fetch(`${url}api/jobs`)).status).toBe(404);
    } finally {
      dashboard.child.kill('SIGTERM');
    }
    expect((await dashboard.exited).code).toBe(0);
  });
});
