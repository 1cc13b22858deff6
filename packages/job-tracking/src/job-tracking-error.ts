/**
 * Job tracking's typed error: callers branch on `code`, never on message text, and a failure
 * that may clear by itself (a locked file, a throttled table, the network) says so.
 */

/** Every condition job tracking reports, with what it means. */
export const jobTrackingErrorCodes = {
  /** An option or argument is missing, malformed or out of range. */
  INVALID_OPTION: 'INVALID_OPTION',
  /** An event cannot be stored as given (no job id, a time that is not a whole number of ms …). */
  INVALID_EVENT: 'INVALID_EVENT',
  /** The store (SQLite file, DynamoDB table) could not be reached or refused the call. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
} as const;

/** One of {@link jobTrackingErrorCodes}. */
export type JobTrackingErrorCode = (typeof jobTrackingErrorCodes)[keyof typeof jobTrackingErrorCodes];

/** Options of a {@link JobTrackingError}. */
export interface JobTrackingErrorOptions {
  /** The error this one translates. */
  readonly cause?: unknown;
  /** True when the same call may succeed later (a lock, throttling, the network). Default false. */
  readonly retryable?: boolean;
}

/** The one error type job tracking throws; `code` says which condition it is. */
export class JobTrackingError extends Error {
  /** Which condition this is; stable across versions. */
  readonly code: JobTrackingErrorCode;
  /** True when retrying the same call later may succeed. */
  readonly retryable: boolean;

  constructor(code: JobTrackingErrorCode, message: string, options: JobTrackingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JobTrackingError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** True when `error` is a {@link JobTrackingError}, optionally with the given code. */
export function isJobTrackingError(error: unknown, code?: JobTrackingErrorCode): error is JobTrackingError {
  return error instanceof JobTrackingError && (code === undefined || error.code === code);
}

/** The error's message on one line (whitespace runs, newlines included, become one space). */
export function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/** The INVALID_OPTION error for a bad option: names the option, the value and what is allowed. */
export function invalidJobOption(option: string, value: unknown, allowed: string): JobTrackingError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new JobTrackingError('INVALID_OPTION', `${option}: ${shown} is not valid; expected ${allowed}`);
}
