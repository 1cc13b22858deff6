/**
 * Sending through a queue's own send path (the adapter a producer would use), keeping count of
 * what the queue accepted and what it refused — a refusal at send is a defined outcome too:
 * the producer is told, and nothing enters the queue.
 */
import { isWatchbotError } from '@watchbot/core';
import type { OutgoingMessage, Queue } from '@watchbot/core';

/** What the queue did with each message. */
export interface SendResult {
  /** The ids of the accepted messages, in order. */
  readonly ids: readonly string[];
  /** For each message, its id, or undefined when the queue refused it. */
  readonly idByIndex: readonly (string | undefined)[];
  /** The refused messages: their position and the error code the queue gave. */
  readonly refused: readonly { readonly index: number; readonly code: string; readonly message: string }[];
}

/**
 * Sends `messages` in batches of `batchSize`. A batch the queue refuses as a whole (one bad
 * message fails its batch) is sent again one message at a time, so that only the bad ones are
 * refused. Errors other than the queue's refusals (INVALID_MESSAGE, MESSAGE_TOO_LARGE) are thrown.
 */
export async function sendMessages(queue: Queue, messages: readonly OutgoingMessage[], batchSize = 10): Promise<SendResult> {
  const idByIndex: (string | undefined)[] = [];
  const refused: { index: number; code: string; message: string }[] = [];
  for (let start = 0; start < messages.length; start += batchSize) {
    const batch = messages.slice(start, start + batchSize);
    try {
      idByIndex.push(...(await queue.send(batch)));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      for (const [offset, message] of batch.entries()) {
        try {
          const [id] = await queue.send([message]);
          idByIndex.push(id);
        } catch (single) {
          if (!isRefusal(single)) throw single;
          idByIndex.push(undefined);
          refused.push({ index: start + offset, code: single.code, message: single.message });
        }
      }
    }
  }
  return { ids: idByIndex.filter((id): id is string => id !== undefined), idByIndex, refused };
}

function isRefusal(error: unknown): error is Error & { code: string } {
  return isWatchbotError(error, 'INVALID_MESSAGE') || isWatchbotError(error, 'MESSAGE_TOO_LARGE');
}

/** `count` messages "<prefix>-<n> <seconds>": the worker reads its work time from the second word. */
export function workMessages(prefix: string, count: number, seconds: (index: number) => number): OutgoingMessage[] {
  return Array.from({ length: count }, (_, index) => ({ body: `${prefix}-${index} ${seconds(index).toFixed(3)}` }));
}
