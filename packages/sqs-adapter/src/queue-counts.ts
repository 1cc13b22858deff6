/**
 * Counting: SQS's approximate counts of visible, in-flight and delayed messages, plus the
 * dead-letter queue's, in parallel (one GetQueueAttributes call each). SQS cannot tell a
 * message handed back to wait out a backoff from one still running; the messages this process
 * handed back are moved from in flight to delayed.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { QueueAttributeName, SQSClient } from '@aws-sdk/client-sqs';
import type { Logger, QueueCounts } from '@watchbot/core';
import { toWatchbotError } from './to-watchbot-error.js';

const countNames: QueueAttributeName[] = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];

interface RawCounts {
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
}

async function readCounts(sqs: SQSClient, queueUrl: string): Promise<RawCounts> {
  try {
    const { Attributes: attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: countNames }));
    const read = (name: QueueAttributeName): number => Number(attributes[name] ?? 0) || 0;
    return { visible: read('ApproximateNumberOfMessages'), notVisible: read('ApproximateNumberOfMessagesNotVisible'), delayed: read('ApproximateNumberOfMessagesDelayed') };
  } catch (error) {
    throw toWatchbotError(error, `count the messages of ${queueUrl}`);
  }
}

/** What counting needs. */
export interface QueueCountsSource {
  /** The client calls go through. */
  readonly sqs: SQSClient;
  /** The queue counted. */
  readonly queueUrl: string;
  /** Its dead-letter queue, when it has one. */
  readonly deadLetterQueueUrl?: string | undefined;
  /** How many messages this process handed back that are still waiting out their backoff. */
  readonly countReturned: () => number;
  /** Where an unreadable dead-letter queue is reported. */
  readonly logger?: Logger | undefined;
}

/**
 * Reads the counts. `deadLettered` is every message in the dead-letter queue (visible, in
 * flight or delayed there); it is left out when there is no dead-letter queue or it cannot be
 * read (logged). Throws QUEUE_UNAVAILABLE, QUEUE_NOT_FOUND or QUEUE_ACCESS_DENIED for the queue itself.
 */
export async function readQueueCounts(source: QueueCountsSource): Promise<QueueCounts> {
  const { sqs, queueUrl, deadLetterQueueUrl } = source;
  const [own, dead] = await Promise.all([
    readCounts(sqs, queueUrl),
    deadLetterQueueUrl === undefined
      ? undefined
      : readCounts(sqs, deadLetterQueueUrl).catch((error: unknown) => {
          source.logger?.log({ level: 'warn', msg: `could not count the dead-letter queue: ${error instanceof Error ? error.message : String(error)}` });
          return undefined;
        }),
  ]);
  const returned = Math.min(source.countReturned(), own.notVisible);
  return {
    visible: own.visible,
    inFlight: own.notVisible - returned,
    delayed: own.delayed + returned,
    ...(dead !== undefined && { deadLettered: dead.visible + dead.notVisible + dead.delayed }),
  };
}
