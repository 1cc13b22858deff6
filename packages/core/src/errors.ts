/**
 * Watchbot's typed errors. Callers branch on `code`, never on message text.
 * Adapters translate SDK and system errors into these at the edge.
 */

/** Every error code Watchbot raises, with what it means. */
export const errorCodes = {
  /** A configuration value is missing, malformed or out of range (a usage error: exit status 2). */
  INVALID_OPTION: 'INVALID_OPTION',
  /** The queue could not be reached for now; retrying later may succeed. */
  QUEUE_UNAVAILABLE: 'QUEUE_UNAVAILABLE',
  /** The queue does not exist, or cannot be opened or created where it was asked for. */
  QUEUE_NOT_FOUND: 'QUEUE_NOT_FOUND',
  /** The queue refused these credentials (denied, invalid, expired) or none could be found, or no region is set. */
  QUEUE_ACCESS_DENIED: 'QUEUE_ACCESS_DENIED',
  /** The queue's storage refused a write (read-only, disk full): nothing was acknowledged. */
  QUEUE_WRITE_FAILED: 'QUEUE_WRITE_FAILED',
  /** A receipt handle no longer names a message this consumer holds (its visibility expired). */
  RECEIPT_EXPIRED: 'RECEIPT_EXPIRED',
  /** A message body is larger than the queue accepts. */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** A message body is not acceptable to the queue (e.g. not valid UTF-8 text). */
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  /** No message with that id is where it was looked for (e.g. a dead letter already replayed or deleted). */
  MESSAGE_NOT_FOUND: 'MESSAGE_NOT_FOUND',
  /** The worker process could not be started. */
  SPAWN_FAILED: 'SPAWN_FAILED',
} as const;

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** Codes whose condition may clear by itself: the watcher backs off and tries again. */
const retryableCodes: ReadonlySet<ErrorCode> = new Set([errorCodes.QUEUE_UNAVAILABLE]);

/** The one error type Watchbot throws; `code` says which condition it is. */
export class WatchbotError extends Error {
  /** Which condition this is; stable across versions. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WatchbotError';
    this.code = code;
  }

  /** True when retrying the same call later may succeed. */
  get retryable(): boolean {
    return retryableCodes.has(this.code);
  }
}

/** True when `error` is a {@link WatchbotError}, optionally with the given code. */
export function isWatchbotError(error: unknown, code?: ErrorCode): error is WatchbotError {
  return error instanceof WatchbotError && (code === undefined || error.code === code);
}

/** Builds the one-line error for a bad option value: names the option, the value and what is allowed. */
export function invalidOption(option: string, value: unknown, allowed: string): WatchbotError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new WatchbotError(errorCodes.INVALID_OPTION, `${option}: ${shown} is not valid; expected ${allowed}`);
}
