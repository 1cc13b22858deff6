/**
 * ECS-task mode's typed error: callers branch on `code`, never on message text, and a failure
 * that may clear by itself (throttling, no capacity yet) says so with `retryable`.
 */

/** Every condition ECS-task mode reports, with what it means. */
export const ecsTaskModeErrorCodes = {
  /** An option or variable is missing, malformed or out of range (a usage error). */
  INVALID_OPTION: 'INVALID_OPTION',
  /** The message cannot travel in RunTask's container overrides (too large, or a NUL byte). */
  OVERRIDES_TOO_LARGE: 'OVERRIDES_TOO_LARGE',
  /** ECS could not place the task for now (no CPU, memory or capacity) or throttled the call. */
  TASK_NOT_PLACED: 'TASK_NOT_PLACED',
  /** ECS refused to run the task, and asking again will not help (bad task definition, access denied). */
  RUN_TASK_REFUSED: 'RUN_TASK_REFUSED',
  /** The task could not be placed within the runner's `capacityRetry.giveUpAfterMs`. */
  PLACEMENT_TIMED_OUT: 'PLACEMENT_TIMED_OUT',
} as const;

/** One of {@link ecsTaskModeErrorCodes}. */
export type EcsTaskModeErrorCode = (typeof ecsTaskModeErrorCodes)[keyof typeof ecsTaskModeErrorCodes];

/** Options of an {@link EcsTaskModeError}. */
export interface EcsTaskModeErrorOptions {
  /** The error this one translates. */
  readonly cause?: unknown;
  /** True when the same call may succeed later (throttling, capacity). Default false. */
  readonly retryable?: boolean;
}

/** The one error type ECS-task mode raises; `code` says which condition it is. */
export class EcsTaskModeError extends Error {
  /** Which condition this is; stable across versions. */
  readonly code: EcsTaskModeErrorCode;
  /** True when retrying the same call later may succeed. */
  readonly retryable: boolean;

  constructor(code: EcsTaskModeErrorCode, message: string, options: EcsTaskModeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EcsTaskModeError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** True when `error` is an {@link EcsTaskModeError}, optionally with the given code. */
export function isEcsTaskModeError(error: unknown, code?: EcsTaskModeErrorCode): error is EcsTaskModeError {
  return error instanceof EcsTaskModeError && (code === undefined || error.code === code);
}
