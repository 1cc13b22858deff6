/**
 * Translation of AWS SDK and network errors into Watchbot's typed errors, at the edge. The
 * watcher branches on the code: QUEUE_UNAVAILABLE (throttling, 5xx, network) is retried with
 * jittered backoff; QUEUE_NOT_FOUND and QUEUE_ACCESS_DENIED stop it with one clear line.
 * The SDK's error always travels as `cause`.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { ErrorCode } from '@watchbot/core';

/** Error names (AWS JSON protocol) and codes (query protocol) that mean "no such queue or topic". */
const notFoundNames = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NonExistentQueue', 'NotFound', 'NotFoundException']);

/** Names that mean the credentials, the signature or the permissions were refused, or none were found. */
const accessDeniedNames = new Set([
  'AccessDenied', 'AccessDeniedException', 'AuthorizationError', 'InvalidClientTokenId', 'InvalidAccessKeyId',
  'SignatureDoesNotMatch', 'UnrecognizedClientException', 'ExpiredToken', 'ExpiredTokenException', 'InvalidSecurity',
  'MissingAuthenticationToken', 'IncompleteSignature', 'OptInRequired', 'CredentialsProviderError',
  'KmsAccessDenied', 'KMS.AccessDeniedException', 'KmsDisabled', 'KMS.DisabledException', 'KmsNotFound',
]);

/** Names that mean "not now": throttling and the service's own failures. */
const unavailableNames = new Set([
  'ThrottlingException', 'Throttling', 'RequestThrottled', 'RequestThrottledException', 'OverLimit',
  'TooManyRequestsException', 'RequestLimitExceeded', 'KmsThrottled', 'KMS.ThrottlingException', 'ServiceUnavailable',
  'ServiceUnavailableException', 'InternalError', 'InternalFailure', 'RequestTimeout', 'RequestTimeoutException', 'TimeoutError',
]);

/** Node and undici error codes of a connection that failed or broke. */
const networkCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN',
  'ENOTFOUND', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** The fields an SDK, system or aggregate error may carry. */
interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly Code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly errors?: unknown;
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
}

/** The error's message on one line, prefixed with its name or code. */
function describe(error: unknown): string {
  const shape = shapeOf(error);
  const label = [shape.name, shape.Code ?? shape.code].find((value) => typeof value === 'string' && value !== '' && value !== 'Error');
  const message = (typeof shape.message === 'string' ? shape.message : String(error)).replace(/\s+/g, ' ').trim();
  return typeof label === 'string' && !message.startsWith(label) ? `${label}: ${message}` : message;
}

/** The network error code of `error` or of any error it aggregates (Node's happy-eyeballs connect). */
function networkCodeOf(error: unknown): string | undefined {
  const shape = shapeOf(error);
  if (typeof shape.code === 'string' && networkCodes.has(shape.code)) return shape.code;
  if (typeof shape.message === 'string' && /socket hang up/i.test(shape.message)) return 'ECONNRESET';
  return Array.isArray(shape.errors) ? shape.errors.map(networkCodeOf).find((code) => code !== undefined) : undefined;
}

