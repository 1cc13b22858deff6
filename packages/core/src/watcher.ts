/**
 * The watcher loop: receive only as many messages as there are free worker slots, run each,
 * and stop gracefully. What happens to one message lives in message-job.ts.
 */
import { isWatchbotError, errorCodes } from './errors.js';
import type { MessageJob } from './message-job.js';
import { startMessageJob } from './message-job.js';
import type { Outcome } from './outcomes.js';
import type { TimerHandle } from './ports/clock.js';
import { sleep } from './ports/clock.js';
import type { LifecycleEvent } from './ports/events.js';
import type { LogEntry } from './ports/logger.js';
import type { QueueMessage } from './ports/queue.js';
import { createSystemClock } from './system-clock.js';
import type { WatcherOptions } from './watcher-options.js';
import { resolveWatcherOptions } from './watcher-options.js';

/** Why `run()` ended, and what was settled. */
export interface WatcherSummary {
  /** `empty`: exitWhenEmpty and nothing left; `stopped`: stop() was called; `max-messages`: maxMessages reached. */
  readonly reason: 'empty' | 'stopped' | 'max-messages';
  /** How many messages ended in each outcome. */
  readonly settled: Readonly<Record<Outcome, number>>;
}

/** A running watcher. */
export interface Watcher {
  /**
   * Receives and runs messages until stopped, empty (exitWhenEmpty) or maxMessages is reached.
   * Rejects only on a fatal queue error (QUEUE_NOT_FOUND, QUEUE_ACCESS_DENIED, QUEUE_WRITE_FAILED), after the
   * running workers have ended; transient errors are retried with backoff.
   */
  run(): Promise<WatcherSummary>;
  /**
   * Stops gracefully: no more receives; running workers get `stopTimeoutSeconds` to finish, then
   * are ended and their messages made visible at once. Resolves when `run()` has finished.
   */
  stop(): Promise<void>;
  /** How many messages are being worked on now. */
  readonly running: number;
}

/** Errors on receive that no retry will cure: the watcher stops and `run()` rejects. */
const fatalCodes = new Set<string>([errorCodes.QUEUE_NOT_FOUND, errorCodes.QUEUE_ACCESS_DENIED, errorCodes.QUEUE_WRITE_FAILED]);

/**
 * The shortest time one empty receive may take, in ms. A receive that comes back empty sooner
 * (a zero wait, an adapter that cannot long-poll) is followed by a pause for the rest of it, so
 * an idle watcher never calls its queue more than four times a second.
 */
const minEmptyReceiveMs = 250;

/** The longest pause between receives while the queue keeps failing, in ms. */
const receiveErrorPauseCapMs = 8000;

/**
 * Pause after the nth consecutive receive error: 1 s, 2 s, 4 s, then 8 s, each with jitter
 * (between half and all of it). The cap is low so that a watcher resumes within seconds of its
 * queue's return, and high enough that an outage costs one receive every 4–8 s, not a hot loop.
 */
function receiveErrorPauseMs(consecutiveErrors: number, random: () => number): number {
  const capped = Math.min(receiveErrorPauseCapMs, 1000 * 2 ** Math.min(consecutiveErrors - 1, 3));
  return capped / 2 + (capped / 2) * random();
}

