/**
 * Reduce mode's typed error: callers (the CLI, workers) branch on `code`, never on message
 * text, and a retryable failure (a locked file, a throttled table) says so.
 */

/** Every condition reduce mode reports, with what it means. */
export const reduceModeErrorCodes = {
  /** No job has this id (its total was never set, or it expired). */
  UNKNOWN_JOB: 'UNKNOWN_JOB',
  /** The job was failed: its parts can no longer be completed. */
  JOB_FAILED: 'JOB_FAILED',
  /** A part number outside 1..totalParts, or not an integer. */
  INVALID_PART: 'INVALID_PART',
  /** The job already has a different total. */
  TOTAL_ALREADY_SET: 'TOTAL_ALREADY_SET',
  /** The store (SQLite file, DynamoDB table) could not be reached or refused the call. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** An option or argument is missing, malformed or out of range. */
  INVALID_OPTION: 'INVALID_OPTION',
} as const;

/** One of {@link reduceModeErrorCodes}. */
export type ReduceModeErrorCode = (typeof reduceModeErrorCodes)[keyof typeof reduceModeErrorCodes];

/** Options of a {@link ReduceModeError}. */
export interface ReduceModeErrorOptions {
  /** The error this one translates. */
  readonly cause?: unknown;
  /** True when the same call may succeed later (a lock, throttling, the network). Default false. */
  readonly retryable?: boolean;
}

/** The one error type reduce mode throws; `code` says which condition it is. */
export class ReduceModeError extends Error {
  /** Which condition this is; stable across versions. */
  readonly code: ReduceModeErrorCode;
  /** True when retrying the same call later may succeed. */
  readonly retryable: boolean;

  constructor(code: ReduceModeErrorCode, message: string, options: ReduceModeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ReduceModeError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** True when `error` is a {@link ReduceModeError}, optionally with the given code. */
export function isReduceModeError(error: unknown, code?: ReduceModeErrorCode): error is ReduceModeError {
  return error instanceof ReduceModeError && (code === undefined || error.code === code);
}

/** The cause's message on one line. */
export function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}
