/**
 * Why a stack's resources could not be found, as typed errors: callers branch on `code`, and
 * `isUsage` says whether the fault is in what was asked (a name, a region, a prefix: exit 2)
 * or in reaching CloudFormation (exit 1).
 */

/** Every reason stack discovery fails, with what it means. */
export const stackErrorCodes = {
  /** No stack with that name or ARN in that region. */
  STACK_NOT_FOUND: 'STACK_NOT_FOUND',
  /** The stack exists but has no Watchbot outputs (or none with the prefix asked for). */
  NOT_A_WATCHBOT_STACK: 'NOT_A_WATCHBOT_STACK',
  /** The stack holds more than one Watchbot system; a prefix must choose. */
  AMBIGUOUS_STACK: 'AMBIGUOUS_STACK',
  /** No AWS region was given or configured. */
  NO_REGION: 'NO_REGION',
  /** CloudFormation refused the credentials or the permission, or none were found. */
  STACK_ACCESS_DENIED: 'STACK_ACCESS_DENIED',
  /** CloudFormation could not be reached or failed for now. */
  STACK_UNAVAILABLE: 'STACK_UNAVAILABLE',
} as const;

/** One of {@link stackErrorCodes}. */
export type StackErrorCode = (typeof stackErrorCodes)[keyof typeof stackErrorCodes];

const usageCodes: ReadonlySet<StackErrorCode> = new Set([
  stackErrorCodes.STACK_NOT_FOUND,
  stackErrorCodes.NOT_A_WATCHBOT_STACK,
  stackErrorCodes.AMBIGUOUS_STACK,
  stackErrorCodes.NO_REGION,
]);

/** A stack's resources could not be found; `message` is one line naming the stack and what to do. */
export class StackDiscoveryError extends Error {
  /** Which condition this is. */
  readonly code: StackErrorCode;

  constructor(code: StackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StackDiscoveryError';
    this.code = code;
  }

  /** True when the fault is in the name, region or prefix asked for (a usage error, exit 2). */
  get isUsage(): boolean {
    return usageCodes.has(this.code);
  }
}

/** True when `error` is a {@link StackDiscoveryError}, optionally with the given code. */
export function isStackDiscoveryError(error: unknown, code?: StackErrorCode): error is StackDiscoveryError {
  return error instanceof StackDiscoveryError && (code === undefined || error.code === code);
}
