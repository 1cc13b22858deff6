/**
 * The job history that goes with a queue, for commands that name a queue and also read or write
 * its history (`dashboard`, `track`, dead-letter triage): `--job-history FILE` or
 * `--job-table TABLE` when given, else the stack's `JobTableName` output, else `WatchbotJobTable`
 * for an SQS queue, else the `NAME.jobs.db` file beside an embedded queue. An SQS queue with no
 * table has none.
 */
import { resolve } from 'node:path';
import { invalidOption } from '@watchbot/core';
import type { Options } from 'yargs';
import type { CliIo } from './cli-io.js';
import type { ParsedArguments } from './command-definition.js';
import type { JobHistoryLocation } from './job-history-location.js';
import { toJobHistoryPath } from './job-history-location.js';
import { checkTableName } from './job-history-options.js';
import { readString } from './parsed-arguments.js';
import type { QueueAddress } from './queue-address.js';
import type { StackResources } from './stack-discovery.js';
import { UsageError } from './usage-error.js';

/** The yargs options `--job-history` and `--job-table`. */
export const queueJobHistoryOptions = {
  'job-history': { requiresArg: true, describe: 'the SQLite job-history file', defaultDescription: 'NAME.jobs.db beside an embedded queue NAME.db' },
  'job-table': { requiresArg: true, describe: 'the DynamoDB job-history table (a stack\'s WatchbotJobTableName output)', defaultDescription: "the stack's, or $WatchbotJobTable for an SQS queue" },
} as const satisfies Record<string, Options>;

/** Where a queue's job history is, and whether the user named it. */
export interface QueueJobHistory {
  /** The store's location. */
  readonly location: JobHistoryLocation;
  /** The option or variable that named it ("--job-table" …); undefined for the file beside an embedded queue. */
  readonly namedBy?: string;
}

/** What to look at. */
export interface QueueJobHistoryRequest {
  /** The parsed arguments; `--job-history` and `--job-table` are read when present. */
  readonly args: ParsedArguments;
  /** The environment (`WatchbotJobTable`) and the directory relative paths resolve against. */
  readonly io: CliIo;
  /** The queue. */
  readonly address: QueueAddress;
  /** The stack `--stack` named, if any: its `JobTableName` output and region. */
  readonly stack?: StackResources;
  /** The command, for messages, e.g. "dashboard". */
  readonly command: string;
}

/**
 * Finds the queue's job history.
 * @returns undefined when the queue has none (an SQS queue without a table).
 * @throws UsageError when both options are given; WatchbotError INVALID_OPTION for a bad value.
 */
export async function findQueueJobHistory(request: QueueJobHistoryRequest): Promise<QueueJobHistory | undefined> {
  const { args, io, address, stack, command } = request;
  const path = readString(args, 'job-history');
  const table = readString(args, 'job-table');
  if (path !== undefined && table !== undefined) throw new UsageError(`${command}: --job-history (an SQLite file) and --job-table (DynamoDB) both name a job history; give one`);
  if (path !== undefined) {
    if (path.trim() === '' || path.includes('\0')) throw invalidOption('--job-history', path, 'a file path, e.g. .watchbot/default.jobs.db');
    return { location: { kind: 'sqlite', path: resolve(io.cwd, path) }, namedBy: '--job-history' };
  }
  const envTable = io.env.WatchbotJobTable?.trim();
  const [tableName, namedBy] =
    table !== undefined
      ? [checkTableName('--job-table', table), '--job-table']
      : stack?.outputs.JobTableName !== undefined
        ? [stack.outputs.JobTableName, `--stack ${stack.stackName}: its JobTableName output`]
        : address.kind === 'sqs' && envTable !== undefined && envTable !== ''
          ? [checkTableName('WatchbotJobTable', envTable), 'WatchbotJobTable']
          : [undefined, undefined];
  if (tableName !== undefined) {
    const region = stack?.region ?? (await queueRegion(address));
    return { location: { kind: 'dynamodb', tableName, ...(region !== undefined && { region }) }, namedBy };
  }
  return address.kind === 'sqlite' ? { location: { kind: 'sqlite', path: toJobHistoryPath(address.path) } } : undefined;
}

/** An SQS queue's region, from its URL; undefined for an embedded queue or a URL without one (the SDK's default then applies). */
async function queueRegion(address: QueueAddress): Promise<string | undefined> {
  if (address.kind !== 'sqs') return undefined;
  // Loaded on demand: only SQS users pay for the AWS SDK.
  const { regionFromQueueUrl } = await import('@watchbot/sqs-adapter');
  return regionFromQueueUrl(address.url);
}
