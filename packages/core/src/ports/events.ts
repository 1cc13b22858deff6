/**
 * The event sink port: every lifecycle transition of every message goes through one
 * place, which feeds logs, metrics, job tracking and the dashboard.
 */

/** The transitions a message goes through. */
export const lifecycleEventTypes = [
  'received',
  'started',
  'succeeded',
  'rejected',
  'returned',
  'failed',
  'timed-out',
  'dead-lettered',
] as const;

/** One of {@link lifecycleEventTypes}. */
export type LifecycleEventType = (typeof lifecycleEventTypes)[number];

/** Why a message was returned to the queue without counting as a failure. */
export type ReturnReason = 'noop' | 'stopped';

/** One transition of one message. */
export interface LifecycleEvent {
  /** Which transition. */
  readonly type: LifecycleEventType;
  /** When, in ms since the Unix epoch. */
  readonly timeMs: number;
  /** The queue message id. */
  readonly messageId: string;
  /** How many times it has been received, this receive included. */
  readonly receiveCount: number;
  /** When the message was sent, in ms since the Unix epoch (the SNS timestamp for SNS messages), where known. */
  readonly sentAtMs?: number;
  /** The subject, where the message had one. */
  readonly subject?: string;
  /** The FIFO message group, where there is one. */
  readonly groupId?: string;
  /** How long the worker ran, in ms (outcome events). */
  readonly durationMs?: number;
  /** The worker's exit code (outcome events), or null when it was ended by a signal or never started. */
  readonly exitCode?: number | null;
  /** The signal that ended the worker, or null. */
  readonly signal?: string | null;
  /** Seconds until the message is visible again (returned, failed, timed-out). */
  readonly retryInSeconds?: number;
  /** Why it was returned (returned events). */
  readonly reason?: ReturnReason;
  /** The last lines of the worker's output (failed, timed-out, rejected). */
  readonly outputTail?: readonly string[];
  /** What went wrong outside the worker (spawn failure, queue errors), as one line. */
  readonly error?: string;
}

/** Receives lifecycle events. `emit` must be fast and must not throw; the watcher guards it anyway. */
export interface EventSink {
  /** Records one event. */
  emit(event: LifecycleEvent): void;
}

/** Sends each event to every sink, so one sink's failure never hides the event from the others. */
export function combineEventSinks(...sinks: readonly EventSink[]): EventSink {
  return {
    emit(event) {
      for (const sink of sinks) {
        try {
          sink.emit(event);
        } catch {
          // A broken sink (a full disk under a log file, say) must not stop processing or the other sinks.
        }
      }
    },
  };
}