/** Which Watchbot condition `error` is, and why, or undefined when it is none we know. */
function classify(error: unknown, opening: boolean): { code: ErrorCode; reason: string } | undefined {
  const shape = shapeOf(error);
  const names = [shape.name, shape.Code, shape.code].filter((value): value is string => typeof value === 'string');
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const message = typeof shape.message === 'string' ? shape.message : '';
  if (names.some((name) => notFoundNames.has(name))) {
    return { code: errorCodes.QUEUE_NOT_FOUND, reason: 'it does not exist (check the URL or ARN, the account and the region)' };
  }
  if (/region is missing/i.test(message)) {
    return { code: errorCodes.QUEUE_ACCESS_DENIED, reason: 'no AWS region is set (set AWS_REGION, or use a queue URL or ARN that names one)' };
  }
  if (names.includes('CredentialsProviderError') || /could not load credentials/i.test(message)) {
    return { code: errorCodes.QUEUE_ACCESS_DENIED, reason: 'no AWS credentials were found (environment, profile, container or instance role)' };
  }
  const denied = { code: errorCodes.QUEUE_ACCESS_DENIED, reason: 'access was refused (check the credentials, the region and the IAM permissions)' };
  if (names.some((name) => accessDeniedNames.has(name))) return denied;
  const unavailable = { code: errorCodes.QUEUE_UNAVAILABLE, reason: 'the service is throttling or failing for now; retrying later may succeed' };
  // Before the status: SQS throttles with RequestThrottled and OverLimit over HTTP 403.
  if (names.some((name) => unavailableNames.has(name))) return unavailable;
  if (status === 401 || status === 403) return denied;
  const network = networkCodeOf(error);
  if (network === 'ENOTFOUND' && opening) {
    return { code: errorCodes.QUEUE_NOT_FOUND, reason: 'the endpoint host does not resolve (check the region, the URL and AWS_ENDPOINT_URL)' };
  }
  if (network !== undefined) return { code: errorCodes.QUEUE_UNAVAILABLE, reason: `the connection failed (${network}); retrying later may succeed` };
  if (status === 429 || (status !== undefined && status >= 500)) return unavailable;
  return undefined;
}

/**
 * Translates an error from an SQS or SNS call into a {@link WatchbotError} whose message names
 * `action` (e.g. "receive from https://…/jobs"), the condition and the SDK's own words.
 * Errors we cannot place become QUEUE_UNAVAILABLE, so the watcher backs off instead of
 * stopping on something that may be transient. With `opening`, an endpoint host that does
 * not resolve is QUEUE_NOT_FOUND (a wrong region or URL) rather than a transient failure.
 */
export function toWatchbotError(error: unknown, action: string, options: { readonly opening?: boolean } = {}): WatchbotError {
  if (error instanceof WatchbotError) return error;
  const known = classify(error, options.opening ?? false);
  const code = known?.code ?? errorCodes.QUEUE_UNAVAILABLE;
  const reason = known?.reason ?? 'unexpected error';
  return new WatchbotError(code, `${action}: ${reason} (${describe(error)})`, { cause: error });
}

/** One failed entry of a batch response (SQS's BatchResultErrorEntry, SNS's likewise). */
export interface BatchEntryFailure {
  readonly Code?: string | undefined;
  readonly Message?: string | undefined;
  readonly SenderFault?: boolean | undefined;
}

/**
 * Translates one failed entry of a batch call. A receipt handle that is invalid, expired or no
 * longer in flight is RECEIPT_EXPIRED; a body SQS refused is MESSAGE_TOO_LARGE or
 * INVALID_MESSAGE; a failure on the service's side is QUEUE_UNAVAILABLE; anything else is
 * `fallback`.
 */
export function toEntryError(failure: BatchEntryFailure, action: string, fallback: ErrorCode): WatchbotError {
  const code = failure.Code ?? 'UnknownError';
  const message = failure.Message ?? '';
  const text = `${action}: ${code}${message === '' ? '' : `: ${message}`}`;
  const entryCode =
    code === 'ReceiptHandleIsInvalid' || code === 'MessageNotInflight' || /receipt handle|not available for visibility/i.test(message)
      ? errorCodes.RECEIPT_EXPIRED
      : code === 'MessageTooLong' || code === 'BatchRequestTooLong' || /too long|shorter than/i.test(message)
        ? errorCodes.MESSAGE_TOO_LARGE
        : unavailableNames.has(code) || failure.SenderFault === false
          ? errorCodes.QUEUE_UNAVAILABLE
          : code === 'InvalidMessageContents'
            ? errorCodes.INVALID_MESSAGE
            : fallback;
  return new WatchbotError(entryCode, text, { cause: failure });
}
