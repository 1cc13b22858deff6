/**
 * Translates a failure of the queue, the job store or the dead-letter queue into the API's
 * answer: bad input the source refused is the client's (400, 413); a source that is down for
 * now is 503; anything else 500 — always one line, never a stack trace.
 */
import { HttpError } from './http-error.js';
import type { HttpErrorCode } from './http-error.js';

/** Source error codes (core's, and the stores' that follow them) that mean the request itself was wrong. */
const requestCodes: Readonly<Record<string, HttpErrorCode>> = {
  INVALID_OPTION: 'INVALID_REQUEST',
  INVALID_MESSAGE: 'INVALID_REQUEST',
  MESSAGE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

/** The {@link HttpError} to answer a source failure with; `what` names the source ("the queue"). */
export function toSourceError(error: unknown, what: string): HttpError {
  if (error instanceof HttpError) return error;
  const { code, retryable } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; retryable?: unknown };
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  const requestCode = typeof code === 'string' ? requestCodes[code] : undefined;
  if (requestCode !== undefined) return new HttpError(requestCode, message, { cause: error });
  const unavailable = retryable === true || code === 'QUEUE_UNAVAILABLE' || code === 'STORE_UNAVAILABLE';
  return new HttpError(unavailable ? 'SOURCE_UNAVAILABLE' : 'SOURCE_FAILED', `${what} failed: ${message}`, { cause: error });
}
