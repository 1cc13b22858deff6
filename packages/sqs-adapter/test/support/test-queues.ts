/** Opening an SQS queue on the emulator for a test, with a client the test can watch. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '@watchbot/core';
import { openSqsQueue } from '../../src/index.js';
import type { SqsQueue, SqsQueueOptions } from '../../src/index.js';
import type { Emulator } from './fauxqs-emulator.js';

let nextName = 1;

/** A unique queue name for this test file (`<prefix>-<n>`, with `.fifo` when asked). */
export function uniqueQueueName(prefix: string, fifo = false): string {
  return `${prefix}-${nextName++}${fifo ? '.fifo' : ''}`;
}

/** What {@link openTestQueue} made. */
export interface TestQueue {
  readonly queue: SqsQueue;
  readonly client: SQSClient;
  readonly url: string;
  readonly arn: string;
}

/** Creates a queue on the emulator and opens it through a fresh client. */
export async function openTestQueue(
  emulator: Emulator,
  options: { readonly prefix: string; readonly fifo?: boolean; readonly attributes?: Record<string, string>; readonly clock?: Clock } & Pick<SqsQueueOptions, 'batchWindowMs' | 'closeWaitMs' | 'logger'>,
): Promise<TestQueue> {
  const fifo = options.fifo ?? false;
  const { url, arn } = await emulator.createQueue(uniqueQueueName(options.prefix, fifo), { ...(fifo && { FifoQueue: 'true' }), ...options.attributes });
  const client = emulator.sqsClient();
  const queue = await openSqsQueue({
    queueUrl: url,
    client,
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.batchWindowMs !== undefined && { batchWindowMs: options.batchWindowMs }),
    ...(options.closeWaitMs !== undefined && { closeWaitMs: options.closeWaitMs }),
    ...(options.logger !== undefined && { logger: options.logger }),
  });
  return { queue, client, url, arn };
}

/** Sends `count` messages with bodies `<prefix>0`, `<prefix>1` …, in batches through the queue. */
export async function sendNumbered(queue: SqsQueue, count: number, prefix = 'm'): Promise<string[]> {
  return queue.send(Array.from({ length: count }, (_, i) => ({ body: `${prefix}${i}` })));
}
