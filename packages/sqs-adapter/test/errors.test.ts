/** Errors over the wire: a missing queue stops the watcher early; an outage is retryable and never hangs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqsQueue } from '../src/index.js';
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

describe('errors', () => {
  it('opening a queue that does not exist fails with QUEUE_NOT_FOUND naming the URL', async () => {
    const queueUrl = `http://sqs.us-east-1.localhost:${emulator.port}/000000000000/never-created`;
    await expect(openSqsQueue({ queueUrl, client: emulator.sqsClient() })).rejects.toMatchObject({
      code: 'QUEUE_NOT_FOUND',
      message: expect.stringContaining(`open ${queueUrl}: it does not exist`),
    });
  });

  it('a queue deleted after it was opened fails the next receive with QUEUE_NOT_FOUND', async () => {
    const { queue, url } = await openTestQueue(emulator, { prefix: 'deleted' });
    await emulator.deleteQueue(url);
    await expect(queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 30 })).rejects.toMatchObject({ code: 'QUEUE_NOT_FOUND' });
    await queue.close();
  });

  it('with the emulator stopped, a receive fails promptly with QUEUE_UNAVAILABLE after the SDK retries', async () => {
    const own = await startEmulator();
    const { url } = await own.createQueue('outage');
    const queue = await openSqsQueue({ queueUrl: url, client: own.sqsClient({ maxAttempts: 3 }) });
    await own.stop();
    const startedMs = performance.now();
    await expect(queue.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 30 })).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      retryable: true,
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(performance.now() - startedMs).toBeLessThan(5_000);
    expect(queue.requestCounts()['ReceiveMessage']).toBe(3);
    await queue.close();
  });

  it('a URL that is not an SQS queue URL is refused with INVALID_OPTION before any request', async () => {
    await expect(openSqsQueue({ queueUrl: './queue.db' })).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('queueUrl: "./queue.db" is not valid') });
  });

  it('a batch window outside 0 to 1,000 ms is refused with INVALID_OPTION', async () => {
    const queueUrl = `http://sqs.us-east-1.localhost:${emulator.port}/000000000000/anything`;
    await expect(openSqsQueue({ queueUrl, batchWindowMs: 5_000 })).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('batchWindowMs') });
  });
});
