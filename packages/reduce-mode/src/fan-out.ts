/**
 * The fan-out helper: sets a job's total and sends one message per part, so a worker that
 * splits work writes no bookkeeping. Messages go in batches of 10 (SQS's batch limit), which
 * every queue port accepts.
 */
import type { OutgoingMessage } from '@watchbot/core';
import { checkJobId } from './job-rules.js';
import { toPartMessage } from './part-message.js';
import type { ProgressStore } from './progress-store.js';
import { ReduceModeError } from './reduce-mode-error.js';

/** Anything that sends messages: core's Queue port (SQS, SQLite, memory) or a topic wrapper. */
export interface MessageSender {
  /** Sends the messages (at most 10 per call); resolves to their ids, in order. */
  send(messages: readonly OutgoingMessage[]): Promise<string[]>;
}

/** Options of {@link fanOut}. */
export interface FanOutOptions {
  /** The subject every part message carries (handed to workers as `Subject`). */
  readonly subject?: string;
  /** Metadata stored with the job when its total is set. */
  readonly metadata?: Record<string, unknown>;
}

const batchSize = 10;

/**
 * Sets `jobId`'s total to `parts.length`, then sends part i (1-based) as a part message whose
 * body is `parts[i - 1]`. Safe to retry after a failure: the same total is a no-op, and a part
 * sent twice is completed once.
 */
export async function fanOut(
  store: ProgressStore,
  queue: MessageSender,
  jobId: string,
  parts: readonly string[],
  options: FanOutOptions = {},
): Promise<{ messageIds: string[] }> {
  checkJobId(jobId);
  if (parts.length === 0) throw new ReduceModeError('INVALID_OPTION', `job ${jobId}: cannot fan out no parts; expected at least 1`);
  await store.setTotal(jobId, parts.length, options.metadata);
  const totalParts = parts.length;
  const messages: OutgoingMessage[] = parts.map((body, index) => ({
    body: toPartMessage({ jobId, part: index + 1, totalParts, body }),
    ...(options.subject !== undefined && { subject: options.subject }),
  }));
  const messageIds: string[] = [];
  for (let start = 0; start < messages.length; start += batchSize) {
    messageIds.push(...(await queue.send(messages.slice(start, start + batchSize))));
  }
  return { messageIds };
}
