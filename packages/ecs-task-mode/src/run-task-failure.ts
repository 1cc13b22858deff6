/**
 * Translates RunTask's failures and errors into EcsTaskModeErrors that say whether asking again
 * may help: no room for the task yet (RESOURCE:*, AGENT, no Fargate capacity) and throttling
 * clear by themselves; a bad task definition or a denied call does not.
 */
import type { Failure } from '@aws-sdk/client-ecs';
import { EcsTaskModeError, ecsTaskModeErrorCodes } from './ecs-task-mode-error.js';

/** Placement failures that more capacity, or a moment, can cure. */
const placementReasons = [/^RESOURCE:/i, /^AGENT$/i, /^ATTRIBUTE$/i, /capacity/i];

/** Error names of SDK exceptions that a later call may not meet. */
const transientErrorNames = new Set([
  'ThrottlingException',
  'ServerException',
  'ServiceUnavailableException',
  'InternalFailure',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** The one error for RunTask's `failures` list: retryable when every failure is about placement. */
export function toPlacementError(failures: readonly Failure[]): EcsTaskModeError {
  const reasons = failures.map((failure) => [failure.reason, failure.detail].filter((part) => part !== undefined && part !== '').join(': ') || 'no reason given');
  const retryable = failures.length > 0 && failures.every((failure) => placementReasons.some((pattern) => pattern.test(failure.reason ?? '')));
  return retryable
    ? new EcsTaskModeError(ecsTaskModeErrorCodes.TASK_NOT_PLACED, `ECS could not place the task yet (${reasons.join('; ')})`, { retryable: true })
    : new EcsTaskModeError(ecsTaskModeErrorCodes.RUN_TASK_REFUSED, `ECS refused to run the task (${reasons.join('; ')})`);
}

/** A RunTask call that threw, translated; `ambiguous` when no answer came back (the task may have started). */
export interface RunTaskCallError {
  readonly error: EcsTaskModeError;
  /** True when the request may have reached ECS: retry with the same idempotency token. */
  readonly ambiguous: boolean;
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $retryable?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** Translates an error RunTask threw. */
export function toRunTaskCallError(thrown: unknown): RunTaskCallError {
  const shape: SdkErrorShape = typeof thrown === 'object' && thrown !== null ? (thrown as SdkErrorShape) : {};
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const message = typeof shape.message === 'string' ? shape.message : String(thrown);
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  // Only a service answer ($fault "client" or "server") says for sure that no task was started.
  const ambiguous = typeof shape.$fault !== 'string';
  const noInstances = name === 'InvalidParameterException' && /no container instances/i.test(message);
  const transient = ambiguous || noInstances || transientErrorNames.has(name) || shape.$retryable !== undefined || status === 429 || (status !== undefined && status >= 500);
  const text = `${name}: ${message.replace(/\s+/g, ' ').trim()}`;
  return {
    ambiguous,
    error: transient
      ? new EcsTaskModeError(ecsTaskModeErrorCodes.TASK_NOT_PLACED, `RunTask did not succeed for now (${text})`, { cause: thrown, retryable: true })
      : new EcsTaskModeError(ecsTaskModeErrorCodes.RUN_TASK_REFUSED, `ECS refused to run the task (${text})`, { cause: thrown }),
  };
}
