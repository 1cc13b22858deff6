/** The real clock: `Date.now` and Node's timers. */
import type { Clock, TimerHandle } from './ports/clock.js';

/** Creates the clock backed by `Date.now()` and Node's `setTimeout`. */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    setTimeout(callback, delayMs) {
      return setTimeout(callback, Math.max(0, delayMs)) as unknown as TimerHandle;
    },
    clearTimeout(handle) {
      clearTimeout(handle as unknown as NodeJS.Timeout);
    },
  };
}
