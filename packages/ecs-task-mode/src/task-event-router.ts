/**
 * The task-event router: long-polls the events queue (EventBridge → SQS), parses each event,
 * and hands ECS task events to whoever registered that task's ARN. Every parsed message is
 * deleted in one batch per receive; a body that is not an event is logged once and deleted
 * too (it can never become valid). Reports are ordered per task, so a late or repeated event
 * never moves a task back.
 */
import type { Clock, Logger, Queue, QueueMessage } from '@watchbot/core';
import { invalidOption, sleep } from '@watchbot/core';
import { parseStateChangeEvent } from './parse-state-change-event.js';
import type { EcsTaskStateChange, KnownStateChange } from './state-change-event.js';
import { supersedes } from './task-state-order.js';

/** Called with every newer state of a registered task, in order. Must not throw (guarded anyway). */
export type TaskStateListener = (change: EcsTaskStateChange) => void;

/** Options for {@link createTaskEventRouter}. */
export interface TaskEventRouterOptions {
  /** The events queue (SQS in production: the template's task-events queue). */
  readonly queue: Queue;
  /** Time and timers. */
  readonly clock: Clock;
  /** Where malformed bodies and queue errors are reported. Default: nowhere. */
  readonly logger?: Logger;
  /** Longest long-poll per receive, in ms, 0 to 20000. Default 20000. */
  readonly waitMs?: number;
  /** Seconds a received event stays invisible before it could be received again, 1 to 43200. Default 30. */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Poll even when no task is registered (`watchbot track`, which follows every task through
   * `onEvent`). Default false: with nothing registered the router makes no calls at all.
   */
  readonly pollWhenIdle?: boolean;
  /** Called with every event parsed from the queue (ECS and Batch), before routing. Guarded. */
  readonly onEvent?: (event: KnownStateChange) => void;
  /** A source of numbers in [0, 1) for the jitter of error pauses. Default `Math.random`. */
  readonly random?: () => number;
}

/** What the router has seen since it was created. */
export interface TaskEventCounts {
  /** Messages received from the events queue. */
  readonly received: number;
  /** Reports handed to a registered listener (events, and the runner's own API answers). */
  readonly dispatched: number;
  /** ECS task events for tasks nobody registered (the rule may match the whole cluster). */
  readonly unmatched: number;
  /** Batch job events (routed to `onEvent` only). */
  readonly batch: number;
  /** Reports older than, or repeats of, what the task's listener already had. */
  readonly stale: number;
  /** Bodies that were not an event this package understands. */
  readonly unknown: number;
}

/** The router. */
export interface TaskEventRouter {
  /** Starts polling (idempotent). */
  start(): void;
  /** Stops polling; resolves once the current receive and its deletes have ended. */
  stop(): Promise<void>;
  /**
   * Routes `taskArn`'s reports to `listener` from now on. A report for the task that arrived
   * shortly before (events can overtake RunTask's answer) is handed over at once.
   */
  register(taskArn: string, listener: TaskStateListener): void;
  /** Stops routing `taskArn`'s reports. */
  unregister(taskArn: string): void;
  /**
   * Routes a report that did not come from the queue (RunTask's and DescribeTasks' answers)
   * through the same ordering. @returns true when it was newer and reached a listener.
   */
  deliver(change: EcsTaskStateChange): boolean;
  /** Counters, for logs and tests. */
  counts(): TaskEventCounts;
}

/** How many reports for unregistered tasks are kept for a registration that may follow. */
const recentCapacity = 1000;
/** The shortest time one empty receive may take, in ms: a queue that answers at once never makes a hot loop. */
const minEmptyReceiveMs = 1000;
/** The longest preview of a malformed body in a log line, in characters. */
const previewChars = 120;

