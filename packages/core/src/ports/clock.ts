/**
 * The clock port: wall time and timers. Every timed behaviour in Watchbot goes through
 * it, so tests drive time with a manual clock instead of sleeping.
 */

/** An opaque handle for a scheduled timer. */
export type TimerHandle = { readonly __timer: unique symbol };

/** Wall time and timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once after `delayMs` milliseconds; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a timer; cancelling one that already fired is harmless. */
  clearTimeout(handle: TimerHandle): void;
}

/** Resolves after `delayMs` on `clock`, or at once when `signal` aborts (never rejects). */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve();
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
