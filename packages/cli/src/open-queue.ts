/**
 * Opens the queue an address names: the embedded SQLite queue, or an SQS queue (whose
 * notifications go to an SNS topic, when one is given). The one place that knows which kinds
 * of queue there are.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WatchbotError, errorCodes, isWatchbotError } from '@watchbot/core';
import type { Logger, Notification, Notifier, Queue } from '@watchbot/core';
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import type { QueueAddress } from './queue-address.js';

/** A queue as the CLI uses it: the queue port plus its notifier and notification history. */
export interface CliQueue extends Queue {
  /** Where the watcher reports rejections, failures and dead letters. */
  readonly notifier: Notifier;
  /** The latest notifications, newest first, at most `limit` (none for SQS: they go to SNS). */
  recentNotifications(limit: number): readonly Notification[] | Promise<readonly Notification[]>;
  /** The queue's own dead-letter threshold, where it has one (an SQS redrive policy). */
  readonly maxReceives?: number;
  /** Where notifications go, for people: "this queue file" or the SNS topic ARN. */
  readonly notificationsGoTo?: string;
}

/** Options for {@link openQueue}. */
export interface OpenQueueOptions {
  /** Receives after which a message is dead-lettered. Default: the adapter's (10). */
  readonly maxReceives?: number;
  /** The flag or variable the address came from, for messages. Default "--queue". */
  readonly option?: string;
  /** SQS only: the SNS topic ARN that rejections, failures and dead letters are published to. */
  readonly notificationTopicArn?: string;
  /** Where the adapters log delivery problems (notifications dropped, messages handed back). */
  readonly logger?: Logger;
}

/**
 * Opens (creating if needed) the queue at `address`.
 * @throws WatchbotError QUEUE_NOT_FOUND when the queue does not exist or cannot be created where
 *   it was asked for; QUEUE_ACCESS_DENIED when AWS refuses the credentials.
 */
export async function openQueue(address: QueueAddress, options: OpenQueueOptions = {}): Promise<CliQueue> {
  const option = options.option ?? '--queue';
  if (address.kind === 'sqs') return openSqs(address.url, option, options);
  try {
    mkdirSync(dirname(address.path), { recursive: true });
  } catch (error) {
    throw new WatchbotError(
      errorCodes.QUEUE_NOT_FOUND,
      `${option}: cannot create the queue at ${JSON.stringify(address.path)}: ${describeFileError(error)}`,
      { cause: error },
    );
  }
  try {
    return await openSqliteQueue({
      path: address.path,
      ...(options.maxReceives !== undefined && { maxReceives: options.maxReceives }),
    });
  } catch (error) {
    if (isWatchbotError(error, errorCodes.QUEUE_NOT_FOUND)) {
      throw new WatchbotError(errorCodes.QUEUE_NOT_FOUND, `${option}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

async function openSqs(queueUrl: string, option: string, options: OpenQueueOptions): Promise<CliQueue> {
  // Loaded on demand: the AWS SDK costs ~65 ms of start-up that embedded-queue users never need.
  const { createSnsNotifier, openSqsQueue } = await import('@watchbot/sqs-adapter');
  let queue;
  try {
    queue = await openSqsQueue({ queueUrl, ...(options.logger !== undefined && { logger: options.logger }) });
  } catch (error) {
    if (isWatchbotError(error)) throw new WatchbotError(error.code, `${option}: ${error.message}`, { cause: error });
    throw error;
  }
  const topicArn = options.notificationTopicArn;
  const notifier =
    topicArn === undefined
      ? undefined
      : createSnsNotifier({ topicArn, ...(options.logger !== undefined && { logger: options.logger }) });
  const closeQueue = queue.close.bind(queue);
  return Object.assign(queue, {
    // No topic: the "[failure]" log lines are the record.
    notifier: notifier ?? { notify: async () => undefined },
    recentNotifications: () => [],
    notificationsGoTo: topicArn ?? 'nowhere (no notification topic; failures are in the log)',
    async close() {
      // The notifier publishes any pending "N notifications suppressed" summary as it closes.
      await notifier?.close();
      await closeQueue();
    },
  });
}

const fileErrorTexts: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && fileErrorTexts[code]) || (error instanceof Error ? error.message : String(error));
}
