/**
 * Which job history `watchbot jobs` reads: `--job-table` (with `--region`), `--job-history`,
 * `--queue` (the file beside that embedded queue), else the `WatchbotJobTable` variable (inside
 * a task), else the default queue's. Reading never creates a history file.
 */
import { resolve } from 'node:path';
import { invalidOption } from '@watchbot/core';
import type { CliIo } from './cli-io.js';
import type { ParsedArguments } from './command-definition.js';
import { checkTableName, jobHistoryDaysRange } from './job-history-options.js';
import type { JobHistoryLocation } from './job-history-location.js';
import { toJobHistoryPath } from './job-history-location.js';
import { readString } from './parsed-arguments.js';
import { parseQueueAddress } from './queue-address.js';
import { UsageError } from './usage-error.js';
import { parseWholeNumber } from './whole-number-option.js';

/** The days a DynamoDB listing looks back when no `WatchbotJobHistoryDays` says otherwise: the template's default retention. */
export const defaultTableLookbackDays = 30;

/** The history to read, and how long its events are kept (DynamoDB listings look back that far). */
export interface JobsReadLocation {
  readonly location: JobHistoryLocation;
  readonly retentionDays?: number;
}

const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * Reads the options that name a job history.
 * @throws UsageError when more than one names it; WatchbotError INVALID_OPTION for a bad value.
 */
export function readJobsLocation(args: ParsedArguments, io: CliIo, command: string): JobsReadLocation {
  const queue = readString(args, 'queue');
  const path = readString(args, 'job-history');
  const table = readString(args, 'job-table');
  const region = readString(args, 'region');
  const named = [queue && '--queue', path && '--job-history', table && '--job-table'].filter((option) => typeof option === 'string' && option !== '');
  if (named.length > 1) throw new UsageError(`${command}: ${named.join(' and ')} each name a job history; give one`);
  if (region !== undefined && table === undefined) throw new UsageError(`${command}: --region is for --job-table (a DynamoDB table)`);
  if (region !== undefined && !regionPattern.test(region)) throw invalidOption('--region', region, 'an AWS region such as us-east-1');
  const envDays = io.env.WatchbotJobHistoryDays?.trim();
  const retentionDays = envDays === undefined || envDays === '' ? defaultTableLookbackDays : parseWholeNumber('WatchbotJobHistoryDays', envDays, jobHistoryDaysRange);
  if (table !== undefined) return { location: { kind: 'dynamodb', tableName: checkTableName('--job-table', table), ...(region !== undefined && { region }) }, retentionDays };
  if (path !== undefined) {
    if (path.trim() === '' || path.includes('\0')) throw invalidOption('--job-history', path, 'a file path, e.g. .watchbot/default.jobs.db');
    return { location: { kind: 'sqlite', path: resolve(io.cwd, path) } };
  }
  const envTable = io.env.WatchbotJobTable?.trim();
  if (queue === undefined && envTable !== undefined && envTable !== '') {
    return { location: { kind: 'dynamodb', tableName: checkTableName('WatchbotJobTable', envTable) }, retentionDays };
  }
  const address = parseQueueAddress(queue, io.cwd);
  if (address.kind === 'sqs') {
    throw new UsageError(`${command}: an SQS queue keeps its job history in DynamoDB; name the table with --job-table (the stack's WatchbotJobTableName output)`);
  }
  return { location: { kind: 'sqlite', path: toJobHistoryPath(address.path) } };
}
