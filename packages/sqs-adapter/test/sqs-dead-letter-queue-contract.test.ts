/** The SQS dead-letter queue passes the same dead-letter contract as the SQLite one, over HTTP against fauxqs. */
import { describeDeadLetterQueueContract } from '@watchbot/testing';
import { afterAll, beforeAll } from 'vitest';
import { openSqsDeadLetterQueue, openSqsQueue } from '../src/index.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';

let emulator: Emulator;
let nextQueue = 1;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

describeDeadLetterQueueContract('the SQS dead-letter queue (on fauxqs)', async ({ clock, maxReceives, groups, onReplaySent }) => {
  // Message groups exist only on FIFO queues, whose dead-letter queue must be FIFO too.
  const suffix = groups ? '.fifo' : '';
  const fifoAttributes = groups ? { FifoQueue: 'true' } : {};
  const name = `dead-letter-contract-${nextQueue++}`;
  const dlq = await emulator.createQueue(`${name}-dlq${suffix}`, fifoAttributes);
  const main = await emulator.createQueue(`${name}${suffix}`, {
    ...fifoAttributes,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: maxReceives }),
  });
  const queue = await openSqsQueue({ queueUrl: main.url, client: emulator.sqsClient(), clock, batchWindowMs: 0 });
  const open = () => openSqsDeadLetterQueue({ queueUrl: main.url, client: emulator.sqsClient(), onReplaySent });
  return {
    queue,
    deadLetters: await open(),
    reopen: open,
    cleanup: async () => {
      await emulator.deleteQueue(main.url);
      await emulator.deleteQueue(dlq.url);
    },
  };
});
