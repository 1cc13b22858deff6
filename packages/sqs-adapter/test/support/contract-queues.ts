/**
 * The queues the contract suite runs on: a fresh SQS queue per test with a dead-letter queue
 * and the suite's redrive threshold. On SQS, message groups exist only on FIFO queues, and FIFO
 * queues refuse per-message delays — so a test about groups gets a FIFO queue, every other test
 * a standard one.
 */
import type { QueueContractContext, QueueUnderTest } from '@watchbot/testing';
import { expect } from 'vitest';
import { openSqsQueue } from '../../src/index.js';
import type { SqsQueue } from '../../src/index.js';
import { linkEmulatorTime } from './emulator-clock.js';
import type { Emulator } from './fauxqs-emulator.js';
import { trackRequests } from './request-tracker.js';

let nextQueue = 1;

/** True when the running test is about message groups. */
function isGroupTest(): boolean {
  return /\bgroups?\b|group's/i.test(expect.getState().currentTestName ?? '');
}

/** Creates a main queue and its dead-letter queue; FIFO ones for tests about groups. */
export async function makeContractQueue(emulator: Emulator, { clock, maxReceives }: QueueContractContext): Promise<QueueUnderTest & { queue: SqsQueue }> {
  const fifo = isGroupTest();
  const suffix = fifo ? '.fifo' : '';
  const name = `contract-${nextQueue++}`;
  const fifoAttributes = fifo ? { FifoQueue: 'true' } : {};
  const dlq = await emulator.createQueue(`${name}-dlq${suffix}`, fifoAttributes);
  const main = await emulator.createQueue(`${name}${suffix}`, {
    ...fifoAttributes,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: maxReceives }),
  });
  const client = emulator.sqsClient();
  linkEmulatorTime(clock, trackRequests(client));
  // batchWindowMs 0: the suite awaits each delete without moving the clock, so calls of one tick share a batch.
  const queue = await openSqsQueue({ queueUrl: main.url, client, clock, batchWindowMs: 0 });
  const removeQueues = async (): Promise<void> => {
    await emulator.deleteQueue(main.url);
    await emulator.deleteQueue(dlq.url);
  };
  return {
    // Deleting the queues first ends the emulator's pending long polls, which close() waits for.
    queue: { ...queue, close: () => removeQueues().then(() => queue.close()) },
    cleanup: async () => client.destroy(),
  };
}
