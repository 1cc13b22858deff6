/**
 * Publishing to an SNS topic (`watchbot send --topic`): every message checked first, then
 * PublishBatch in chunks of at most 10 entries and 256 KiB (SNS's default topic limit; a larger
 * message, up to the 1 MiB a topic can be configured for, travels alone), in order. FIFO topics
 * (ARN ending in `.fifo`) get a group (the message's own, if none) and a random deduplication id.
 */
import { randomUUID } from 'node:crypto';
import { PublishBatchCommand } from '@aws-sdk/client-sns';
import type { PublishBatchRequestEntry, SNSClient } from '@aws-sdk/client-sns';
import { WatchbotError, errorCodes, invalidOption } from '@watchbot/core';
import type { OutgoingMessage } from '@watchbot/core';
import { createSnsClient } from './aws-clients.js';
import { chunkBatches } from './batch-chunks.js';
import { toFifoGroupId } from './message-group.js';
import { checkOutgoingMessages, sqsMessageBytes } from './outgoing-message-check.js';
import { isValidSnsSubject } from './sns-subject.js';
import { toEntryError, toWatchbotError } from './to-watchbot-error.js';

/** SNS's batch limits: entries per PublishBatch, and the default payload of a whole batch in bytes. */
const maxBatchEntries = 10;
const maxBatchBytes = 262_144;

/** The largest message a topic can be configured to take (MaximumMessageSize), in bytes. */
const maxMessageBytes = 1_048_576;

/** Options for {@link createSnsPublisher}. */
export interface SnsPublisherOptions {
  /** The topic's ARN, e.g. `arn:aws:sns:us-east-1:123456789012:work`. */
  readonly topicArn: string;
  /** The SNS client to use (never destroyed by the publisher). Default: one in the ARN's region, 3 attempts per call. */
  readonly client?: SNSClient;
}

/** Publishes messages to one topic. */
export interface SnsPublisher {
  /** The topic's ARN. */
  readonly topicArn: string;
  /** True for a FIFO topic. */
  readonly isFifo: boolean;
  /**
   * Publishes messages in order; resolves with their SNS message ids. `subject` becomes the SNS
   * Subject (delivered in the envelope), `groupId` the MessageGroupId. Throws INVALID_MESSAGE (a
   * subject SNS refuses, a `delaySeconds`), MESSAGE_TOO_LARGE (over 1 MiB) before publishing
   * anything, and for a failed call or entry a WatchbotError saying how many were published.
   */
  publish(messages: readonly OutgoingMessage[]): Promise<string[]>;
  /** Releases the client's connections if the publisher made the client. */
  close(): void;
}

/** True for `arn:<partition>:sns:<region>:<account>:<topic name>`. */
function isTopicArn(value: string): boolean {
  return /^arn:[\w-]+:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/.test(value);
}

function toEntry(message: OutgoingMessage, id: string, isFifo: boolean): PublishBatchRequestEntry {
  const dedupId = randomUUID();
  return {
    Id: id,
    Message: message.body,
    ...(message.subject !== undefined && message.subject !== '' && { Subject: message.subject }),
    ...(isFifo ? { MessageGroupId: toFifoGroupId(message.groupId, dedupId), MessageDeduplicationId: dedupId } : message.groupId !== undefined && { MessageGroupId: message.groupId }),
  };
}

/** Creates a publisher for `options.topicArn`. @throws WatchbotError INVALID_OPTION for an ARN that is not a topic's. */
export function createSnsPublisher(options: SnsPublisherOptions): SnsPublisher {
  const { topicArn } = options;
  if (typeof topicArn !== 'string' || !isTopicArn(topicArn)) {
    throw invalidOption('topicArn', topicArn, 'an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:work');
  }
  const sns = options.client ?? createSnsClient(topicArn);
  const isFifo = topicArn.endsWith('.fifo');
  const action = `publish to ${topicArn}`;

  const publish = async (messages: readonly OutgoingMessage[]): Promise<string[]> => {
    checkOutgoingMessages(messages, { maxMessageBytes, allowsDelay: false, delayRefusal: 'SNS has no per-message delay' });
    messages.forEach((message, index) => {
      if (message.subject !== undefined && message.subject !== '' && !isValidSnsSubject(message.subject)) {
        throw new WatchbotError(errorCodes.INVALID_MESSAGE, `message ${index + 1} of ${messages.length}: SNS subjects must be printable ASCII, under 100 characters, on one line; got ${JSON.stringify(message.subject)}`);
      }
    });
    const ids: string[] = [];
    const indexed = messages.map((message, index) => ({ message, index }));
    for (const chunk of chunkBatches(indexed, (item) => sqsMessageBytes(item.message), maxBatchEntries, maxBatchBytes)) {
      const fail = (published: number, error: WatchbotError): never => {
        throw new WatchbotError(error.code, `${published} of ${messages.length} messages were published; the rest were not: ${error.message}`, { cause: error });
      };
      let output;
      try {
        output = await sns.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: chunk.map((item) => toEntry(item.message, String(item.index), isFifo)) }));
      } catch (error) {
        return fail(ids.length, toWatchbotError(error, action));
      }
      const idsByEntry = new Map((output.Successful ?? []).map((entry) => [entry.Id, entry.MessageId]));
      const failure = output.Failed?.[0];
      if (failure !== undefined) fail(ids.length + idsByEntry.size, toEntryError(failure, `${action}: message ${Number(failure.Id) + 1}`, errorCodes.INVALID_MESSAGE));
      for (const item of chunk) {
        const id = idsByEntry.get(String(item.index));
        if (id === undefined) fail(ids.length, new WatchbotError(errorCodes.QUEUE_UNAVAILABLE, `${action}: SNS returned no id for message ${item.index + 1}`));
        else ids.push(id);
      }
    }
    return ids;
  };

  return {
    topicArn,
    isFifo,
    publish,
    close() {
      if (options.client === undefined) sns.destroy();
    },
  };
}
