/**
 * The exit-code contract: what a worker's exit means for its message. One table, one
 * exhaustive switch; everything else in Watchbot reads these.
 */
import type { WorkerResult } from './ports/runner.js';

/** Exit codes with a meaning of their own; any other exit (or a signal) is a failure. */
export const exitCodes = {
  /** Done: the message is deleted. */
  success: 0,
  /** Rejected: the message is deleted and a notification is sent. */
  rejected: 3,
  /** No-op: the message is returned to the queue, no notification. */
  noop: 4,
} as const;

/** Every way a message's processing can end. */
export type Outcome = 'succeeded' | 'rejected' | 'noop' | 'failed' | 'timed-out' | 'stopped';

/** What happens to the message after an outcome. */
export interface OutcomeAction {
  /**
   * `delete`: acknowledged, gone. `backoff`: visible again after the retry backoff.
   * `release`: visible again at once (the watcher stopped; not the message's fault).
   */
  readonly settle: 'delete' | 'backoff' | 'release';
  /** Whether a notification is sent. */
  readonly notify: boolean;
  /** Whether this counts as a failure (logged with "[failure]", counted toward dead-lettering). */
  readonly isFailure: boolean;
}

/** The outcome table. */
export const outcomeActions = {
  succeeded: { settle: 'delete', notify: false, isFailure: false },
  rejected: { settle: 'delete', notify: true, isFailure: false },
  noop: { settle: 'backoff', notify: false, isFailure: false },
  failed: { settle: 'backoff', notify: true, isFailure: true },
  'timed-out': { settle: 'backoff', notify: true, isFailure: true },
  stopped: { settle: 'release', notify: false, isFailure: false },
} as const satisfies Record<Outcome, OutcomeAction>;

/** Why the watcher ended a worker early, if it did. */
export type AbortReason = 'timeout' | 'stop';

/** Decides the outcome of one run from the worker's result and whether the watcher ended it. */
export function toOutcome(result: WorkerResult, abortedFor?: AbortReason): Outcome {
  switch (abortedFor) {
    case 'stop':
      return 'stopped';
    case 'timeout':
      return 'timed-out';
    case undefined:
      break;
    default:
      return assertNever(abortedFor);
  }
  if (result.startError !== undefined || result.exitCode === null) return 'failed';
  switch (result.exitCode) {
    case exitCodes.success:
      return 'succeeded';
    case exitCodes.rejected:
      return 'rejected';
    case exitCodes.noop:
      return 'noop';
    default:
      return 'failed';
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
