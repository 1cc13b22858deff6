/**
 * The fixture every dead-letter contract test works on, and the helpers that put messages in
 * the dead letters through the work queue's own redrive and read what a replay put back.
 */
import type { DeadLetterQueue, OutgoingMessage, Queue, QueueMessage } from '@watchbot/core';
import type { ManualClock } from '@watchbot/core/testing';
import { expect } from 'vitest';

/** What a dead-letter contract test gets. */
export interface DeadLetterFixture {
  /** The work queue (dead-letters after one receive). */
  readonly queue: Queue;
  /** The dead-letter queue under test. */
  readonly deadLetters: DeadLetterQueue;
  /** The clock both run on. */
  readonly clock: ManualClock;
  /** Set `crashes` to make that many replays fail between the send and the removal. */
  readonly faults: { crashes: number };
  /** A second view of the same dead letters (closed by the suite). */
  readonly reopen: () => Promise<DeadLetterQueue>;
}

/** Returns the current test's fixture. */
export type UseDeadLetterFixture = () => DeadLetterFixture;

/** Most receive rounds a message needs to be dead-lettered (one receive, then the redrive on the next). */
const maxRounds = 20;

/**
 * Sends `messages` to the work queue and receives them, handing each straight back, until the
 * queue's redrive has moved every one to the dead letters. Resolves with their ids, in order.
 */
export async function deadLetter(fixture: DeadLetterFixture, messages: readonly OutgoingMessage[]): Promise<string[]> {
  const { queue, deadLetters } = fixture;
  const before = await deadLetters.count();
  const ids = await queue.send(messages);
  for (let round = 0; round < maxRounds; round++) {
    const received = await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 });
    if (received.length === 0 && (await deadLetters.count()) >= before + messages.length) return ids;
  }
  throw new Error(`the work queue did not dead-letter ${messages.length} messages within ${maxRounds} receives`);
}

/** Sends one message per body and dead-letters them all. */
export function deadLetterBodies(fixture: DeadLetterFixture, ...bodies: string[]): Promise<string[]> {
  return deadLetter(fixture, bodies.map((body) => ({ body })));
}

/** Receives everything visible on the work queue (holding it for 5 minutes), in batches. */
export async function drainWorkQueue(queue: Queue): Promise<QueueMessage[]> {
  const all: QueueMessage[] = [];
  for (;;) {
    const batch = await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 300 });
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The sorted bodies of messages or dead letters (SQS keeps no order a test can rely on). */
export function sortedBodies(items: readonly { readonly body: string }[]): string[] {
  return items.map((item) => item.body).sort();
}

/** Expects `error` to be a WatchbotError with `code`. */
export function expectCode(error: unknown, code: string): void {
  expect(error).toMatchObject({ name: 'WatchbotError', code });
}
