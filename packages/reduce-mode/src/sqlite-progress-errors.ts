/**
 * Translation of node:sqlite and file-system errors into ReduceModeErrors, at the edge:
 * a lock held past the busy timeout may clear (retryable), anything else will not.
 */
import { ReduceModeError, describeCause } from './reduce-mode-error.js';

const busyCodes: ReadonlySet<number> = new Set([5, 6]); // SQLITE_BUSY, SQLITE_LOCKED

/** True when another connection held the lock past the busy timeout. */
function isBusyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'ERR_SQLITE_ERROR') return false;
  const extended = (error as { errcode?: unknown }).errcode;
  return typeof extended === 'number' && busyCodes.has(extended & 0xff);
}

/** The error for a progress file that cannot be opened or created. */
export function toOpenError(error: unknown, path: string): ReduceModeError {
  if (error instanceof ReduceModeError) return error;
  return new ReduceModeError('STORE_UNAVAILABLE', `cannot open the progress store at ${path}: ${describeCause(error)}`, { cause: error });
}

/** The error for a failed call: ReduceModeErrors pass through, SQLite errors become STORE_UNAVAILABLE. */
export function toStoreError(error: unknown, path: string, jobId: string, action: string): Error {
  if (error instanceof ReduceModeError) return error;
  const busy = isBusyError(error);
  const problem = busy ? 'stayed locked by another process' : 'failed';
  return new ReduceModeError('STORE_UNAVAILABLE', `job ${jobId}: cannot ${action}: the progress store at ${path} ${problem}: ${describeCause(error)}`, {
    cause: error,
    retryable: busy,
  });
}
