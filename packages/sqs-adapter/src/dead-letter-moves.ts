/**
 * The three calls that act on held dead letters, each one batch call of at most 10 entries:
 * a copy of each message to the work queue (SendMessageBatch: the same body and message
 * attributes, its group and a fresh deduplication id on FIFO queues), its removal from the
 * dead-letter queue (DeleteMessageBatch) and its hand-back (ChangeMessageVisibilityBatch, 0).
 */
import { randomUUID } from 'node:crypto';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { MessageAttributeValue, SQSClient, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { Logger } from '@watchbot/core';
import type { HeldDeadLetter } from './held-dead-letters.js';
import { toFifoGroupId } from './message-group.js';
import { utf8Bytes } from './outgoing-message-check.js';
import { toEntryError, toWatchbotError } from './to-watchbot-error.js';

/** SQS's most entries per batch call. */
export const maxBatchEntries = 10;

/** A held letter that failed, and why. */
export interface LetterFailure {
  readonly letter: HeldDeadLetter;
  readonly error: Error;
}

/** What one batch call did. */
export interface BatchOutcome {
  /** The letters it acted on; for a send, each with the id SQS gave the copy. */
  readonly done: readonly { readonly letter: HeldDeadLetter; readonly newId?: string }[];
  /** The letters it could not act on. */
  readonly failed: readonly LetterFailure[];
}

/** The size SQS counts for a message: body plus message attributes (names, types, values), in bytes. */
export function heldMessageBytes(letter: HeldDeadLetter): number {
  let bytes = utf8Bytes(letter.message.Body ?? '');
  for (const [name, value] of Object.entries(letter.message.MessageAttributes ?? {})) {
    bytes += utf8Bytes(name) + utf8Bytes(value.DataType ?? '') + utf8Bytes(value.StringValue ?? '') + (value.BinaryValue?.byteLength ?? 0);
  }
  return bytes;
}

/** The message attributes as SendMessageBatch takes them (received ones carry only type and value). */
function toSendAttributes(attributes: Record<string, MessageAttributeValue> | undefined): Record<string, MessageAttributeValue> | undefined {
  if (attributes === undefined || Object.keys(attributes).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined && { StringValue: value.StringValue }),
        ...(value.BinaryValue !== undefined && { BinaryValue: value.BinaryValue }),
      },
    ]),
  );
}

function toEntry(letter: HeldDeadLetter, index: number, workQueueIsFifo: boolean): SendMessageBatchRequestEntry {
  const attributes = toSendAttributes(letter.message.MessageAttributes);
  const groupId = letter.message.Attributes?.MessageGroupId;
  const dedupId = randomUUID();
  return {
    Id: String(index),
    MessageBody: letter.message.Body ?? '',
    ...(attributes !== undefined && { MessageAttributes: attributes }),
    // The group as SQS kept it (a Watchbot message sent without one keeps its own group);
    // a fresh deduplication id, or SQS would drop the copy as a repeat of the original send.
    ...(workQueueIsFifo
      ? { MessageGroupId: toFifoGroupId(groupId, dedupId), MessageDeduplicationId: dedupId }
      : groupId !== undefined && { MessageGroupId: groupId }),
  };
}

function entryFailures(letters: readonly HeldDeadLetter[], failed: readonly { Id?: string | undefined; Code?: string | undefined; Message?: string | undefined; SenderFault?: boolean | undefined }[] | undefined, action: string, prefix = ''): Map<number, LetterFailure> {
  const failures = new Map<number, LetterFailure>();
  for (const failure of failed ?? []) {
    const index = Number(failure.Id);
    const letter = letters[index];
    if (letter === undefined) continue;
    const error = toEntryError(failure, `${prefix}${action}: message ${letter.letter.id}`, errorCodes.QUEUE_UNAVAILABLE);
    failures.set(index, { letter, error });
  }
  return failures;
}

/**
 * Sends a copy of each letter (at most 10, at most 1 MiB together) to the work queue.
 * @throws WatchbotError when the call fails as a whole (nothing was sent).
 */
export async function sendCopies(sqs: SQSClient, queueUrl: string, workQueueIsFifo: boolean, letters: readonly HeldDeadLetter[]): Promise<BatchOutcome> {
  const action = `replay to ${queueUrl}`;
  let output;
  try {
    output = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: letters.map((letter, index) => toEntry(letter, index, workQueueIsFifo)) }));
  } catch (error) {
    throw toWatchbotError(error, action);
  }
  const failures = entryFailures(letters, output.Failed, action);
  const newIds = new Map((output.Successful ?? []).map((entry) => [Number(entry.Id), entry.MessageId]));
  const done = letters.flatMap((letter, index) => {
    if (failures.has(index)) return [];
    const newId = newIds.get(index);
    return [{ letter, ...(newId !== undefined && { newId }) }];
  });
  return { done, failed: [...failures.values()] };
}

/**
 * Deletes the letters (at most 10) from the dead-letter queue. `afterReplay` words the
 * failures of a removal that follows a replay: the message is then in both queues.
 * @throws WatchbotError when the call fails as a whole.
 */
export async function removeDeadLetters(sqs: SQSClient, deadLetterQueueUrl: string, letters: readonly HeldDeadLetter[], afterReplay = false): Promise<BatchOutcome> {
  const action = `delete from the dead-letter queue ${deadLetterQueueUrl}`;
  const prefix = afterReplay ? 'replayed, but still in the dead-letter queue (it is now in both queues): ' : '';
  let output;
  try {
    output = await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: deadLetterQueueUrl, Entries: letters.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.receiptHandle })) }),
    );
  } catch (error) {
    const translated = toWatchbotError(error, action);
    if (!afterReplay) throw translated;
    // The copies are on the work queue already: report each letter, and let the caller go on.
    const inBoth = new WatchbotError(translated.code, `${prefix}${translated.message}`, { cause: translated });
    return { done: [], failed: letters.map((letter) => ({ letter, error: inBoth })) };
  }
  const failures = entryFailures(letters, output.Failed, action, prefix);
  return { done: letters.filter((_, index) => !failures.has(index)).map((letter) => ({ letter })), failed: [...failures.values()] };
}

/** Hands the letters back to the dead-letter queue at once (visibility 0), 10 a call; failures are logged, as the holds run out by themselves. */
export async function releaseDeadLetters(sqs: SQSClient, deadLetterQueueUrl: string, letters: readonly HeldDeadLetter[], logger?: Logger): Promise<void> {
  for (let start = 0; start < letters.length; start += maxBatchEntries) {
    const chunk = letters.slice(start, start + maxBatchEntries);
    try {
      const output = await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: deadLetterQueueUrl,
          Entries: chunk.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.receiptHandle, VisibilityTimeout: 0 })),
        }),
      );
      if ((output.Failed?.length ?? 0) > 0) {
        logger?.log({ level: 'warn', msg: `${output.Failed?.length} dead letters could not be handed back to ${deadLetterQueueUrl}; they become visible when their hold runs out` });
      }
    } catch (error) {
      logger?.log({ level: 'warn', msg: `${toWatchbotError(error, `hand back dead letters to ${deadLetterQueueUrl}`).message}; they become visible when their hold runs out` });
    }
  }
}