/** Creates a watcher. Options are validated here. @throws WatchbotError INVALID_OPTION */
export function createWatcher(watcherOptions: WatcherOptions): Watcher {
  const options = resolveWatcherOptions(watcherOptions, createSystemClock);
  const { queue, clock } = options;
  const active = new Set<MessageJob>();
  const groupTails = new Map<string, Promise<unknown>>();
  const settledCounts: Record<Outcome, number> = { succeeded: 0, rejected: 0, noop: 0, failed: 0, 'timed-out': 0, stopped: 0 };
  let settledTotal = 0;
  let stopping = false;
  let stopTimer: TimerHandle | undefined;
  let runPromise: Promise<WatcherSummary> | undefined;
  let receiveController = new AbortController();
  const stopController = new AbortController();
  let wakeLoop: (() => void) | undefined;

  const context = {
    options,
    emit(event: LifecycleEvent) {
      try {
        options.events?.emit(event);
      } catch {
        // A sink that throws must not stop processing.
      }
    },
    log(entry: LogEntry) {
      try {
        options.logger?.log(entry);
      } catch {
        // Likewise for a logger.
      }
    },
  };

  /** Starts a job, chaining it behind any running message of the same FIFO group. */
  const start = (message: QueueMessage): void => {
    const groupId = message.groupId;
    const turn = groupId === undefined ? undefined : groupTails.get(groupId);
    const job = startMessageJob(message, context, turn?.then(() => undefined));
    active.add(job);
    if (groupId !== undefined) groupTails.set(groupId, job.settled);
    void job.settled.then((outcome) => {
      active.delete(job);
      if (groupId !== undefined && groupTails.get(groupId) === job.settled) groupTails.delete(groupId);
      settledCounts[outcome] += 1;
      settledTotal += 1;
      wakeLoop?.();
    });
  };

  const waitForChange = (): Promise<void> =>
    new Promise((resolve) => {
      wakeLoop = () => {
        wakeLoop = undefined;
        resolve();
      };
    });

  const isQueueDrained = async (): Promise<boolean> => {
    try {
      const counts = await queue.getCounts();
      return counts.visible + counts.inFlight + counts.delayed === 0;
    } catch (error) {
      context.log({ level: 'warn', msg: `could not count the queue's messages: ${String(error)}` });
      return false;
    }
  };

  const loop = async (): Promise<WatcherSummary['reason']> => {
    let consecutiveErrors = 0;
    // With exitWhenEmpty the watcher never long-polls while its own jobs run, so it never has to
    // abort a receive (on SQS an aborted receive's late messages must be handed back, and each
    // counts as a receive): a receive that finds nothing waits for a job to settle instead, and
    // with no job running a count decides — a long poll only when messages are delayed or held
    // elsewhere.
    let pollLong = !options.exitWhenEmpty;
    while (!stopping) {
      const allowance = options.maxMessages === undefined ? Infinity : options.maxMessages - settledTotal - active.size;
      if (allowance <= 0 && active.size === 0) return 'max-messages';
      const free = Math.min(options.concurrency - active.size, allowance, queue.limits.maxReceiveBatch);
      if (free <= 0) {
        await waitForChange();
        continue;
      }
      receiveController = new AbortController();
      const onStop = (): void => receiveController.abort();
      stopController.signal.addEventListener('abort', onStop, { once: true });
      let messages: QueueMessage[];
      const waitMs = options.exitWhenEmpty ? (pollLong && active.size === 0 ? options.receiveWaitMs : 0) : options.receiveWaitMs;
      const receiveStartedMs = clock.now();
      try {
        messages = await queue.receive(free, {
          waitMs,
          visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
          signal: receiveController.signal,
        });
        consecutiveErrors = 0;
      } catch (error) {
        if (isWatchbotError(error) && fatalCodes.has(error.code)) throw error;
        consecutiveErrors += 1;
        const pauseMs = receiveErrorPauseMs(consecutiveErrors, options.random);
        context.log({ level: 'error', msg: `could not receive messages (${error instanceof Error ? error.message : String(error)}); retrying in ${(pauseMs / 1000).toFixed(1)} s` });
        await sleep(clock, pauseMs, stopController.signal);
        continue;
      } finally {
        stopController.signal.removeEventListener('abort', onStop);
      }
      for (const message of messages) start(message);
      // Received while stop() began: hand these straight back rather than start new work.
      if (stopping) for (const job of active) if (messages.includes(job.message)) job.abort('stop');
      if (messages.length > 0) {
        pollLong = !options.exitWhenEmpty;
        continue;
      }
      if (options.exitWhenEmpty && !stopping) {
        if (active.size > 0) {
          await waitForChange();
          continue;
        }
        if (await isQueueDrained()) return 'empty';
        const wasCountCheck = !pollLong;
        pollLong = true;
        if (wasCountCheck) continue;
      }
      const elapsedMs = clock.now() - receiveStartedMs;
      if (!receiveController.signal.aborted && elapsedMs < minEmptyReceiveMs) {
        await sleep(clock, minEmptyReceiveMs - elapsedMs, stopController.signal);
      }
    }
    return 'stopped';
  };

  const run = async (): Promise<WatcherSummary> => {
    let reason: WatcherSummary['reason'] = 'stopped';
    let fatal: unknown;
    try {
      reason = await loop();
    } catch (error) {
      fatal = error;
      context.log({ level: 'error', msg: `stopping: ${error instanceof Error ? error.message : String(error)}` });
      beginStop();
    }
    while (active.size > 0) await Promise.race([...active].map((job) => job.settled));
    if (stopTimer !== undefined) clock.clearTimeout(stopTimer);
    if (fatal !== undefined) throw fatal;
    return { reason: stopping && reason !== 'empty' ? 'stopped' : reason, settled: { ...settledCounts } };
  };

  const beginStop = (): void => {
    if (stopping) return;
    stopping = true;
    stopController.abort();
    wakeLoop?.();
    const endRunningWorkers = (): void => {
      for (const job of active) job.abort('stop');
    };
    if (options.stopTimeoutSeconds === 0) endRunningWorkers();
    else stopTimer = clock.setTimeout(endRunningWorkers, options.stopTimeoutSeconds * 1000);
  };

  return {
    run() {
      runPromise ??= run();
      return runPromise;
    },
    async stop() {
      beginStop();
      await runPromise?.catch(() => undefined);
    },
    get running() {
      return active.size;
    },
  };
}
