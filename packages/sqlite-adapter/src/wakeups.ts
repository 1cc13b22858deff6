/**
 * Wake-ups for waiting receives: a long poll sleeps on the injected clock between
 * re-checks of the file, and a send, delete or visibility change made through the same
 * queue object wakes it at once instead of leaving it to the next poll.
 */
import { sleep } from '@watchbot/core';
import type { Clock } from '@watchbot/core';

/** Sleeps that can be cut short. */
export interface Wakeups {
  /** Resolves after `delayMs` on `clock`, when `signal` aborts, or at the next {@link Wakeups.wakeAll}. */
  wait(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void>;
  /** Ends every current wait. */
  wakeAll(): void;
}

/** Creates an empty set of waits. */
export function createWakeups(): Wakeups {
  const waiting = new Set<AbortController>();
  return {
    async wait(clock, delayMs, signal) {
      // One controller per wait, fed by the caller's signal and by wakeAll. The listener on the
      // caller's (often long-lived) signal is removed after every wait, so polls do not pile up on it.
      const wake = new AbortController();
      const forwardAbort = (): void => wake.abort();
      signal?.addEventListener('abort', forwardAbort, { once: true });
      if (signal?.aborted) wake.abort();
      waiting.add(wake);
      try {
        await sleep(clock, delayMs, wake.signal);
      } finally {
        waiting.delete(wake);
        signal?.removeEventListener('abort', forwardAbort);
      }
    },
    wakeAll() {
      for (const wake of [...waiting]) wake.abort();
    },
  };
}
