/**
 * Where a queue's job history is kept, and how to name it to people: an SQLite file beside the
 * embedded queue (`jobs.db` → `jobs.jobs.db`), any SQLite file given with `--job-history`, or the
 * stack's DynamoDB table (`--job-table`, `WatchbotJobTable`).
 */
import type { QueueAddress } from './queue-address.js';
import { defaultQueueName } from './queue-address.js';

/** A job-history store's location. */
export type JobHistoryLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'dynamodb'; readonly tableName: string; readonly region?: string };

/** The history file beside an embedded queue file: `x.db` → `x.jobs.db`, any other name gains `.jobs.db`. */
export function toJobHistoryPath(queuePath: string): string {
  return queuePath.endsWith('.db') ? `${queuePath.slice(0, -'.db'.length)}.jobs.db` : `${queuePath}.jobs.db`;
}

/** The location for people: the file's path, or "DynamoDB table NAME". */
export function describeJobHistory(location: JobHistoryLocation): string {
  return location.kind === 'sqlite' ? location.path : `DynamoDB table ${location.tableName}${location.region === undefined ? '' : ` (${location.region})`}`;
}

/** A word as a shell would need it: as is when safe, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The options that name this history to `watchbot jobs`: none for the default queue's, else `--queue`, `--job-history` or `--job-table`. */
export function toJobsOptions(location: JobHistoryLocation, address: QueueAddress): string[] {
  if (location.kind === 'dynamodb') return ['--job-table', location.tableName, ...(location.region === undefined ? [] : ['--region', location.region])];
  if (address.kind === 'sqlite' && location.path === toJobHistoryPath(address.path)) return address.label === defaultQueueName ? [] : ['--queue', address.label];
  return ['--job-history', location.path];
}

/** A `watchbot jobs` command line, e.g. `watchbot jobs show <id> --queue jobs`, quoted for a shell. */
export function toJobsCommand(words: readonly string[], location: JobHistoryLocation, address: QueueAddress): string {
  return ['watchbot', 'jobs', ...words, ...toJobsOptions(location, address)].map(shellWord).join(' ');
}
