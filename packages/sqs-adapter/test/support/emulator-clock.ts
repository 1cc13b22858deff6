/**
 * One time for the test, the adapter and the emulator. fauxqs keeps time with `Date.now()` in
 * this same process, so with `vi.useFakeTimers({ toFake: ['Date'] })` the emulator's time is
 * set to the manual clock's whenever that clock moves: a visibility timeout passes by moving the
 * clock, never by sleeping. After each move the test waits for the emulator's answers to land.
 */
import type { ManualClock } from '@watchbot/core/testing';
import { vi } from 'vitest';
import type { RequestTracker } from './request-tracker.js';

/**
 * Extends `clock` in place: `Date` follows it (also while its timers fire), and `advance` and
 * `settle` wait for in-flight requests on `tracker`. Requires Date to be faked.
 */
export function linkEmulatorTime(clock: ManualClock, tracker: RequestTracker): ManualClock {
  const { advance, settle, setTimeout } = clock;
  vi.setSystemTime(clock.now());
  return Object.assign(clock, {
    setTimeout(callback: () => void, delayMs: number) {
      return setTimeout(() => {
        vi.setSystemTime(clock.now());
        callback();
      }, delayMs);
    },
    async advance(ms: number) {
      const targetMs = clock.now() + ms;
      await advance(ms);
      vi.setSystemTime(targetMs);
      await tracker.settle();
    },
    async settle() {
      await settle();
      await tracker.settle();
    },
  });
}
