/**
 * Opens the dead letters of a queue: the dead-letter table of an embedded queue file, or an SQS
 * dead-letter queue — the one the work queue's redrive policy names, or one named outright.
 * Reading dead letters never creates a queue: a file that is not there is a usage error.
 */
import { existsSync } from 'node:fs';
import { WatchbotError, errorCodes, isWatchbotError } from '@watchbot/core';
import type { DeadLetterQueue } from '@watchbot/core';
import { openSqliteDeadLetterQueue } from '@watchbot/sqlite-adapter';
import type { QueueAddress } from './queue-address.js';
import { UsageError } from './usage-error.js';

/** Which dead letters to open. */
export interface DeadLetterLocation {
  /** The work queue (replays go there). */
  readonly address: QueueAddress;
  /** SQS: the dead-letter queue, when not the one the work queue's redrive policy names. */
  readonly deadLetterQueueUrl?: string;
  /** SQS: how long each message a walk meets stays held, in seconds. Default: the adapter's (60). */
  readonly holdSeconds?: number;
}

/** Open dead letters, and how to name them to the user. */
export interface OpenedDeadLetters {
  /** The dead letters. */
  readonly deadLetters: DeadLetterQueue;
  /** The queue file, or the SQS dead-letter queue's URL. */
  readonly label: string;
  /** Which kind of queue holds them (SQS counts are approximate, and listing counts a receive). */
  readonly kind: 'sqlite' | 'sqs';
}

/**
 * Opens the dead letters at `location`.
 * @throws WatchbotError QUEUE_NOT_FOUND (a usage error, exit 2) for a queue file that does not
 *   exist, an SQS queue that does not exist or has no dead-letter queue; UsageError for
 *   `--dead-letter-queue` with an embedded queue.
 */
export async function openDeadLetterQueue(location: DeadLetterLocation): Promise<OpenedDeadLetters> {
  const { address, deadLetterQueueUrl } = location;
  if (address.kind === 'sqlite') {
    if (deadLetterQueueUrl !== undefined) {
      throw new UsageError('--dead-letter-queue is for SQS queues; an embedded queue keeps its dead letters in its own file');
    }
    if (!existsSync(address.path)) {
      throw new WatchbotError(errorCodes.QUEUE_NOT_FOUND, `--queue: there is no queue at ${address.path} (a send or a run creates it)`);
    }
    try {
      return { deadLetters: openSqliteDeadLetterQueue({ path: address.path }), label: address.label, kind: 'sqlite' };
    } catch (error) {
      if (isWatchbotError(error)) throw new WatchbotError(error.code, `--queue: ${error.message}`, { cause: error });
      throw error;
    }
  }
  // Loaded on demand: the AWS SDK costs start-up time that embedded-queue users never need.
  const { openSqsDeadLetterQueue } = await import('@watchbot/sqs-adapter');
  try {
    const deadLetters = await openSqsDeadLetterQueue({
      queueUrl: address.url,
      ...(deadLetterQueueUrl !== undefined && { deadLetterQueueUrl }),
      ...(location.holdSeconds !== undefined && { holdSeconds: location.holdSeconds }),
    });
    return { deadLetters, label: deadLetters.deadLetterQueueUrl, kind: 'sqs' };
  } catch (error) {
    if (!isWatchbotError(error)) throw error;
    const option = deadLetterQueueUrl !== undefined && error.message.includes(deadLetterQueueUrl) ? '--dead-letter-queue' : '--queue';
    throw new WatchbotError(error.code, `${option}: ${error.message}`, { cause: error });
  }
}
