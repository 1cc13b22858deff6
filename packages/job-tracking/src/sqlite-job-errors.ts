/**
 * Translation of node:sqlite and file-system errors into JobTrackingErrors, at the edge: a
 * lock held past the busy timeout may clear (retryable), a full disk may too; the rest will not.
 */
import { JobTrackingError, describeCause } from './job-tracking-error.js';

// SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_IOERR: conditions that can clear by themselves.
const retryableCodes: ReadonlySet<number> = new Set([5, 6, 13, 10]);

/** True when the same call may succeed later. */
function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'ERR_SQLITE_ERROR') return false;
  const extended = (error as { errcode?: unknown }).errcode;
  return typeof extended === 'number' && retryableCodes.has(extended & 0xff);
}

/** The error for a history file that cannot be opened or created. */
export function toOpenError(error: unknown, path: string): JobTrackingError {
  if (error instanceof JobTrackingError) return error;
  return new JobTrackingError('STORE_UNAVAILABLE', `cannot open the job history at ${path}: ${describeCause(error)}`, { cause: error });
}

/** The error for a failed call: JobTrackingErrors pass through, SQLite errors become STORE_UNAVAILABLE. */
export function toSqliteStoreError(error: unknown, path: string, action: string): JobTrackingError {
  if (error instanceof JobTrackingError) return error;
  return new JobTrackingError('STORE_UNAVAILABLE', `cannot ${action}: the job history at ${path} failed: ${describeCause(error)}`, {
    cause: error,
    retryable: isRetryable(error),
  });
}
