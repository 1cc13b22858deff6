/**
 * The options of the SQLite queue, their defaults, and their validation: checked once, up
 * front, with one-line messages that name the option, the value and what is allowed.
 */
import { createSystemClock, invalidOption } from '@watchbot/core';
import type { Clock } from '@watchbot/core';

/** Options for {@link openSqliteQueue}. */
export interface SqliteQueueOptions {
  /** The database file. Missing parent folders are created (unless `readOnly`). */
  readonly path: string;
  /** The clock that visibility timeouts, send delays and long polls are measured on. Default: the system clock. */
  readonly clock?: Clock;
  /**
   * Receives after which a message is dead-lettered instead of delivered again (SQS's
   * maxReceiveCount): once its receive count has reached this and it becomes visible again,
   * the next receive moves it to the dead-letter table. 1 to 1,000. Default 10.
   */
  readonly maxReceives?: number;
  /**
   * How often a waiting receive re-checks the file, in ms, at the latest. Sends from this process
   * wake it at once, and so do other processes' commits where the file's write-ahead log can be
   * watched; this interval bounds the latency when it cannot. 1 to 60,000. Default 25.
   */
  readonly pollIntervalMs?: number;
  /**
   * How long one statement waits for another process's write lock, in ms. node:sqlite is
   * synchronous, so the wait blocks the event loop: keep it modest. 0 to 60,000. Default 2,000.
   */
  readonly busyTimeoutMs?: number;
  /**
   * Opens the file read-only, for inspection (counts, dead letters, notifications): every
   * receive, send, delete and notification then fails with QUEUE_WRITE_FAILED. Default false.
   */
  readonly readOnly?: boolean;
}

/** The defaults of {@link SqliteQueueOptions}. */
export const sqliteQueueDefaults = {
  /** Receives before dead-lettering. */
  maxReceives: 10,
  /** Long-poll re-check interval, in ms. */
  pollIntervalMs: 25,
  /** Lock wait per statement, in ms. */
  busyTimeoutMs: 2_000,
} as const;

/** {@link SqliteQueueOptions} with every default applied and every value checked. */
export interface ResolvedSqliteQueueOptions {
  readonly path: string;
  readonly clock: Clock;
  readonly maxReceives: number;
  readonly pollIntervalMs: number;
  readonly busyTimeoutMs: number;
  readonly readOnly: boolean;
}

function checkInteger(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(option, value, `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
  }
  return value;
}

/** Applies defaults and validates; throws INVALID_OPTION naming the first bad option. */
export function resolveSqliteQueueOptions(options: SqliteQueueOptions): ResolvedSqliteQueueOptions {
  if (typeof options.path !== 'string' || options.path.trim() === '') {
    throw invalidOption('path', options.path, 'the path of the queue database file');
  }
  return {
    path: options.path,
    clock: options.clock ?? createSystemClock(),
    maxReceives: checkInteger('maxReceives', options.maxReceives ?? sqliteQueueDefaults.maxReceives, 1, 1_000),
    pollIntervalMs: checkInteger('pollIntervalMs', options.pollIntervalMs ?? sqliteQueueDefaults.pollIntervalMs, 1, 60_000),
    busyTimeoutMs: checkInteger('busyTimeoutMs', options.busyTimeoutMs ?? sqliteQueueDefaults.busyTimeoutMs, 0, 60_000),
    readOnly: options.readOnly ?? false,
  };
}
