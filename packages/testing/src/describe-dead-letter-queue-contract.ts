/**
 * The dead-letter queue contract suite: one vitest `describe` block of behaviour-named tests
 * that every implementation of core's DeadLetterQueue port must pass (SQLite, SQS). Messages
 * reach the dead letters the real way — sent to the work queue and received until its redrive
 * moves them — so the suite checks the adapter against its own queue, not against a back door.
 */
import type { DeadLetterQueue, Queue } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { describeActionContract } from './dead-letter-contract/action-contract.js';
import { describeCrashContract } from './dead-letter-contract/crash-contract.js';
import type { DeadLetterFixture } from './dead-letter-contract/dead-letter-fixture.js';
import { describeReadContract } from './dead-letter-contract/read-contract.js';
import { describeWalkContract } from './dead-letter-contract/walk-contract.js';

/** What the suite hands the factory. */
export interface DeadLetterQueueContractContext {
  /** A manual clock: the work queue and the dead-letter queue must both measure time on it. */
  readonly clock: ManualClock;
  /** The work queue's redrive threshold: it must dead-letter a message after this many receives. */
  readonly maxReceives: number;
  /** True when the test sends messages with a group (on SQS, groups need FIFO queues). */
  readonly groups: boolean;
  /**
   * The suite's fault point: wire it as the adapter's hook that runs after a replay reached the
   * work queue and before the dead letter is removed. It throws when a test simulates a crash there.
   */
  readonly onReplaySent: (ids: readonly string[]) => void;
}

/** A fresh work queue and its empty dead-letter queue, for one test. */
export interface DeadLetterQueueUnderTest {
  /** The work queue: replays arrive here; it dead-letters after `maxReceives` receives. */
  readonly queue: Queue;
  /** The dead-letter queue under test, opened with the context's clock and fault point. */
  readonly deadLetters: DeadLetterQueue;
  /** Opens a second, independent view of the same dead letters (as a process started after a crash would). */
  readonly reopen: () => Promise<DeadLetterQueue>;
  /** Runs after everything is closed (e.g. removes a temporary folder or the queues). */
  readonly cleanup?: () => Promise<void>;
}

/** Makes the queues under test; called once per test. */
export type MakeDeadLetterQueue = (context: DeadLetterQueueContractContext) => Promise<DeadLetterQueueUnderTest>;

/** True when the running test is about message groups (its name says "group"). */
function isGroupTest(): boolean {
  return /\bgroups?\b/i.test(expect.getState().currentTestName ?? '');
}

/**
 * Registers the dead-letter queue contract for the queues `make` builds, as
 * `describe('<name> honours the dead-letter queue contract', …)`.
 */
export function describeDeadLetterQueueContract(name: string, make: MakeDeadLetterQueue): void {
  describe(`${name} honours the dead-letter queue contract`, () => {
    let current: DeadLetterFixture | undefined;
    let made: DeadLetterQueueUnderTest | undefined;
    const reopened: DeadLetterQueue[] = [];

    beforeEach(async () => {
      const clock = createManualClock();
      const faults = { crashes: 0 };
      const onReplaySent = (): void => {
        if (faults.crashes === 0) return;
        faults.crashes -= 1;
        throw new Error('simulated crash between the replay send and the dead-letter removal');
      };
      made = await make({ clock, maxReceives: 1, groups: isGroupTest(), onReplaySent });
      const reopen = made.reopen;
      current = {
        queue: made.queue,
        deadLetters: made.deadLetters,
        clock,
        faults,
        reopen: async () => {
          const view = await reopen();
          reopened.push(view);
          return view;
        },
      };
    });

    afterEach(async () => {
      try {
        for (const view of reopened.splice(0)) await view.close();
        await made?.deadLetters.close();
        await made?.queue.close();
      } finally {
        await made?.cleanup?.();
        made = undefined;
        current = undefined;
      }
    });

    const fixture = (): DeadLetterFixture => {
      if (current === undefined) throw new Error('the dead-letter fixture is only available inside a test');
      return current;
    };

    describe('reading', () => describeReadContract(fixture));
    describe('replay and delete', () => describeActionContract(fixture));
    describe('walking', () => describeWalkContract(fixture));
    describe('crash safety', () => describeCrashContract(fixture));
  });
}
