/** The SQS queue passes the same contract suite as the memory and SQLite queues, over HTTP against fauxqs. */
import { describeQueueContract } from '@watchbot/testing';
import { afterAll, beforeAll, vi } from 'vitest';
import { makeContractQueue } from './support/contract-queues.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';

let emulator: Emulator;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
  vi.useRealTimers();
});

describeQueueContract('the SQS queue (on fauxqs)', (context) => makeContractQueue(emulator, context));
