/**
 * Translation of DynamoDB SDK errors into JobTrackingErrors, at the edge. A missing table or
 * refused credentials are lasting STORE_UNAVAILABLE errors naming the table; throttling,
 * server faults and the network are retryable.
 */
import { JobTrackingError, describeCause } from './job-tracking-error.js';

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

function isRetryable(error: unknown): boolean {
  if (retryableNames.has(nameOf(error))) return true;
  const { code, $retryable } = error as { code?: unknown; $retryable?: unknown };
  return (typeof code === 'string' && networkCodes.has(code)) || (typeof $retryable === 'object' && $retryable !== null);
}

/** The error for a failed call on `tableName`: JobTrackingErrors pass through. */
export function toDynamoStoreError(error: unknown, tableName: string, action: string): JobTrackingError {
  if (error instanceof JobTrackingError) return error;
  if (nameOf(error) === 'ResourceNotFoundException') {
    return new JobTrackingError('STORE_UNAVAILABLE', `cannot ${action}: the job table ${tableName} does not exist`, { cause: error });
  }
  return new JobTrackingError('STORE_UNAVAILABLE', `cannot ${action}: the job table ${tableName} failed: ${describeCause(error) || nameOf(error)}`, {
    cause: error,
    retryable: isRetryable(error),
  });
}
