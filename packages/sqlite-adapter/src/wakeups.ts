/**
 * Wake-ups for waiting receives: a long poll sleeps on the injected clock between re-checks of
 * the file, and is woken at once by a send, delete or visibility change made through the same
 * queue object — and, where the file system reports changes (inotify on Linux), by a commit
 * from any other connection or process: every commit appends to the database's write-ahead log,
 * so a change to that file is the signal to look again. Without it a message sent by another
 * process waits for the next poll (half a poll interval on average: ~12 ms at the default 25).
 *
 * A change to the log comes before the commit is visible: the writer appends its pages, syncs
 * them (a send commits with an fsync), and only then publishes the commit in the shared-memory
 * index, which no file event reports. So a file event wakes the waits at once and again 2, 4, 8
 * and 16 ms later (on the queue's clock), by when a commit that was under way is visible.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { sleep } from '@watchbot/core';
import type { Clock } from '@watchbot/core';

/** Sleeps that can be cut short. */
export interface Wakeups {
  /** Resolves after `delayMs` on `clock`, when `signal` aborts, or at the next {@link Wakeups.wakeAll}. */
  wait(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void>;
  /** Ends every current wait. */
  wakeAll(): void;
}

/** Options of {@link createWakeups}. */
export interface WakeupsOptions {
  /**
   * A file whose every change wakes the waits: the database's write-ahead log (`<path>-wal`).
   * It is watched only while some receive waits. Where it cannot be watched (no such file yet,
   * no inotify, a network file system) the waits simply run their course. Default: none.
   */
  readonly watchPath?: string;
}

/** After a change to the watched file, wake the waits again after these delays, in ms. */
const followUpDelaysMs = [2, 2, 4, 8];

/** Creates an empty set of waits. */
export function createWakeups(options: WakeupsOptions = {}): Wakeups {
  const waiting = new Set<AbortController>();
  let watcher: FSWatcher | undefined;
  /** The clock of the latest wait: the follow-up wakes run on it. */
  let waitClock: Clock | undefined;
  let followingUp = false;
  /** Set when watching failed for a reason that will not pass (inotify limits, no support). */
  let cannotWatch = options.watchPath === undefined;
  let stopCheckQueued = false;

  const wakeAll = (): void => {
    for (const wake of [...waiting]) wake.abort();
  };

  /** A change to the log: wake now, and again as the commit under way becomes visible. */
  const onFileChange = (): void => {
    wakeAll();
    const clock = waitClock;
    if (followingUp || clock === undefined) return;
    followingUp = true;
    const followUp = (step: number): void => {
      clock.setTimeout(() => {
        wakeAll();
        if (step + 1 < followUpDelaysMs.length) followUp(step + 1);
        else followingUp = false;
      }, followUpDelaysMs[step] ?? 0);
    };
    followUp(0);
  };

  const stopWatching = (): void => {
    watcher?.close();
    watcher = undefined;
  };

  const startWatching = (): void => {
    if (watcher !== undefined || cannotWatch || options.watchPath === undefined) return;
    try {
      // Not persistent: a watch must never keep the process alive on its own.
      watcher = watch(options.watchPath, { persistent: false }, onFileChange);
      watcher.on('error', () => {
        stopWatching();
        cannotWatch = true;
      });
    } catch (error) {
      // No log yet (ENOENT): try again at the next wait. Anything else will not get better.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') cannotWatch = true;
    }
  };

  // A receive that finds nothing waits again at once: keep the watch across that gap, and drop
  // it only once a whole turn of the event loop has passed with no wait (the queue is busy or closed).
  const stopWhenIdle = (): void => {
    if (stopCheckQueued || watcher === undefined) return;
    stopCheckQueued = true;
    setImmediate(() => {
      stopCheckQueued = false;
      if (waiting.size === 0) stopWatching();
    });
  };

  return {
    async wait(clock, delayMs, signal) {
      // One controller per wait, fed by the caller's signal and by wakeAll. The listener on the
      // caller's (often long-lived) signal is removed after every wait, so polls do not pile up on it.
      const wake = new AbortController();
      const forwardAbort = (): void => wake.abort();
      signal?.addEventListener('abort', forwardAbort, { once: true });
      if (signal?.aborted) wake.abort();
      waiting.add(wake);
      waitClock = clock;
      startWatching();
      try {
        await sleep(clock, delayMs, wake.signal);
      } finally {
        waiting.delete(wake);
        signal?.removeEventListener('abort', forwardAbort);
        if (waiting.size === 0) stopWhenIdle();
      }
    },
    wakeAll,
  };
}
