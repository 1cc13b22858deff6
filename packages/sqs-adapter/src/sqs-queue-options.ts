/**
 * The options of the SQS queue, their defaults and their validation: checked once, up front,
 * with one-line messages that name the option, the value and what is allowed.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSystemClock, invalidOption } from '@watchbot/core';
import type { Clock, Logger } from '@watchbot/core';
import { isSqsQueueUrl } from './queue-url.js';

/** Options for {@link openSqsQueue}. */
export interface SqsQueueOptions {
  /** The queue's URL, e.g. `https://sqs.us-east-1.amazonaws.com/123456789012/jobs`. */
  readonly queueUrl: string;
  /**
   * The SQS client to use; the queue never destroys a client it was given. Default: a client in
   * the region the URL names (else the SDK's own region resolution), 3 attempts per call, 5-s
   * connection and 35-s request timeouts; an endpoint set through `AWS_ENDPOINT_URL_SQS` or
   * `AWS_ENDPOINT_URL` wins over the queue URL's host.
   */
  readonly client?: SQSClient;
  /** The clock batch windows and receive deadlines are measured on. Default: the system clock. */
  readonly clock?: Clock;
  /** Where the adapter reports what it recovers from by itself (late messages handed back, an unreadable dead-letter queue). Default: none. */
  readonly logger?: Logger;
  /**
   * How long a delete or visibility change may wait to share a batch call with others, in ms,
   * 0 to 1,000; a call goes at once when 10 entries are pending. 0 batches only calls made in
   * the same tick. Default 10.
   */
  readonly batchWindowMs?: number;
  /**
   * How long close() waits for long polls still in flight — their callers already answered
   * with [] — to end, so that any message SQS hands them can be made visible again at once, in
   * ms, 0 to 20,000. Past it the client is released, and a message SQS gives such a poll
   * afterwards stays invisible until its visibility timeout. Default 20,000: a whole long poll,
   * so close() never hides a message; lower it where a quick exit matters more.
   */
  readonly closeWaitMs?: number;
}

/** The defaults of {@link SqsQueueOptions}. */
export const sqsQueueDefaults = {
  /** Batch window for deletes and visibility changes, in ms. */
  batchWindowMs: 10,
  /** Longest wait in close() for long polls in flight, in ms. */
  closeWaitMs: 20_000,
} as const;

/** {@link SqsQueueOptions} with defaults applied and values checked (the client is resolved when the queue opens). */
export interface ResolvedSqsQueueOptions {
  /** The queue's URL, checked. */
  readonly queueUrl: string;
  /** The caller's client, if any. */
  readonly client?: SQSClient;
  /** The clock, the system clock by default. */
  readonly clock: Clock;
  /** The logger, if any. */
  readonly logger?: Logger;
  /** Batch window for deletes and visibility changes, in ms. */
  readonly batchWindowMs: number;
  /** Longest wait in close() for long polls in flight, in ms. */
  readonly closeWaitMs: number;
}

/** Applies defaults and validates; throws INVALID_OPTION naming the first bad option. */
export function resolveSqsQueueOptions(options: SqsQueueOptions): ResolvedSqsQueueOptions {
  if (typeof options.queueUrl !== 'string' || !isSqsQueueUrl(options.queueUrl)) {
    throw invalidOption('queueUrl', options.queueUrl, 'an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
  }
  const batchWindowMs = options.batchWindowMs ?? sqsQueueDefaults.batchWindowMs;
  if (!Number.isInteger(batchWindowMs) || batchWindowMs < 0 || batchWindowMs > 1_000) {
    throw invalidOption('batchWindowMs', batchWindowMs, 'a whole number of ms from 0 to 1,000');
  }
  const closeWaitMs = options.closeWaitMs ?? sqsQueueDefaults.closeWaitMs;
  if (!Number.isInteger(closeWaitMs) || closeWaitMs < 0 || closeWaitMs > 20_000) {
    throw invalidOption('closeWaitMs', closeWaitMs, 'a whole number of ms from 0 to 20,000');
  }
  return {
    queueUrl: options.queueUrl,
    ...(options.client !== undefined && { client: options.client }),
    clock: options.clock ?? createSystemClock(),
    ...(options.logger !== undefined && { logger: options.logger }),
    batchWindowMs,
    closeWaitMs,
  };
}
