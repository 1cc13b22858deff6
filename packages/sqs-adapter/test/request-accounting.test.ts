/**
 * Request accounting: what a steady stream of 1,000 messages costs in SQS requests (receives of
 * 10, deletes through the batcher at 10 in flight), and how fast it runs against the emulator.
 * The figures are printed for the project's notes.
 */
import { createFunctionRunner, createWatcher } from '@watchbot/core';
import type { QueueMessage } from '@watchbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqsQueue } from '../src/index.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';
import { openTestQueue } from './support/test-queues.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

const total = 1_000;
const concurrency = 10;
/** Throughput tests: generous on a loaded machine, where 1,000 round trips can take a while. */
const timeout = 60_000;

function totalRequests(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

function difference(after: Readonly<Record<string, number>>, before: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([action, count]) => [action, count - (before[action] ?? 0)]).filter(([, count]) => count !== 0));
}

async function sendAll(queue: SqsQueue): Promise<void> {
  await queue.send(Array.from({ length: total }, (_, i) => ({ body: JSON.stringify({ job: i }) })));
}

describe('request accounting', () => {
  it('1,000 messages sent, received in tens and deleted one by one through the batcher cost at most 0.35 requests each', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'accounting' });
    await sendAll(queue);
    const afterSend = queue.requestCounts();
    const startedMs = performance.now();
    const seen = new Set<string>();
    while (seen.size < total) {
      const messages = await queue.receive(concurrency, { waitMs: 1_000, visibilityTimeoutSeconds: 60 });
      // Ten workers, each finishing its message after its own short piece of work, each deleting alone.
      await Promise.all(
        messages.map(async (message: QueueMessage) => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          seen.add(message.id);
          expect(await queue.deleteMessages([message.receiptHandle])).toEqual({ failed: [] });
        }),
      );
    }
    const elapsedS = (performance.now() - startedMs) / 1000;
    const counts = queue.requestCounts();
    const perMessage = totalRequests(counts) / total;
    const consumePerMessage = totalRequests(difference(counts, afterSend)) / total;
    console.log(
      `request accounting: ${totalRequests(counts)} SQS requests for ${total} messages = ${perMessage.toFixed(3)} per message ` +
        `(receive + delete only: ${consumePerMessage.toFixed(3)}); ${JSON.stringify(counts)}; ` +
        `${Math.round(total / elapsedS)} messages/s received and deleted against fauxqs`,
    );
    expect(perMessage).toBeLessThanOrEqual(0.35);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    await queue.close();
  }, timeout);

  it("core's watcher at concurrency 10 runs each of 1,000 messages once, deletes them all, and spends at most 0.35 requests on each", async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'watcher', closeWaitMs: 0 });
    await sendAll(queue);
    const afterSend = queue.requestCounts();
    const runs = new Map<string, number>();
    const watcher = createWatcher({
      queue,
      concurrency,
      exitWhenEmpty: true,
      runner: createFunctionRunner(async (job) => {
        runs.set(job.message.id, (runs.get(job.message.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        return 0;
      }),
    });
    const startedMs = performance.now();
    const summary = await watcher.run();
    const elapsedS = (performance.now() - startedMs) / 1000;
    const consumed = difference(queue.requestCounts(), afterSend);
    console.log(
      `watcher over SQS: ${(totalRequests(consumed) / total).toFixed(3)} requests per message for receive, delete and counts ` +
        `${JSON.stringify(consumed)}; ${Math.round(total / elapsedS)} messages/s at concurrency ${concurrency}`,
    );
    expect(summary).toMatchObject({ reason: 'empty', settled: { succeeded: total } });
    expect(totalRequests(consumed) / total).toBeLessThanOrEqual(0.35);
    expect(runs.size).toBe(total);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    await queue.close();
  }, timeout);
});
