/**
 * Turns lifecycle events into log lines. Every failure line carries "[failure]" in both log
 * forms, so a CloudWatch metric filter on that text counts worker errors (the original's
 * structured mode dropped it, and its alarm never fired).
 */
import { formatDuration } from './format-duration.js';
import type { EventSink, LifecycleEvent } from './ports/events.js';
import type { LogEntry, Logger, LogLevel } from './ports/logger.js';

function seconds(ms: number | undefined): string {
  return formatDuration(ms ?? 0);
}

function howItEnded(event: LifecycleEvent): string {
  if (event.error !== undefined) return `could not start: ${event.error}`;
  if (event.signal) return `was killed by ${event.signal} after ${seconds(event.durationMs)}`;
  return `exited ${String(event.exitCode)} after ${seconds(event.durationMs)}`;
}

function retry(event: LifecycleEvent): string {
  return event.retryInSeconds === undefined ? '' : `; visible again in ${event.retryInSeconds} s`;
}

/** The level and text for one event. */
export function describeEvent(event: LifecycleEvent): { level: LogLevel; msg: string } {
  switch (event.type) {
    case 'received':
      return { level: 'debug', msg: `received (attempt ${event.receiveCount})` };
    case 'started':
      return { level: 'debug', msg: 'worker started' };
    case 'succeeded':
      return { level: 'info', msg: `[success] worker ${howItEnded(event)}` };
    case 'rejected':
      return { level: 'warn', msg: `[rejected] worker ${howItEnded(event)}; message deleted` };
    case 'returned':
      return event.reason === 'stopped'
        ? { level: 'warn', msg: `[stopped] the watcher is stopping; message returned to the queue${retry(event)}` }
        : { level: 'info', msg: `[noop] worker ${howItEnded(event)}; message returned${retry(event)}` };
    case 'failed':
      return { level: 'error', msg: `[failure] worker ${howItEnded(event)}${retry(event)}` };
    case 'timed-out':
      return { level: 'error', msg: `[failure] [timeout] worker ran past its max job duration and was ended after ${seconds(event.durationMs)}${retry(event)}` };
    case 'dead-lettered':
      return { level: 'error', msg: `[failure] [dead-letter] failed on attempt ${event.receiveCount}, the last allowed; it goes to the dead-letter queue` };
    default: {
      const unknown: never = event.type;
      return { level: 'warn', msg: `unknown event ${String(unknown)}` };
    }
  }
}

/** Creates an event sink that writes each lifecycle event to `logger`. */
export function createLogEventSink(logger: Logger): EventSink {
  return {
    emit(event) {
      const { level, msg } = describeEvent(event);
      const entry: LogEntry = {
        level,
        msg,
        event: event.type,
        messageId: event.messageId,
        receiveCount: event.receiveCount,
        ...(event.durationMs !== undefined && { durationMs: event.durationMs }),
        ...(event.exitCode !== undefined && { exitCode: event.exitCode }),
        ...(event.signal && { signal: event.signal }),
        ...(event.retryInSeconds !== undefined && { retryInSeconds: event.retryInSeconds }),
        ...(event.groupId !== undefined && { groupId: event.groupId }),
      };
      logger.log(entry);
    },
  };
}
