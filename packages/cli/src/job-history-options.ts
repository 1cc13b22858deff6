/**
 * Job history for `run` and `listen`: on by default beside an embedded queue; for an SQS queue,
 * on when a DynamoDB table is named. `--job-history PATH`, `--job-table NAME` and
 * `--no-job-history` (run), `WatchbotJobTable` and `WatchbotJobHistoryDays` (listen) change that.
 * A table is used in the SQS queue's region (watch-queue.ts fills it in), else the SDK's default.
 */
import { resolve } from 'node:path';
import { invalidOption } from '@watchbot/core';
import type { ParsedArguments } from './command-definition.js';
import type { JobHistoryLocation } from './job-history-location.js';
import { toJobHistoryPath } from './job-history-location.js';
import { readString } from './parsed-arguments.js';
import type { QueueAddress } from './queue-address.js';
import { UsageError } from './usage-error.js';

/** A watcher's job history, as `watchQueue` takes it. */
export interface JobHistorySettings {
  /** Where it is kept. */
  readonly location: JobHistoryLocation;
  /** Days events are kept. Default: the store's (14). */
  readonly retentionDays?: number;
  /**
   * The flag or variable that asked for it, e.g. "--job-history"; an unusable store is then an
   * error. Undefined when it is on by default: an unusable store is then a warning, and work goes on.
   */
  readonly requestedBy?: string;
}

/** The allowed range of `WatchbotJobHistoryDays`. */
export const jobHistoryDaysRange = { min: 1, max: 3650, unit: 'days' } as const;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Checks a DynamoDB table name given as `option`. @throws WatchbotError INVALID_OPTION */
export function checkTableName(option: string, value: string): string {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(value)) throw invalidOption(option, value, 'a DynamoDB table name (3 to 255 letters, digits, _ - .)');
  return value;
}

/**
 * `run`'s job history from `--job-history`, `--no-job-history` and `--job-table`.
 * @returns undefined when it is off.
 * @throws UsageError for flags that contradict each other; WatchbotError INVALID_OPTION for a bad value.
 */
export function readRunJobHistory(args: ParsedArguments, address: QueueAddress, cwd: string): JobHistorySettings | undefined {
  const given = args['job-history'];
  const disabled = given === false || (Array.isArray(given) && given.at(-1) === false);
  const path = disabled ? undefined : readString(args, 'job-history');
  const tableName = readString(args, 'job-table');
  if (disabled && tableName !== undefined) throw new UsageError('run: --no-job-history and --job-table contradict each other; give one');
  if (path !== undefined && tableName !== undefined) throw new UsageError('run: --job-history (an SQLite file) and --job-table (DynamoDB) both name a job history; give one');
  if (disabled) return undefined;
  if (tableName !== undefined) {
    return { location: { kind: 'dynamodb', tableName: checkTableName('--job-table', tableName) }, requestedBy: '--job-table' };
  }
  if (path !== undefined) {
    if (path.trim() === '' || path.includes('\0')) throw invalidOption('--job-history', path, 'a file path, e.g. jobs.jobs.db');
    return { location: { kind: 'sqlite', path: resolve(cwd, path) }, requestedBy: '--job-history' };
  }
  return address.kind === 'sqlite' ? { location: { kind: 'sqlite', path: toJobHistoryPath(address.path) } } : undefined;
}

/**
 * `listen`'s job history from its environment: the table `WatchbotJobTable` names (the
 * template sets it with `jobTracking`), else the file beside an embedded queue; kept
 * `WatchbotJobHistoryDays` days.
 */
export function readListenJobHistory(jobTable: string | undefined, jobHistoryDays: number | undefined, address: QueueAddress): JobHistorySettings | undefined {
  const retention = jobHistoryDays === undefined ? {} : { retentionDays: jobHistoryDays };
  const tableName = nonEmpty(jobTable);
  if (tableName !== undefined) {
    return { location: { kind: 'dynamodb', tableName }, requestedBy: 'WatchbotJobTable', ...retention };
  }
  return address.kind === 'sqlite' ? { location: { kind: 'sqlite', path: toJobHistoryPath(address.path) }, ...retention } : undefined;
}
