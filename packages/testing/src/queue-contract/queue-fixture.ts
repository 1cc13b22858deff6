/**
 * The fixture every queue contract test works on: a fresh queue per test on a manual
 * clock, plus the few helpers that keep the tests about behaviour rather than plumbing.
 */
import type { ErrorCode, OutgoingMessage, Queue, QueueMessage } from '@watchbot/core';
import type { ManualClock } from '@watchbot/core/testing';
import { expect } from 'vitest';

/** What a contract test gets: the queue under test and the clock it runs on. */
export interface QueueFixture {
  /** The queue under test, fresh for this test. */
  readonly queue: Queue;
  /** The queue's clock: tests move time with `await clock.advance(ms)`. */
  readonly clock: ManualClock;
  /** The queue's redrive threshold (receives before dead-lettering). */
  readonly maxReceives: number;
}

/** Returns the current test's fixture. */
export type UseQueueFixture = () => QueueFixture;

/** How long past a due time a polling adapter may take to notice, in ms (a long poll's slack). */
export const pollSlackMs = 1_000;

/** The visibility timeout the tests receive with, in seconds, unless they say otherwise. */
export const visibilitySeconds = 30;

/** Receives without waiting. */
export function receiveNow(queue: Queue, maxMessages = 10, visibilityTimeoutSeconds = visibilitySeconds): Promise<QueueMessage[]> {
  return queue.receive(maxMessages, { waitMs: 0, visibilityTimeoutSeconds });
}

/** Sends one message per body, in one call. */
export function sendBodies(queue: Queue, ...bodies: string[]): Promise<string[]> {
  return queue.send(bodies.map((body): OutgoingMessage => ({ body })));
}

/** The bodies of received messages, in the order received. */
export function bodiesOf(messages: readonly QueueMessage[]): string[] {
  return messages.map((message) => message.body);
}

/** Expects `error` to be a WatchbotError with `code`. */
export function expectWatchbotError(error: unknown, code: ErrorCode): void {
  expect(error).toMatchObject({ name: 'WatchbotError', code });
}

/** A promise whose settling can be checked without awaiting it. */
export interface TrackedPromise<T> {
  /** True once the promise has resolved or rejected. */
  readonly done: boolean;
  /** The promise itself, to await its value. */
  readonly promise: Promise<T>;
}

/** Tracks `promise`, so a test can assert it is still pending after time moves. */
export function track<T>(promise: Promise<T>): TrackedPromise<T> {
  let done = false;
  const settle = (): void => {
    done = true;
  };
  promise.then(settle, settle);
  return {
    get done() {
      return done;
    },
    promise,
  };
}