/** Creates the router. @throws WatchbotError INVALID_OPTION for a bad option. */
export function createTaskEventRouter(options: TaskEventRouterOptions): TaskEventRouter {
  const { queue, clock } = options;
  const waitMs = options.waitMs ?? 20_000;
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 30;
  if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > 20_000) throw invalidOption('waitMs', waitMs, 'a whole number of ms from 0 to 20000');
  if (!Number.isInteger(visibilityTimeoutSeconds) || visibilityTimeoutSeconds < 1 || visibilityTimeoutSeconds > 43_200) {
    throw invalidOption('visibilityTimeoutSeconds', visibilityTimeoutSeconds, 'a whole number of seconds from 1 to 43200');
  }
  const random = options.random ?? Math.random;
  const listeners = new Map<string, { readonly listener: TaskStateListener; last?: EcsTaskStateChange }>();
  const recent = new Map<string, EcsTaskStateChange>();
  const counts = { received: 0, dispatched: 0, unmatched: 0, batch: 0, stale: 0, unknown: 0 };
  let running = false;
  let loopDone: Promise<void> | undefined;
  let stopController = new AbortController();
  let wakeIdle: (() => void) | undefined;

  const log = (entry: Parameters<Logger['log']>[0]): void => {
    try {
      options.logger?.log(entry);
    } catch {
      // A logger that throws must not stop routing.
    }
  };

  const remember = (change: EcsTaskStateChange): void => {
    if (!supersedes(recent.get(change.taskArn), change)) return;
    recent.delete(change.taskArn);
    recent.set(change.taskArn, change);
    if (recent.size > recentCapacity) recent.delete(recent.keys().next().value as string);
  };

  const deliver = (change: EcsTaskStateChange): boolean => {
    const entry = listeners.get(change.taskArn);
    if (entry === undefined) {
      remember(change);
      return false;
    }
    if (!supersedes(entry.last, change)) {
      counts.stale += 1;
      return false;
    }
    entry.last = change;
    counts.dispatched += 1;
    try {
      entry.listener(change);
    } catch (error) {
      log({ level: 'error', msg: `a task-state listener failed for ${change.taskArn}: ${error instanceof Error ? error.message : String(error)}` });
    }
    return true;
  };

  const route = (message: QueueMessage): void => {
    const event = parseStateChangeEvent(message.body);
    if (event.kind === 'unknown') {
      counts.unknown += 1;
      const preview = message.body.length > previewChars ? `${message.body.slice(0, previewChars)}…` : message.body;
      log({ level: 'warn', msg: `ignored a message on the task-events queue that is not a task or job state change (${event.reason}); deleted it: ${JSON.stringify(preview)}`, eventMessageId: message.id });
      return;
    }
    try {
      options.onEvent?.(event);
    } catch (error) {
      log({ level: 'error', msg: `the state-change event handler failed: ${error instanceof Error ? error.message : String(error)}` });
    }
    if (event.kind === 'batch-job') {
      counts.batch += 1;
      return;
    }
    if (!listeners.has(event.taskArn)) counts.unmatched += 1;
    deliver(event);
  };

  const loop = async (): Promise<void> => {
    let consecutiveErrors = 0;
    while (running) {
      if (listeners.size === 0 && options.pollWhenIdle !== true) {
        await new Promise<void>((resolve) => {
          wakeIdle = resolve;
        });
        wakeIdle = undefined;
        continue;
      }
      const startedMs = clock.now();
      let messages: QueueMessage[];
      try {
        messages = await queue.receive(queue.limits.maxReceiveBatch, { waitMs, visibilityTimeoutSeconds, signal: stopController.signal });
        consecutiveErrors = 0;
      } catch (error) {
        consecutiveErrors += 1;
        const capped = Math.min(30_000, 1000 * 2 ** Math.min(consecutiveErrors - 1, 5));
        const pauseMs = capped / 2 + (capped / 2) * random();
        log({ level: 'error', msg: `could not receive task events (${error instanceof Error ? error.message : String(error)}); retrying in ${(pauseMs / 1000).toFixed(1)} s` });
        await sleep(clock, pauseMs, stopController.signal);
        continue;
      }
      counts.received += messages.length;
      for (const message of messages) route(message);
      if (messages.length > 0) {
        await deleteAll(messages);
        continue;
      }
      const elapsedMs = clock.now() - startedMs;
      if (elapsedMs < minEmptyReceiveMs) await sleep(clock, minEmptyReceiveMs - elapsedMs, stopController.signal);
    }
  };

  const deleteAll = async (messages: readonly QueueMessage[]): Promise<void> => {
    try {
      const result = await queue.deleteMessages(messages.map((message) => message.receiptHandle));
      const first = result.failed[0];
      if (first !== undefined) {
        log({ level: 'warn', msg: `could not delete ${result.failed.length} task event(s) (${first.error.message}); they will be received again and ignored as repeats` });
      }
    } catch (error) {
      log({ level: 'warn', msg: `could not delete ${messages.length} task event(s) (${error instanceof Error ? error.message : String(error)}); they will be received again and ignored as repeats` });
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      loopDone = loop();
    },
    async stop() {
      running = false;
      stopController.abort();
      wakeIdle?.();
      await loopDone;
    },
    register(taskArn, listener) {
      listeners.set(taskArn, { listener });
      const earlier = recent.get(taskArn);
      recent.delete(taskArn);
      if (earlier !== undefined) deliver(earlier);
      wakeIdle?.();
    },
    unregister(taskArn) {
      listeners.delete(taskArn);
    },
    deliver,
    counts: () => ({ ...counts }),
  };
}
