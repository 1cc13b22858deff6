/**
 * Translation of node:sqlite and file-system errors into Watchbot's typed errors, at the
 * edge: callers branch on `code`, and the original error always travels as `cause`.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';

/** SQLite's primary result codes that decide a translation (the low byte of an extended code). */
const resultCodes = { BUSY: 5, LOCKED: 6, READONLY: 8, IOERR: 10, CORRUPT: 11, FULL: 13, CANTOPEN: 14, NOTADB: 26 } as const;

/** The primary SQLite result code of a node:sqlite error, or undefined for any other error. */
export function toSqliteResultCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'ERR_SQLITE_ERROR') return undefined;
  const extended = (error as { errcode?: unknown }).errcode;
  return typeof extended === 'number' ? extended & 0xff : undefined;
}

/** True when another connection holds the lock this statement needed (SQLITE_BUSY or SQLITE_LOCKED). */
export function isBusyError(error: unknown): boolean {
  const code = toSqliteResultCode(error);
  return code === resultCodes.BUSY || code === resultCodes.LOCKED;
}

/** The cause's message on one line. */
function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/** The error for a queue file that cannot be opened or created: QUEUE_NOT_FOUND, naming the path and the cause. */
export function toOpenError(error: unknown, path: string): WatchbotError {
  if (error instanceof WatchbotError) return error;
  return new WatchbotError(errorCodes.QUEUE_NOT_FOUND, `cannot open the queue at ${path}: ${describeCause(error)}`, { cause: error });
}

/**
 * The error for a write the storage refused. A lock held past the busy timeout may clear by
 * itself (QUEUE_UNAVAILABLE); a read-only file, a full disk or an I/O error will not
 * (QUEUE_WRITE_FAILED). Either way the transaction was rolled back: nothing was acknowledged.
 * Errors that are not SQLite's (programming errors) pass through unchanged.
 */
export function toWriteError(error: unknown, path: string, action: string): Error {
  if (error instanceof WatchbotError || toSqliteResultCode(error) === undefined) return error as Error;
  if (isBusyError(error)) {
    return new WatchbotError(errorCodes.QUEUE_UNAVAILABLE, `${action}: the queue at ${path} stayed locked by another process: ${describeCause(error)}`, { cause: error });
  }
  return new WatchbotError(errorCodes.QUEUE_WRITE_FAILED, `${action}: the queue at ${path} refused the write, nothing was acknowledged: ${describeCause(error)}`, { cause: error });
}

/**
 * The error for a read that failed: a lock or an I/O error may clear (QUEUE_UNAVAILABLE);
 * a corrupt file or one that is not a database will not (QUEUE_NOT_FOUND).
 */
export function toReadError(error: unknown, path: string, action: string): Error {
  const code = toSqliteResultCode(error);
  if (error instanceof WatchbotError || code === undefined) return error as Error;
  const lasting = code === resultCodes.CORRUPT || code === resultCodes.NOTADB || code === resultCodes.CANTOPEN;
  return new WatchbotError(lasting ? errorCodes.QUEUE_NOT_FOUND : errorCodes.QUEUE_UNAVAILABLE, `${action}: cannot read the queue at ${path}: ${describeCause(error)}`, { cause: error });
}
