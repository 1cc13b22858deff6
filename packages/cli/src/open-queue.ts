/**
 * Opens the queue an address names. The one place that knows which kinds of queue this
 * release can open: the embedded SQLite queue. SQS URLs are refused here, in one line,
 * until the SQS adapter lands and takes over this module's `sqs` branch.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WatchbotError, errorCodes, isWatchbotError } from '@watchbot/core';
import type { Notification, Notifier, Queue } from '@watchbot/core';
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import type { QueueAddress } from './queue-address.js';

/** A queue as the CLI uses it: the queue port plus its notifier and notification history. */
export interface CliQueue extends Queue {
  /** Where the watcher reports rejections, failures and dead letters. */
  readonly notifier: Notifier;
  /** The latest notifications, newest first, at most `limit`. */
  recentNotifications(limit: number): readonly Notification[] | Promise<readonly Notification[]>;
}

/** Options for {@link openQueue}. */
export interface OpenQueueOptions {
  /** Receives after which a message is dead-lettered. Default: the adapter's (10). */
  readonly maxReceives?: number;
  /** The flag or variable the address came from, for messages. Default "--queue". */
  readonly option?: string;
}

/**
 * Opens (creating if needed) the queue at `address`.
 * @throws WatchbotError INVALID_OPTION for an SQS URL (not supported yet), QUEUE_NOT_FOUND when
 *   the queue cannot be created or opened where it was asked for.
 */
export async function openQueue(address: QueueAddress, options: OpenQueueOptions = {}): Promise<CliQueue> {
  const option = options.option ?? '--queue';
  if (address.kind === 'sqs') {
    throw new WatchbotError(
      errorCodes.INVALID_OPTION,
      `${option}: ${JSON.stringify(address.url)} is an SQS queue URL; SQS support comes with the SQS adapter (a later release) — use a queue name or a .db path for now`,
    );
  }
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
