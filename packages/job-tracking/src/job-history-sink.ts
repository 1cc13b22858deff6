/**
 * The event sink that records every lifecycle event in a job store, without ever slowing or
 * breaking processing: `emit` only maps and buffers; a timer on the injected clock writes
 * batches; the buffer is bounded (the oldest events make room); a store outage is logged once,
 * retried with backoff and survived; `close` writes what it can within a bound.
 */
import { hostname } from 'node:os';
import type { Clock, EventSink, Logger, TimerHandle } from '@watchbot/core';
import { findEventProblem } from './check-job-event.js';
import { createEventBuffer } from './event-buffer.js';
import type { JobEvent, JobStore } from './job-store.js';
import { describeCause, invalidJobOption } from './job-tracking-error.js';
import { toJobEvent } from './to-job-event.js';

/** Options of {@link createJobHistorySink}. */
export interface JobHistorySinkOptions {
  /** Where events are recorded. The sink never closes it: its owner does, after {@link JobHistorySink.close}. */
  readonly store: JobStore;
  /** Where outages and dropped events are reported (one line per outage, not per event). */
  readonly logger: Logger;
  /** The clock the flush and retry timers run on. */
  readonly clock: Clock;
  /** Where the events ran, recorded in each. Default `${os.hostname()}:${process.pid}`. */
  readonly host?: string;
  /** The most events one write carries. Default 100. */
  readonly maxBatch?: number;
  /** How long an event may wait before it is written, in ms. Default 1,000. */
  readonly flushIntervalMs?: number;
  /** The most events held while the store is slow or down; beyond it the oldest are dropped. Default 10,000. */
  readonly maxBuffered?: number;
  /** The longest pause between retries of a failing store, in ms. Default 60,000. */
  readonly maxRetryDelayMs?: number;
  /** How long `close` keeps trying to write what is left, in ms. Default 5,000. */
  readonly closeTimeoutMs?: number;
}

/** An event sink that records into a job store. */
export interface JobHistorySink extends EventSink {
  /** Writes every buffered event now. Resolves when they are written or a write failed (they stay buffered, retried later); never rejects. */
  flush(): Promise<void>;
  /** Stops the timers and writes what is left, trying for at most `closeTimeoutMs`; later events are ignored. Never rejects. */
  close(): Promise<void>;
  /** Events waiting to be written. */
  readonly pending: number;
  /** Events dropped so far: the buffer was full, or they arrived after close. */
  readonly dropped: number;
}

function checkPositive(option: string, value: number, allowed: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw invalidJobOption(option, value, allowed);
  return value;
}

/**
 * Creates the job-history sink.
 * @throws JobTrackingError INVALID_OPTION for a bad size or interval.
 */
