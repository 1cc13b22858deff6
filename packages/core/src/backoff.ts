/**
 * The retry backoff: how long a returned message waits before it is visible again.
 * The original's 2^receiveCount seconds (2, 4, 8 … s), capped, with optional jitter.
 */
import { invalidOption } from './errors.js';

/** How retries are spaced. */
export interface BackoffPolicy {
  /** The longest wait, in seconds. Default 900 (15 min). */
  readonly maxSeconds: number;
  /**
   * How much of each wait may be taken off at random, 0 to 1: 0 (default) waits exactly
   * 2^receiveCount s; 0.5 waits between half and all of it, spreading retries of a
   * failure burst apart.
   */
  readonly jitterRatio: number;
}

/** The default policy: 2^receiveCount s up to 15 min, no jitter. */
export const defaultBackoffPolicy: BackoffPolicy = { maxSeconds: 900, jitterRatio: 0 };

/** Checks a policy, throwing an INVALID_OPTION error that names the bad field. */
export function validateBackoffPolicy(policy: BackoffPolicy): BackoffPolicy {
  if (!Number.isInteger(policy.maxSeconds) || policy.maxSeconds < 1 || policy.maxSeconds > 43_200) {
    throw invalidOption('maxBackoffSeconds', policy.maxSeconds, 'a whole number of seconds from 1 to 43200');
  }
  if (!(policy.jitterRatio >= 0 && policy.jitterRatio <= 1)) {
    throw invalidOption('backoffJitter', policy.jitterRatio, 'a ratio from 0 to 1');
  }
  return policy;
}

/**
 * Seconds to wait before a message received `receiveCount` times is visible again:
 * min(2^receiveCount, maxSeconds), less up to `jitterRatio` of it at random; at least 1.
 * @param random a source of numbers in [0, 1), injected for tests.
 */
export function planBackoff(receiveCount: number, policy: BackoffPolicy = defaultBackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(1, Math.min(receiveCount, 30));
  const base = Math.min(2 ** exponent, policy.maxSeconds);
  const jittered = base - base * policy.jitterRatio * random();
  return Math.max(1, Math.round(jittered));
}
