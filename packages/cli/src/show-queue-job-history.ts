/**
 * One job's history as `watchbot jobs show` prints it, read from the job history that goes with
 * a queue: dead-letter triage's "history" choice. Reading never creates a history file.
 */
import { existsSync } from 'node:fs';
import type { CliIo } from './cli-io.js';
import type { ParsedArguments } from './command-definition.js';
import { formatJobHistoryText } from './format-jobs.js';
import { describeJobHistory } from './job-history-location.js';
import { defaultTableLookbackDays } from './jobs-location-options.js';
import { openJobStore } from './open-job-store.js';
import { findQueueJobHistory } from './queue-job-history.js';
import type { QueueLocation } from './queue-location.js';

/** The queue a command works on, as a job-history reader needs it. */
export interface QueueHistoryContext {
  /** The command's parsed arguments (`--job-history` and `--job-table`, where the command has them). */
  readonly args: ParsedArguments;
  /** The environment and working directory. */
  readonly io: CliIo;
  /** The queue, and the stack it came from. */
  readonly location: QueueLocation;
}

/**
 * The timeline of job `id` in the history beside the queue, as `watchbot jobs show` prints it,
 * or a line saying there is none (and where it looked).
 */
export async function showQueueJobHistory(id: string, context: QueueHistoryContext): Promise<string> {
  const { args, io, location } = context;
  const history = await findQueueJobHistory({ args, io, address: location.address, ...(location.stack !== undefined && { stack: location.stack }), command: 'dead-letter' });
  if (history === undefined) return 'no job history: an SQS queue keeps it in DynamoDB, and no table is known (set WatchbotJobTable, or use --stack)\n';
  const where = describeJobHistory(history.location);
  if (history.location.kind === 'sqlite' && !existsSync(history.location.path)) return `no job history: ${where} does not exist\n`;
  const store = openJobStore(history.location, { retentionDays: defaultTableLookbackDays });
  try {
    const events = await store.history(id);
    return events.length === 0 ? `no job history for ${id} in ${where}\n` : formatJobHistoryText(id, events);
  } finally {
    await store.close();
  }
}
