/**
 * The options of the SQS dead-letter queue, their defaults and their validation: checked once,
 * up front, with one-line messages that name the option, the value and what is allowed.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { invalidOption } from '@watchbot/core';
import type { Logger } from '@watchbot/core';
import { isSqsQueueUrl } from './queue-url.js';

/** Options for {@link openSqsDeadLetterQueue}. */
export interface SqsDeadLetterQueueOptions {
  /** The work queue: where replayed messages go, and whose redrive policy names the dead-letter queue. */
  readonly queueUrl: string;
  /** The dead-letter queue. Default: the one the work queue's redrive policy names. */
  readonly deadLetterQueueUrl?: string;
  /** The SQS client to use, never destroyed by the queue. Default: one built as `openSqsQueue` builds it. */
  readonly client?: SQSClient;
  /** Where hand-backs that failed are reported (the holds then run out by themselves). Default: none. */
  readonly logger?: Logger;
  /**
   * How long each dead letter a list, a search or a cursor receives stays invisible, in
   * seconds, 1 to 43,200: long enough for the walk to get past it, and for an operator to decide
   * on it during triage. Letters are handed back at once when the walk ends; after a crash they
   * reappear when the hold runs out. Default 60.
   */
  readonly holdSeconds?: number;
  /**
   * A fault point for tests of crash safety: awaited after each replay batch reached the work
   * queue and before it is deleted from the dead-letter queue. A throw rejects the replay there,
   * as a crash would end it: those messages are then in both queues.
   */
  readonly onReplaySent?: (ids: readonly string[]) => void | Promise<void>;
}

/** The defaults of {@link SqsDeadLetterQueueOptions}. */
export const sqsDeadLetterQueueDefaults = {
  /** How long a dead letter met by a walk stays invisible, in seconds. */
  holdSeconds: 60,
} as const;

/** Validates the options; throws INVALID_OPTION naming the first bad one. */
export function checkSqsDeadLetterQueueOptions(options: SqsDeadLetterQueueOptions): { readonly holdSeconds: number } {
  for (const [name, value] of [['queueUrl', options.queueUrl], ['deadLetterQueueUrl', options.deadLetterQueueUrl]] as const) {
    if (value === undefined && name === 'deadLetterQueueUrl') continue;
    if (typeof value !== 'string' || !isSqsQueueUrl(value)) {
      throw invalidOption(name, value, 'an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    }
  }
  const holdSeconds = options.holdSeconds ?? sqsDeadLetterQueueDefaults.holdSeconds;
  if (!Number.isInteger(holdSeconds) || holdSeconds < 1 || holdSeconds > 43_200) {
    throw invalidOption('holdSeconds', holdSeconds, 'a whole number of seconds from 1 to 43,200');
  }
  return { holdSeconds };
}
