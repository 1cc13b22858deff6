/**
 * The SQS queue: core's Queue port over one SQS queue (AWS SDK v3), with what the CLI needs to
 * match the watcher to the queue (FIFO, redrive threshold, dead-letter queue) and a count of
 * the requests it made. The receive, settle, send and count paths live in their own modules.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { sqsLimits } from '@watchbot/core';
import type { Queue } from '@watchbot/core';
import { createSqsClient } from './aws-clients.js';
import { createMessageReceiver } from './message-receiver.js';
import { createMessageSender } from './message-sender.js';
import { createMessageSettler } from './message-settler.js';
import { readQueueCounts } from './queue-counts.js';
import { readQueueSetup } from './queue-setup.js';
import { createReceiptLeases } from './receipt-leases.js';
import { attachRequestCounter } from './request-counter.js';
import { resolveSqsQueueOptions } from './sqs-queue-options.js';
import type { SqsQueueOptions } from './sqs-queue-options.js';

/** An open SQS queue: the {@link Queue} port plus what only SQS can tell. */
export interface SqsQueue extends Queue {
  /** The queue's URL, as given. */
  readonly queueUrl: string;
  /** The queue's ARN, as SQS reported it on open. */
  readonly queueArn?: string;
  /** True for a FIFO queue (message groups, deduplication, no per-message delay). */
  readonly isFifo: boolean;
  /** The redrive policy's maxReceiveCount (receives before SQS dead-letters a message), when the queue has one. */
  readonly maxReceives?: number;
  /** The dead-letter queue's URL, resolved from the redrive policy, when there is one. */
  readonly deadLetterQueueUrl?: string;
  /**
   * The SQS requests made so far through this queue's client, by action name
   * (`ReceiveMessage`, `DeleteMessageBatch` …), retries included. Queues sharing a client share counts.
   */
  requestCounts(): Readonly<Record<string, number>>;
}

/**
 * Opens the queue at `options.queueUrl`, reading its attributes once (one GetQueueAttributes
 * call, plus GetQueueUrl for a dead-letter queue) to fail early.
 * @throws WatchbotError INVALID_OPTION for a bad option; QUEUE_NOT_FOUND when the queue does not
 * exist; QUEUE_ACCESS_DENIED when the credentials are refused or missing, or no region is set;
 * QUEUE_UNAVAILABLE when SQS cannot be reached for now.
 */
export async function openSqsQueue(options: SqsQueueOptions): Promise<SqsQueue> {
  const { queueUrl, clock, logger, batchWindowMs, closeWaitMs, client } = resolveSqsQueueOptions(options);
  const sqs: SQSClient = client ?? createSqsClient(queueUrl);
  const requestCounts = attachRequestCounter(sqs);
  let setup;
  try {
    setup = await readQueueSetup(sqs, queueUrl, logger);
  } catch (error) {
    if (client === undefined) sqs.destroy();
    throw error;
  }
  const { queueArn, isFifo, maxReceives, deadLetterQueueUrl } = setup;
  const leases = createReceiptLeases(clock);
  const settler = createMessageSettler({ sqs, queueUrl, clock, leases, batchWindowMs, logger });
  const receiver = createMessageReceiver({ sqs, queueUrl, isFifo, clock, leases, handBack: settler.handBack });
  const send = createMessageSender(sqs, queueUrl, isFifo);
  let closed: Promise<void> | undefined;

  return {
    queueUrl,
    ...(queueArn !== undefined && { queueArn }),
    isFifo,
    ...(maxReceives !== undefined && { maxReceives }),
    ...(deadLetterQueueUrl !== undefined && { deadLetterQueueUrl }),
    limits: sqsLimits,
    requestCounts,
    receive: (maxMessages, receiveOptions) => receiver.receive(maxMessages, receiveOptions),
    deleteMessages: (receiptHandles) => settler.deleteMessages(receiptHandles),
    changeVisibility: (changes) => settler.changeVisibility(changes),
    send: (messages) => (messages.length === 0 ? Promise.resolve([]) : send(messages)),
    getCounts: () => readQueueCounts({ sqs, queueUrl, deadLetterQueueUrl, countReturned: leases.countReturned, logger }),
    close() {
      closed ??= (async () => {
        // Waiting receives end with []; their requests may still finish (up to closeWaitMs), and late messages go back.
        await receiver.close(closeWaitMs);
        await settler.flush();
        if (client === undefined) sqs.destroy();
      })();
      return closed;
    },
  };
}
