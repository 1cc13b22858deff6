/**
 * The key layout of the job-history table (partition key `pk`, sort key `sk`, sparse index
 * `gsi1` on `gsi1pk`/`gsi1sk`, all strings):
 *
 * | item                 | pk           | sk                                  | gsi1pk                 | gsi1sk                         |
 * | -------------------- | ------------ | ----------------------------------- | ---------------------- | ------------------------------ |
 * | one event            | `job#<id>`   | `ev#<time>#<rank>#<type>#<attempt>` | outcomes only: `outcomes#<day>` | `<time>#<id>#<rank>#<attempt>` |
 * | the job's summary    | `job#<id>`   | `summary`                           | `jobs#<day of last event>` | `<last time>#<id>`         |
 *
 * Times are ms since the epoch, zero-padded to 15 digits so strings sort as numbers; days are
 * UTC `YYYY-MM-DD`. A job's history is one query on its partition; listings and statistics
 * query one index partition per day of the window, newest first, never scanning the table.
 */

/** The table's attribute names (packages/template `tableSchemas.jobs`). */
export const jobTableAttributes = { partitionKey: 'pk', sortKey: 'sk', indexName: 'gsi1', indexPartitionKey: 'gsi1pk', indexSortKey: 'gsi1sk', ttl: 'expiresAt' } as const;

/** The sort key of a job's summary item. */
export const summarySortKey = 'summary';

/** The sort-key prefix of a job's event items. */
export const eventSortKeyPrefix = 'ev#';

/** A time as a 15-digit string, so that string order is time order. */
export function padTime(timeMs: number): string {
  return String(Math.max(0, Math.floor(timeMs))).padStart(15, '0');
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function toDay(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/** The partition key of a job's items. */
export function toJobPartitionKey(jobId: string): string {
  return `job#${jobId}`;
}

/** The sort key of one event. */
export function toEventSortKey(timeMs: number, rank: number, type: string, attempt: number | undefined): string {
  return `${eventSortKeyPrefix}${padTime(timeMs)}#${String(rank).padStart(2, '0')}#${type}#${attempt ?? ''}`;
}

/** The index partition holding the outcome events of one day. */
export function toOutcomeBucket(timeMs: number): string {
  return `outcomes#${toDay(timeMs)}`;
}

/** The index partition holding the summaries of jobs last seen on one day. */
export function toJobBucket(timeMs: number): string {
  return `jobs#${toDay(timeMs)}`;
}

/** The start (00:00 UTC) of every day from `fromMs`'s to `toMs`'s, in ascending order. */
export function daysBetween(fromMs: number, toMs: number): number[] {
  const msPerDay = 86_400_000;
  const days: number[] = [];
  for (let day = Math.floor(fromMs / msPerDay) * msPerDay; day <= toMs; day += msPerDay) days.push(day);
  return days;
}
