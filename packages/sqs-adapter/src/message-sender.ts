/**
 * Sends: every message checked first (nothing is sent when one would be refused), then
 * SendMessageBatch in chunks of at most 10 entries and 1 MiB, one chunk after another so send
 * order is kept. A subject travels as the String message attribute `Subject`; on FIFO queues
 * every message gets a random deduplication id (identical bodies sent on purpose are both
 * delivered; the SDK's retry of one request is deduplicated) and a group (its own, if none).
 */
import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { WatchbotError, errorCodes, sqsLimits } from '@watchbot/core';
import type { OutgoingMessage } from '@watchbot/core';
import { chunkBatches } from './batch-chunks.js';
import { toFifoGroupId } from './message-group.js';
import { checkOutgoingMessages, sqsMessageBytes, subjectAttribute } from './outgoing-message-check.js';
import { toEntryError, toWatchbotError } from './to-watchbot-error.js';

/** SQS's batch limits for SendMessageBatch: entries, and the payload of all entries together in bytes. */
const maxBatchEntries = 10;
const maxBatchBytes = sqsLimits.maxBodyBytes;

/** Sends messages to one queue; resolves with their ids, in order. */
export type MessageSender = (messages: readonly OutgoingMessage[]) => Promise<string[]>;

/** The SendMessageBatch entry for `message`, with `id` as its batch entry id. */
function toEntry(message: OutgoingMessage, id: string, isFifo: boolean): SendMessageBatchRequestEntry {
  const dedupId = randomUUID();
  return {
    Id: id,
    MessageBody: message.body,
    ...(message.subject !== undefined && message.subject !== '' && {
      MessageAttributes: { [subjectAttribute.name]: { DataType: subjectAttribute.dataType, StringValue: message.subject } },
    }),
    ...(isFifo
      ? { MessageGroupId: toFifoGroupId(message.groupId, dedupId), MessageDeduplicationId: dedupId }
      : {
          // On a standard queue a group is a fair-queue tenant: sent, but not an ordering.
          ...(message.groupId !== undefined && { MessageGroupId: message.groupId }),
          ...(message.delaySeconds !== undefined && message.delaySeconds > 0 && { DelaySeconds: message.delaySeconds }),
        }),
  };
}

/** Creates the sender for the queue at `queueUrl`. */
export function createMessageSender(sqs: SQSClient, queueUrl: string, isFifo: boolean): MessageSender {
  const action = `send to ${queueUrl}`;
  return async (messages) => {
    checkOutgoingMessages(messages, {
      maxMessageBytes: sqsLimits.maxBodyBytes,
      allowsDelay: !isFifo,
      delayRefusal: 'FIFO queues have no per-message delay (set DelaySeconds on the queue instead)',
    });
    const indexed = messages.map((message, index) => ({ message, index }));
    const ids: string[] = [];
    for (const chunk of chunkBatches(indexed, (item) => sqsMessageBytes(item.message), maxBatchEntries, maxBatchBytes)) {
      const sentBefore = ids.length;
      const failAfter = (sentInChunk: number, error: WatchbotError): never => {
        const sent = sentBefore + sentInChunk;
        throw new WatchbotError(error.code, `${sent} of ${messages.length} messages were sent; the rest were not: ${error.message}`, { cause: error });
      };
      let output;
      try {
        output = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((item) => toEntry(item.message, String(item.index), isFifo)) }));
      } catch (error) {
        return failAfter(0, toWatchbotError(error, action));
      }
      const idsByEntry = new Map((output.Successful ?? []).map((entry) => [entry.Id, entry.MessageId]));
      const failure = output.Failed?.[0];
      if (failure !== undefined) {
        failAfter(idsByEntry.size, toEntryError(failure, `${action}: message ${Number(failure.Id) + 1}`, errorCodes.INVALID_MESSAGE));
      }
      for (const item of chunk) {
        const id = idsByEntry.get(String(item.index));
        if (id === undefined) failAfter(ids.length - sentBefore, new WatchbotError(errorCodes.QUEUE_UNAVAILABLE, `${action}: SQS returned no id for message ${item.index + 1}`));
        else ids.push(id);
      }
    }
    return ids;
  };
}
