/**
 * Translation of DynamoDB SDK errors into ReduceModeErrors, at the edge. A missing table is
 * a lasting STORE_UNAVAILABLE naming the table; throttling, server faults and the network
 * are retryable STORE_UNAVAILABLE; a failed condition is not an error here but a branch.
 */
import { ReduceModeError, describeCause } from './reduce-mode-error.js';

const retryableNames: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
  'TimeoutError',
]);

const networkCodes: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** The error's `name`, or '' when it has none. */
function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
}

/** True when a write's ConditionExpression did not hold. */
export function isConditionFailed(error: unknown): boolean {
  return nameOf(error) === 'ConditionalCheckFailedException';
}

/** True when the same call may succeed later: throttling, a server fault, the network. */
function isRetryable(error: unknown): boolean {
  if (retryableNames.has(nameOf(error))) return true;
  const { code, $retryable } = error as { code?: unknown; $retryable?: unknown };
  return (typeof code === 'string' && networkCodes.has(code)) || (typeof $retryable === 'object' && $retryable !== null);
}

/** The error for a failed DynamoDB call on `tableName`: ReduceModeErrors pass through. */
export function toDynamoError(error: unknown, tableName: string, jobId: string, action: string): Error {
  if (error instanceof ReduceModeError) return error;
  if (nameOf(error) === 'ResourceNotFoundException') {
    return new ReduceModeError('STORE_UNAVAILABLE', `job ${jobId}: cannot ${action}: the progress table ${tableName} does not exist`, { cause: error });
  }
  const retryable = isRetryable(error);
  return new ReduceModeError('STORE_UNAVAILABLE', `job ${jobId}: cannot ${action}: the progress table ${tableName} failed: ${describeCause(error) || nameOf(error)}`, {
    cause: error,
    retryable,
  });
}
