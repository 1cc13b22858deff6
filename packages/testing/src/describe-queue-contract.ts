/**
 * The queue contract suite: one vitest `describe` block of behaviour-named tests that every
 * implementation of core's Queue port must pass (the memory queue, SQLite, SQS). A fake that
 * passes it is honest, so tests of the watcher can run on the fake.
 */
import type { Queue } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe } from 'vitest';
import { describeCountContract } from './queue-contract/count-contract.js';
import { describeDeadLetterContract } from './queue-contract/dead-letter-contract.js';
import { describeDeliveryContract } from './queue-contract/delivery-contract.js';
import { describeGroupContract } from './queue-contract/group-contract.js';
import { describeLongPollContract } from './queue-contract/long-poll-contract.js';
import type { QueueFixture } from './queue-contract/queue-fixture.js';
import { describeSendContract } from './queue-contract/send-contract.js';
import { describeVisibilityContract } from './queue-contract/visibility-contract.js';

/** What the suite hands the factory: the queue must measure all time on `clock`. */
export interface QueueContractContext {
  /** A manual clock; the queue must use it for visibility, delays and long polls. */
  readonly clock: ManualClock;
  /** The redrive threshold the queue must apply (receives before dead-lettering). */
  readonly maxReceives: number;
}

/** A fresh, empty queue for one test, and how to dispose of what it used. */
export interface QueueUnderTest {
  /** The queue; the suite closes it after the test. */
  readonly queue: Queue;
  /** Runs after the queue is closed (e.g. removes a temporary folder). */
  readonly cleanup?: () => Promise<void>;
}

/** Makes the queue under test; called once per test. */
export type MakeQueue = (context: QueueContractContext) => Promise<QueueUnderTest>;

/** The redrive threshold the suite runs with: small, so dead-letter tests stay short. */
const contractMaxReceives = 3;

/**
 * Registers the queue contract for the queue `makeQueue` builds, as
 * `describe('<name> honours the queue contract', …)`.
 */
export function describeQueueContract(name: string, makeQueue: MakeQueue): void {
  describe(`${name} honours the queue contract`, () => {
    let current: QueueFixture | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const clock = createManualClock();
      const made = await makeQueue({ clock, maxReceives: contractMaxReceives });
      current = { queue: made.queue, clock, maxReceives: contractMaxReceives };
      cleanup = made.cleanup;
    });

    afterEach(async () => {
      try {
        await current?.queue.close();
      } finally {
        await cleanup?.();
        current = undefined;
        cleanup = undefined;
      }
    });

    const fixture = (): QueueFixture => {
      if (current === undefined) throw new Error('the queue fixture is only available inside a test');
      return current;
    };

    describe('delivery', () => describeDeliveryContract(fixture));
    describe('send', () => describeSendContract(fixture));
    describe('visibility', () => describeVisibilityContract(fixture));
    describe('message groups', () => describeGroupContract(fixture));
    describe('dead letters', () => describeDeadLetterContract(fixture));
    describe('counts', () => describeCountContract(fixture));
    describe('long poll', () => describeLongPollContract(fixture));
  });
}
