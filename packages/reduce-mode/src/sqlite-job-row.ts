/**
 * Reads a `jobs` row of the SQLite progress store into a {@link JobStatus}: values from a
 * file another program may have written are checked, not cast.
 */
import type { SQLOutputValue } from 'node:sqlite';
import { toNumber, toOptionalString } from '@watchbot/sqlite-adapter';
import { parseMetadata, toProgress } from './job-rules.js';
import type { JobStatus } from './progress-store.js';

type Row = Record<string, SQLOutputValue>;

/** The status a `SELECT * FROM jobs` row describes. */
export function toJobStatus(row: Row): JobStatus {
  const totalParts = toNumber(row['total_parts']);
  const completedParts = toNumber(row['completed_parts']);
  const failedReason = toOptionalString(row['failed_reason']);
  return {
    jobId: toOptionalString(row['job_id']) ?? '',
    totalParts,
    completedParts,
    progress: toProgress(completedParts, totalParts),
    done: toNumber(row['done']) === 1,
    ...(failedReason !== undefined && { failed: { reason: failedReason } }),
    metadata: parseMetadata(toOptionalString(row['metadata'])),
    reduceSent: toNumber(row['reduce_sent']) === 1,
    createdAtMs: toNumber(row['created_at_ms']),
    updatedAtMs: toNumber(row['updated_at_ms']),
  };
}
