/**
 * The errors the HTTP API answers with: a status and a stable code, sent as
 * `{"error": {"code", "message"}}` so scripts branch on the code and people read the message.
 */

/** Every code the API answers an error with, and its HTTP status. */
export const httpErrorStatuses = {
  /** A query parameter or body field is missing, malformed or out of range. */
  INVALID_REQUEST: 400,
  /** The body is not JSON. */
  INVALID_JSON: 400,
  /** The dashboard has a token and the request did not carry it. */
  UNAUTHORIZED: 401,
  /** The request came from another site, or named a host this dashboard does not answer to. */
  FORBIDDEN: 403,
  /** No such page or endpoint. */
  NOT_FOUND: 404,
  /** No job with this id in the job history. */
  UNKNOWN_JOB: 404,
  /** This dashboard has no such source (job history, dead letters, sending), or POST /api/messages without a token. */
  NOT_AVAILABLE: 404,
  /** The endpoint does not take this method (see the Allow header). */
  METHOD_NOT_ALLOWED: 405,
  /** The body is larger than the endpoint accepts, or a message body larger than the queue accepts. */
  PAYLOAD_TOO_LARGE: 413,
  /** A POST whose Content-Type is not application/json. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many pages are listening to the event stream. */
  TOO_MANY_CLIENTS: 503,
  /** The queue, job history or dead-letter queue failed; retrying later may succeed. */
  SOURCE_UNAVAILABLE: 503,
  /** The queue, job history or dead-letter queue failed in a way no retry will cure. */
  SOURCE_FAILED: 500,
  /** A fault in the dashboard itself (logged). */
  INTERNAL: 500,
} as const;

/** One of {@link httpErrorStatuses}' codes. */
export type HttpErrorCode = keyof typeof httpErrorStatuses;

/** An error answered to the client as JSON with its status. */
export class HttpError extends Error {
  /** The stable code. */
  readonly code: HttpErrorCode;
  /** The HTTP status. */
  readonly status: number;
  /** Extra response headers (Allow, WWW-Authenticate). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: HttpErrorCode, message: string, options: { headers?: Readonly<Record<string, string>>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.code = code;
    this.status = httpErrorStatuses[code];
    this.headers = options.headers ?? {};
  }
}

/** A value as an error message shows it: strings quoted, other values as JSON, long ones cut at 80 characters. */
function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}

/** Builds the one-line error for a bad request value: names the parameter, the value (or that it is missing) and what is allowed. */
export function invalidRequest(name: string, value: unknown, allowed: string): HttpError {
  if (value === undefined) return new HttpError('INVALID_REQUEST', `${name}: missing; expected ${allowed}`);
  return new HttpError('INVALID_REQUEST', `${name}: ${showValue(value)} is not valid; expected ${allowed}`);
}
