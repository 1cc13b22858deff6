/**
 * The loop behind `watchbot track`: the task-event router reads `ECS Task State Change` and
 * `Batch Job State Change` events from the events queue (polling even with no task of its own),
 * each event is recorded in the job history and, when it is a failure, notified. An event
 * message is deleted only once its event is stored: the queue seen by the router holds each
 * batch's deletes until the batch's writes have finished, and keeps the batch when one failed,
 * so it comes back after the visibility timeout. Repeats (EventBridge delivers at least once)
 * are recorded and notified once per run. Bodies that are not events are logged and deleted by
 * the router; nothing here throws into it.
 */
import type { Clock, Logger, LogLevel, Notifier, Queue } from '@watchbot/core';
import type { KnownStateChange } from '@watchbot/ecs-task-mode';
import type { JobEventWriter } from './job-event-writer.js';
import { toFailureNotification } from './state-change-failure.js';
import { toShortResource, toStateChangeJobEvent } from './state-change-job-event.js';
import { toOneLine } from './usage-error.js';

/** What the loop works with. */
export interface TrackStateChangesOptions {
  /** The events queue (EventBridge → SQS, or an embedded queue). */
  readonly queue: Queue;
  /** Where events are recorded. */
  readonly writer: JobEventWriter;
  /** Where failures are reported (already pointing at the job history). */
  readonly notifier: Notifier;
  /** Where each event and problem is logged. */
  readonly logger: Logger;
  /** Time and timers. */
  readonly clock: Clock;
  /** The long poll per receive, in ms, 0 to 20,000. */
  readonly waitMs: number;
  /** Stop at the first receive that finds the queue empty. */
  readonly exitWhenEmpty: boolean;
  /** Resolves when the loop must stop (a signal). */
  readonly stop: Promise<unknown>;
}

/** What one run did. */
export interface TrackSummary {
  /** ECS task events recorded. */
  readonly ecs: number;
  /** Batch job events recorded. */
  readonly batch: number;
  /** Failure notifications sent. */
  readonly notified: number;
  /** Repeats of events already recorded in this run, skipped. */
  readonly repeats: number;
  /** Messages that were not state-change events (logged and deleted). */
  readonly unknown: number;
  /** ECS task events and Batch job events that could not be stored (left on the queue to come back). */
  readonly notStored: number;
}

/** How many recorded events and notified jobs are remembered, to skip repeats. */
const rememberedCapacity = 10_000;

/** A set that forgets its oldest entries beyond a capacity. */
function createRecentSet(capacity: number) {
  const entries = new Set<string>();
  return {
    has: (key: string) => entries.has(key),
    add(key: string) {
      entries.add(key);
      if (entries.size > capacity) entries.delete(entries.values().next().value as string);
    },
    delete: (key: string) => entries.delete(key),
  };
}

/** One line about an event, for the log. */
function describeChange(change: KnownStateChange, exitCode: number | null | undefined): string {
  const exit = exitCode === undefined ? '' : exitCode === null ? ', no exit code' : `, exit ${exitCode}`;
  if (change.kind === 'ecs-task') {
    const taskId = change.taskArn.slice(change.taskArn.lastIndexOf('/') + 1);
    return `ECS task ${taskId} (${toShortResource(change.clusterArn)}): ${change.lastStatus}${exit}`;
  }
  return `Batch job ${change.jobName} (${change.jobId}): ${change.status}${exit}`;
}

/** Runs until `stop` resolves or, with `exitWhenEmpty`, the events queue is empty. Never rejects for a bad event or an unreachable store. */
export async function trackStateChanges(options: TrackStateChangesOptions): Promise<TrackSummary> {
  const { queue, writer, notifier, logger, clock } = options;
  // Loaded on demand: the AWS SDK's ECS client comes with the package.
  const { createTaskEventRouter } = await import('@watchbot/ecs-task-mode');
  const counts = { ecs: 0, batch: 0, notified: 0, repeats: 0, notStored: 0 };
  const recorded = createRecentSet(rememberedCapacity);
  const notified = createRecentSet(rememberedCapacity);
  let batchWork: Promise<void>[] = [];
  let outage = false;
  let reportEmpty: () => void = () => undefined;
  const empty = new Promise<void>((resolve) => {
    reportEmpty = resolve;
  });

  const log = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
    try {
      logger.log({ level, msg, ...fields });
    } catch {
      // A broken logger must not stop tracking.
    }
  };

  const notify = async (change: KnownStateChange, jobId: string): Promise<void> => {
    const notification = toFailureNotification(change);
    if (notification === undefined || notified.has(jobId)) return;
    notified.add(jobId);
    try {
      await notifier.notify(notification);
      counts.notified += 1;
      log('info', `[failure] ${notification.summary.replace(/^\[failure\] /, '')}`, { jobId });
    } catch (error) {
      log('warn', `could not send the failure notification for ${jobId}: ${toOneLine(error)}`, { jobId });
    }
  };

  const onEvent = (change: KnownStateChange): void => {
    const event = toStateChangeJobEvent(change);
    const key = JSON.stringify(event);
    if (recorded.has(key)) {
      counts.repeats += 1;
      log('debug', `${describeChange(change, event.exitCode)}: a repeat, already recorded`, { jobId: event.jobId });
      return;
    }
    // Remembered at once, so a repeat in the same batch is not written twice; forgotten if the write fails.
    recorded.add(key);
    const work = writer.write(event).then(
      async () => {
        counts[change.kind === 'ecs-task' ? 'ecs' : 'batch'] += 1;
        if (outage) {
          outage = false;
          log('info', 'job history: recording again');
        }
        log('info', `${describeChange(change, event.exitCode)}${event.detail === undefined ? '' : ` (${event.detail})`}`, { jobId: event.jobId, source: event.source, state: event.type });
        await notify(change, event.jobId);
      },
      (error: unknown) => {
        recorded.delete(key);
        counts.notStored += 1;
        if (!outage) {
          outage = true;
          log('error', `job history: could not record ${describeChange(change, event.exitCode)} (${toOneLine(error)}); its message stays on the events queue and comes back after the visibility timeout`);
        }
        throw error;
      },
    );
    batchWork.push(work);
  };

  // The router deletes each batch it read once it has routed it: hold that until the batch is recorded.
  const trackedQueue: Queue = {
    limits: queue.limits,
    async receive(maxMessages, receiveOptions) {
      const messages = await queue.receive(maxMessages, receiveOptions);
      if (messages.length === 0 && options.exitWhenEmpty) reportEmpty();
      return messages;
    },
    async deleteMessages(receiptHandles) {
      const work = batchWork;
      batchWork = [];
      const failure = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
      if (failure === undefined) return queue.deleteMessages(receiptHandles);
      const error = new Error(`the job history did not record them: ${toOneLine(failure.reason)}`);
      return { failed: receiptHandles.map((receiptHandle) => ({ receiptHandle, error })) };
    },
    changeVisibility: (changes) => queue.changeVisibility(changes),
    send: (messages) => queue.send(messages),
    getCounts: () => queue.getCounts(),
    close: () => queue.close(),
  };

  const router = createTaskEventRouter({ queue: trackedQueue, clock, logger, waitMs: options.waitMs, pollWhenIdle: true, onEvent });
  router.start();
  try {
    await Promise.race([options.stop, empty]);
  } finally {
    await router.stop();
    await writer.idle();
  }
  return { ...counts, unknown: router.counts().unknown };
}