export function createJobHistorySink(options: JobHistorySinkOptions): JobHistorySink {
  const { store, logger, clock } = options;
  const host = options.host ?? `${hostname()}:${process.pid}`;
  const maxBatch = checkPositive('maxBatch', options.maxBatch ?? 100, 'a whole number of events of at least 1');
  const flushIntervalMs = checkPositive('flushIntervalMs', options.flushIntervalMs ?? 1_000, 'a whole number of ms of at least 1');
  const maxBuffered = checkPositive('maxBuffered', options.maxBuffered ?? 10_000, 'a whole number of events of at least 1');
  const maxRetryDelayMs = checkPositive('maxRetryDelayMs', options.maxRetryDelayMs ?? 60_000, 'a whole number of ms of at least 1');
  const closeTimeoutMs = checkPositive('closeTimeoutMs', options.closeTimeoutMs ?? 5_000, 'a whole number of ms of at least 1');
  const buffer = createEventBuffer<JobEvent>(maxBuffered);

  let timer: TimerHandle | undefined;
  let timerDueMs = Number.POSITIVE_INFINITY;
  let writing: Promise<boolean> | undefined;
  let inFlight = 0;
  let failures = 0;
  let outage: { readonly sinceMs: number; dropped: number } | undefined;
  let overflowReported = false;
  let dropped = 0;
  let closed = false;

  const log = (level: 'info' | 'warn', msg: string, fields: Record<string, unknown> = {}): void => {
    try {
      logger.log({ level, msg: `job history: ${msg}`, ...fields });
    } catch {
      // A broken logger must not break the sink either.
    }
  };

  const cancelTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    timerDueMs = Number.POSITIVE_INFINITY;
  };

  /** Arms the timer to write in `delayMs`; with `sooner`, only when that is sooner than the timer already armed. */
  const arm = (delayMs: number, sooner: boolean): void => {
    if (closed) return;
    const dueMs = clock.now() + delayMs;
    if (sooner && timer !== undefined && timerDueMs <= dueMs) return;
    cancelTimer();
    timerDueMs = dueMs;
    timer = clock.setTimeout(() => {
      timer = undefined;
      timerDueMs = Number.POSITIVE_INFINITY;
      void write(false);
    }, delayMs);
  };

  const retryDelayMs = (): number => Math.min(maxRetryDelayMs, flushIntervalMs * 2 ** Math.min(failures, 30));

  const countDropped = (count: number): void => {
    if (count === 0) return;
    dropped += count;
    if (outage !== undefined) {
      outage.dropped += count;
    } else if (!overflowReported) {
      overflowReported = true;
      log('warn', `more than ${maxBuffered} events are waiting for the store; dropping the oldest`, { maxBuffered });
    }
  };

  const onFailure = (error: unknown): void => {
    failures += 1;
    if (outage === undefined) {
      outage = { sinceMs: clock.now(), dropped: 0 };
      log('warn', `cannot record events (${describeCause(error)}); keeping up to ${maxBuffered} in memory and retrying; processing goes on`, { pending: buffer.size });
    }
  };

  const onSuccess = (): void => {
    if (outage !== undefined) {
      const seconds = Math.round((clock.now() - outage.sinceMs) / 1000);
      const lost = outage.dropped === 0 ? 'no events were lost' : `${outage.dropped} events were dropped while it was unavailable`;
      log('info', `recording again after ${seconds} s and ${failures} failed attempts; ${lost}`, { droppedDuringOutage: outage.dropped });
      outage = undefined;
    }
    failures = 0;
  };

  /**
   * One round of writes, one round at a time: a batch of what is waiting, then more only while
   * full batches wait (or everything, with `drain`), so a busy watcher writes full batches and
   * a quiet one one batch per interval. Resolves false when a write failed: its events are back
   * at the front of the buffer and a retry is armed with backoff.
   */
  const write = (drain: boolean): Promise<boolean> => {
    if (writing !== undefined) return drain ? writing.then((ok) => (ok ? write(true) : false)) : writing;
    writing = (async () => {
      try {
        let first = true;
        while (buffer.size > 0 && (first || drain || buffer.size >= maxBatch)) {
          first = false;
          const batch = buffer.take(maxBatch);
          inFlight = batch.length;
          try {
            await store.append(batch);
          } catch (error) {
            inFlight = 0;
            countDropped(buffer.putBack(batch));
            onFailure(error);
            arm(retryDelayMs(), false);
            return false;
          }
          inFlight = 0;
          onSuccess();
        }
        if (buffer.size === 0) overflowReported = false;
        else arm(flushIntervalMs, true);
        return true;
      } finally {
        writing = undefined;
      }
    })();
    return writing;
  };

  return {
    emit(event) {
      if (closed) {
        dropped += 1;
        return;
      }
      try {
        const jobEvent = toJobEvent(event, host);
        // A malformed event is skipped here, so it can never block the batches behind it.
        if (findEventProblem(jobEvent) !== undefined) {
          dropped += 1;
          return;
        }
        countDropped(buffer.push(jobEvent));
        // A full batch goes at once, the rest within the interval. During an outage the retry
        // timer is armed already, and during a write its loop arms what it leaves behind.
        if (failures === 0 && writing === undefined) arm(buffer.size >= maxBatch ? 0 : flushIntervalMs, true);
      } catch {
        // emit must never throw into the watcher.
      }
    },

    async flush() {
      await write(true);
    },

    async close() {
      if (closed) return;
      closed = true;
      cancelTimer();
      let deadlineTimer: TimerHandle | undefined;
      let pauseTimer: TimerHandle | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        deadlineTimer = clock.setTimeout(() => resolve('deadline'), closeTimeoutMs);
      });
      const pause = (delayMs: number): Promise<'paused'> =>
        new Promise((resolve) => {
          pauseTimer = clock.setTimeout(() => resolve('paused'), delayMs);
        });
      try {
        // The process is about to exit: retry a failing store with short pauses until the deadline,
        // and never wait on a write that hangs past it.
        for (;;) {
          if ((await Promise.race([write(true), deadline])) !== false) break;
          if ((await Promise.race([pause(Math.min(retryDelayMs(), 1_000)), deadline])) === 'deadline') break;
        }
      } finally {
        if (deadlineTimer !== undefined) clock.clearTimeout(deadlineTimer);
        if (pauseTimer !== undefined) clock.clearTimeout(pauseTimer);
      }
      const unwritten = buffer.take(buffer.size).length + (writing === undefined ? 0 : inFlight);
      if (unwritten > 0) {
        dropped += unwritten;
        const cause = writing === undefined ? 'the store was unavailable' : 'the store did not answer';
        log('warn', `${unwritten} events could not be recorded within ${closeTimeoutMs} ms of closing (${cause}); ${dropped} events were lost in all`, { lost: dropped });
      } else if (dropped > 0) {
        log('warn', `${dropped} events were not recorded (the store was unavailable or too slow)`, { lost: dropped });
      }
    },

    get pending() {
      return buffer.size;
    },
    get dropped() {
      return dropped;
    },
  };
}
