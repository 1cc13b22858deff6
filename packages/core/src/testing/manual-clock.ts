/**
 * A clock that moves only when told: tests advance time instead of sleeping.
 */
import type { Clock, TimerHandle } from '../ports/clock.js';

/** A {@link Clock} whose time moves only through {@link ManualClock.advance}. */
export interface ManualClock extends Clock {
  /**
   * Moves time forward by `ms`, firing every timer that falls due, in order, and letting
   * the promise continuations each one starts run before the next fires.
   */
  advance(ms: number): Promise<void>;
  /** Lets pending promise continuations and I/O callbacks run without moving time. */
  settle(): Promise<void>;
  /** How many timers are waiting. */
  pendingTimers(): number;
}

/** A guard against a timer that reschedules itself at the same instant forever. */
const maxTimersPerAdvance = 100_000;

interface Timer {
  readonly id: number;
  readonly dueMs: number;
  readonly callback: () => void;
}

/** Yields to the event loop a few times so chained promise continuations can run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Creates a manual clock starting at `startMs` (ms since the epoch; default 2026-01-01T00:00:00Z). */
export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let nowMs = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  const takeDue = (untilMs: number): Timer | undefined => {
    let earliest: Timer | undefined;
    for (const timer of timers.values()) {
      if (timer.dueMs <= untilMs && (earliest === undefined || timer.dueMs < earliest.dueMs || (timer.dueMs === earliest.dueMs && timer.id < earliest.id))) {
        earliest = timer;
      }
    }
    if (earliest !== undefined) timers.delete(earliest.id);
    return earliest;
  };

  return {
    now: () => nowMs,
    setTimeout(callback, delayMs) {
      const id = nextId++;
      timers.set(id, { id, dueMs: nowMs + Math.max(0, delayMs), callback });
      return id as unknown as TimerHandle;
    },
    clearTimeout(handle) {
      timers.delete(handle as unknown as number);
    },
    async advance(ms) {
      const targetMs = nowMs + ms;
      let fired = 0;
      await flush();
      for (let timer = takeDue(targetMs); timer !== undefined; timer = takeDue(targetMs)) {
        nowMs = Math.max(nowMs, timer.dueMs);
        if (++fired > maxTimersPerAdvance) throw new Error(`more than ${maxTimersPerAdvance} timers fired in one advance: a timer is rescheduling itself without moving time`);
        timer.callback();
        await flush();
      }
      nowMs = targetMs;
      await flush();
    },
    settle: flush,
    pendingTimers: () => timers.size,
  };
}
