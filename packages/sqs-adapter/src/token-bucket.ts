/** A token bucket on the injected clock: `capacity` tokens, refilled evenly at `capacity` per `periodMs`. */
import type { Clock } from '@watchbot/core';

/** A rate limiter. */
export interface TokenBucket {
  /** Takes a token when one is there; false when the bucket is empty. */
  take(): boolean;
  /** How long until the bucket is full again, in ms (0 when it is). */
  msUntilFull(): number;
}

/** Creates a full bucket. */
export function createTokenBucket(clock: Clock, capacity: number, periodMs: number): TokenBucket {
  const tokensPerMs = capacity / periodMs;
  let tokens = capacity;
  let lastMs = clock.now();
  const refill = (): void => {
    const nowMs = clock.now();
    tokens = Math.min(capacity, tokens + Math.max(0, nowMs - lastMs) * tokensPerMs);
    lastMs = nowMs;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    msUntilFull() {
      refill();
      return Math.ceil((capacity - tokens) / tokensPerMs);
    },
  };
}
