/** A watcher's lifecycle event as a job-history event. */
import type { LifecycleEvent } from '@watchbot/core';
import type { JobEvent } from './job-store.js';
import { limitOutputTail, limitText } from './output-tail-limit.js';

function describeReason(event: LifecycleEvent): string | undefined {
  if (event.reason === 'stopped') return 'returned to the queue: the watcher was stopping';
  if (event.reason === 'noop') return 'no-op: the worker asked for the message back (exit 4)';
  return undefined;
}

/**
 * Maps one lifecycle event: the attempt is the receive count; exit code, signal, duration,
 * retry and output tail are carried as they are (the tail, subject and detail bounded); an error outside the
 * worker, or why a message was returned, becomes `detail`.
 * @param host where it ran, e.g. "ip-10-0-0-12:4242".
 */
export function toJobEvent(event: LifecycleEvent, host: string): JobEvent {
  const detail = event.error ?? describeReason(event);
  return {
    jobId: event.messageId,
    timeMs: event.timeMs,
    type: event.type,
    source: 'watcher',
    attempt: event.receiveCount,
    ...(event.exitCode !== undefined && { exitCode: event.exitCode }),
    ...(typeof event.signal === 'string' && { signal: event.signal }),
    ...(event.durationMs !== undefined && { durationMs: event.durationMs }),
    ...(event.retryInSeconds !== undefined && { retryInSeconds: event.retryInSeconds }),
    ...(event.outputTail !== undefined && { outputTail: limitOutputTail(event.outputTail) }),
    ...(detail !== undefined && { detail: limitText(detail) }),
    ...(event.subject !== undefined && { subject: limitText(event.subject) }),
    host,
  };
}
