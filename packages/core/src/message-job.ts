/**
 * One message from receive to settlement: keep it invisible while its worker runs (the
 * heartbeat), end the worker if it runs too long, then delete it or hand it back according
 * to the outcome table, and report every transition.
 */
import { planBackoff } from './backoff.js';
import { formatDuration } from './format-duration.js';
import { capVisibility, planHeartbeat, toHeartbeatPolicy } from './heartbeat.js';
import type { AbortReason, Outcome } from './outcomes.js';
import { outcomeActions, toOutcome } from './outcomes.js';
import { createOutputTail } from './output-tail.js';
import type { TimerHandle } from './ports/clock.js';
import type { LifecycleEvent, LifecycleEventType } from './ports/events.js';
import type { LogEntry } from './ports/logger.js';
import type { NotificationKind } from './ports/notifier.js';
import type { BatchResult, QueueMessage } from './ports/queue.js';
import type { WorkerResult } from './ports/runner.js';
import type { ResolvedWatcherOptions } from './watcher-options.js';
import type { WorkMessage } from './work-message.js';
import { toWorkMessage } from './work-message.js';

/** What a job needs from its watcher. */
export interface JobContext {
  readonly options: ResolvedWatcherOptions;
  /** Reports a lifecycle event (guarded: never throws). */
  readonly emit: (event: LifecycleEvent) => void;
  /** Writes a log entry (guarded: never throws). */
  readonly log: (entry: LogEntry) => void;
}

/** A message being worked on. */
export interface MessageJob {
  /** The message as received. */
  readonly message: QueueMessage;
  /** Ends the worker early; the first reason given wins. */
  abort(reason: AbortReason): void;
  /** Resolves with the outcome once the message is settled (never rejects). */
  readonly settled: Promise<Outcome>;
}

const eventTypeOf = {
  succeeded: 'succeeded',
  rejected: 'rejected',
  noop: 'returned',
  failed: 'failed',
  'timed-out': 'timed-out',
  stopped: 'returned',
} as const satisfies Record<Outcome, LifecycleEventType>;

/**
 * Starts working on a received message. `turn` resolves when the message may start (FIFO
 * messages of one group run one after another); the heartbeat runs while it waits.
 */
