/** Builds a watcher over the in-memory queue and a manual clock, with a scriptable worker. */
import type { WorkerJob } from '../src/ports/runner.js';
import { createFunctionRunner } from '../src/function-runner.js';
import type { LogEntry } from '../src/ports/logger.js';
import type { Queue } from '../src/ports/queue.js';
import { createManualClock } from '../src/testing/manual-clock.js';
import { createMemoryNotifier } from '../src/testing/memory-notifier.js';
import { createMemoryQueue } from '../src/testing/memory-queue.js';
import { createRecordingEventSink } from '../src/testing/recording-event-sink.js';
import type { WatcherOptions } from '../src/watcher-options.js';
import { createWatcher } from '../src/watcher.js';

/** A worker the test finishes by hand: `finish(id, exitCode)`. */
export interface ScriptedWorker {
  /** Jobs started and not yet finished, by message body. */
  readonly running: Map<string, { job: WorkerJob; finish: (exitCode: number) => void }>;
  /** The most jobs that ran at once. */
  peak: number;
  /** Every body started, in order (a retried message appears again). */
  readonly started: string[];
}

export function createHarness(options: Partial<Omit<WatcherOptions, 'queue' | 'runner' | 'clock'>> & { queue?: Queue; maxReceives?: number } = {}) {
  const clock = createManualClock();
  const memoryQueue = createMemoryQueue({ clock, maxReceives: options.maxReceives ?? 10 });
  const queue = options.queue ?? memoryQueue;
  const notifier = createMemoryNotifier();
  const events = createRecordingEventSink();
  const logs: LogEntry[] = [];
  const worker: ScriptedWorker = { running: new Map(), peak: 0, started: [] };
  const runner = createFunctionRunner(
    (job) =>
      new Promise<number>((resolve) => {
        worker.started.push(job.message.body);
        worker.running.set(job.message.body, {
          job,
          finish: (exitCode) => {
            worker.running.delete(job.message.body);
            resolve(exitCode);
          },
        });
        worker.peak = Math.max(worker.peak, worker.running.size);
        job.signal.addEventListener('abort', () => {
          worker.running.delete(job.message.body);
          resolve(143);
        });
      }),
  );
  const watcher = createWatcher({
    receiveWaitMs: 1000,
    stopTimeoutSeconds: 0,
    ...options,
    queue,
    runner,
    clock,
    notifier,
    events,
    logger: { log: (entry) => logs.push(entry) },
  });
  /** Finishes the running job for `body` with `exitCode` and lets the watcher settle it. */
  const finish = async (body: string, exitCode: number): Promise<void> => {
    const entry = worker.running.get(body);
    if (entry === undefined) throw new Error(`no running job for ${body}; running: ${[...worker.running.keys()].join(', ')}`);
    entry.finish(exitCode);
    await clock.settle();
  };
  const send = (...bodies: string[]) => memoryQueue.send(bodies.map((body) => ({ body })));
  return { clock, queue: memoryQueue, notifier, events, logs, worker, watcher, finish, send };
}