export function startMessageJob(message: QueueMessage, context: JobContext, turn: Promise<void> = Promise.resolve()): MessageJob {
  const { options, emit, log } = context;
  const { clock, queue } = options;
  const controller = new AbortController();
  let abortReason: AbortReason | undefined;
  const receivedAtMs = clock.now();
  const work = toWorkMessage(message);
  const tail = createOutputTail(options.outputTailLines);
  const base = {
    messageId: message.id,
    receiveCount: message.receiveCount,
    sentAtMs: work.sentAtMs,
    ...(work.subject !== undefined && { subject: work.subject }),
    ...(work.groupId !== undefined && { groupId: work.groupId }),
  };

  let heartbeatTimer: TimerHandle | undefined;
  let finished = false;
  const heartbeat = toHeartbeatPolicy(options.visibilityTimeoutSeconds);
  const scheduleHeartbeat = (): void => {
    heartbeatTimer = clock.setTimeout(() => void beat(), heartbeat.intervalSeconds * 1000);
  };
  const beat = async (): Promise<void> => {
    if (finished) return;
    const seconds = planHeartbeat(receivedAtMs, clock.now(), heartbeat, queue.limits.maxVisibilitySeconds);
    if (seconds === null) {
      log({ level: 'warn', msg: 'the message has reached the queue\'s ceiling on invisibility; another consumer may receive it while this worker runs', messageId: message.id });
      return;
    }
    const failure = await tryQueueCall(() => queue.changeVisibility([{ receiptHandle: message.receiptHandle, visibilityTimeoutSeconds: seconds }]));
    if (failure !== undefined) {
      log({ level: 'warn', msg: `could not extend the message's visibility (${failure}); another consumer may receive it while this worker runs`, messageId: message.id });
    }
    if (!finished) scheduleHeartbeat();
  };

  const abort = (reason: AbortReason): void => {
    if (abortReason !== undefined || finished) return;
    abortReason = reason;
    controller.abort(reason);
  };

  const runWorker = async (job: WorkMessage): Promise<{ result: WorkerResult; durationMs: number }> => {
    const startedAtMs = clock.now();
    const timeout =
      options.maxJobDurationSeconds > 0 ? clock.setTimeout(() => abort('timeout'), options.maxJobDurationSeconds * 1000) : undefined;
    emit({ type: 'started', timeMs: startedAtMs, ...base });
    let result: WorkerResult;
    if (abortReason === 'stop') {
      // Stopped while waiting for its group's turn: never started, handed straight back.
      result = { exitCode: null, signal: null };
    } else {
      try {
        result = await options.runner.run({
          message: job,
          signal: controller.signal,
          onOutput: (stream, line) => {
            tail.push(line);
            log({ level: 'info', msg: line, messageId: message.id, stream });
          },
          onWarning: (warning) => log({ level: 'warn', msg: warning, messageId: message.id }),
        });
      } catch (error) {
        // The runner port promises never to reject; a custom runner that does still only fails its message.
        result = { exitCode: null, signal: null, startError: error instanceof Error ? error : new Error(String(error)) };
      }
    }
    if (timeout !== undefined) clock.clearTimeout(timeout);
    return { result, durationMs: clock.now() - startedAtMs };
  };

  const settle = async (outcome: Outcome, result: WorkerResult, durationMs: number): Promise<void> => {
    const action = outcomeActions[outcome];
    const now = clock.now();
    // The queue moves a message to its dead-letter queue when a receive would exceed maxReceives;
    // handing it back at once (not after a backoff) gets it there without delay.
    const isLastAttempt = action.settle === 'backoff' && message.receiveCount >= options.maxReceives;
    let retryInSeconds: number | undefined;
    let failure: string | undefined;
    if (action.settle === 'delete') {
      failure = await tryQueueCall(() => queue.deleteMessages([message.receiptHandle]));
    } else {
      retryInSeconds =
        action.settle === 'release' || isLastAttempt
          ? 0
          : capVisibility(planBackoff(message.receiveCount, options.backoff, options.random), receivedAtMs, now, queue.limits.maxVisibilitySeconds);
      failure = await tryQueueCall(() =>
        queue.changeVisibility([{ receiptHandle: message.receiptHandle, visibilityTimeoutSeconds: retryInSeconds ?? 0, returned: true }]),
      );
    }
    if (failure !== undefined) {
      log({
        level: 'error',
        msg: `could not ${action.settle === 'delete' ? 'delete' : 'return'} the message (${failure}); it will be delivered again when its visibility timeout ends`,
        messageId: message.id,
      });
    }
    const outputTail = action.notify || action.isFailure ? tail.lines() : undefined;
    emit({
      type: eventTypeOf[outcome],
      timeMs: clock.now(),
      ...base,
      durationMs,
      exitCode: result.exitCode,
      signal: result.signal,
      ...(retryInSeconds !== undefined && !isLastAttempt && { retryInSeconds }),
      ...(outcome === 'noop' && { reason: 'noop' as const }),
      ...(outcome === 'stopped' && { reason: 'stopped' as const }),
      ...(outputTail !== undefined && { outputTail }),
      ...(result.startError !== undefined && { error: result.startError.message }),
    });
    if (isLastAttempt) emit({ type: 'dead-lettered', timeMs: clock.now(), ...base });
    if (action.notify || isLastAttempt) {
      const kind: NotificationKind = isLastAttempt ? 'dead-lettered' : outcome === 'rejected' ? 'rejected' : 'failed';
      await notify(kind, result, durationMs, tail.lines());
    }
  };

  const notify = async (kind: NotificationKind, result: WorkerResult, durationMs: number, outputTail: string[]): Promise<void> => {
    if (options.notifier === undefined) return;
    const ending = result.startError
      ? `could not start: ${result.startError.message}`
      : result.signal
        ? `was killed by ${result.signal}`
        : `exited ${String(result.exitCode)}`;
    const label = kind === 'rejected' ? '[rejected]' : kind === 'dead-lettered' ? '[failure] [dead-letter]' : '[failure]';
    try {
      await options.notifier.notify({
        kind,
        messageId: message.id,
        ...(work.subject !== undefined && { subject: work.subject }),
        exitCode: result.exitCode,
        signal: result.signal,
        receiveCount: message.receiveCount,
        outputTail,
        summary: `${label} worker ${ending} after ${formatDuration(durationMs)} (attempt ${message.receiveCount})`,
        timeMs: clock.now(),
      });
    } catch (error) {
      log({ level: 'error', msg: `could not send the ${kind} notification: ${errorText(error)}`, messageId: message.id });
    }
  };

  const settled = (async (): Promise<Outcome> => {
    emit({ type: 'received', timeMs: receivedAtMs, ...base });
    for (const warning of message.decodeWarnings ?? []) log({ level: 'warn', msg: warning, messageId: message.id });
    scheduleHeartbeat();
    await turn;
    const { result, durationMs } = await runWorker(work);
    finished = true;
    if (heartbeatTimer !== undefined) clock.clearTimeout(heartbeatTimer);
    const outcome = toOutcome(result, abortReason);
    await settle(outcome, result, durationMs);
    return outcome;
  })();

  return { message, abort, settled };
}

/** Runs a queue call; returns undefined on full success, else one line saying what failed. */
async function tryQueueCall(call: () => Promise<BatchResult>): Promise<string | undefined> {
  try {
    const result = await call();
    const first = result.failed[0];
    return first === undefined ? undefined : errorText(first.error);
  } catch (error) {
    return errorText(error);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
