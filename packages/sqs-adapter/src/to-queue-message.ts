/**
 * From SQS's wire shape to core's QueueMessage: the id, body and receipt handle, the system
 * attributes the worker environment needs, the subject (a String message attribute), and the
 * group (FIFO queues only: on a standard queue a MessageGroupId names a fair-queue tenant and
 * promises no exclusivity, so it is not reported as one).
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { QueueMessage } from '@watchbot/core';
import { fromFifoGroupId } from './message-group.js';
import { subjectAttribute } from './outgoing-message-check.js';

/** The system attributes every receive asks for. */
export const receiveSystemAttributes = ['ApproximateReceiveCount', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp', 'MessageGroupId'] as const;

/** The message attributes every receive asks for: the subject a message was sent with. */
export const receiveMessageAttributes = [subjectAttribute.name] as const;

function toPositiveNumber(value: string | undefined): number | undefined {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** Converts one received message. `receivedAtMs` stands in for a timestamp SQS left out (and says so in `decodeWarnings`). */
export function toQueueMessage(message: Message, isFifo: boolean, receivedAtMs: number): QueueMessage {
  const attributes = message.Attributes ?? {};
  const warnings: string[] = [];
  const read = (name: 'SentTimestamp' | 'ApproximateFirstReceiveTimestamp' | 'ApproximateReceiveCount', fallback: number): number => {
    const value = toPositiveNumber(attributes[name]);
    if (value !== undefined) return value;
    warnings.push(`SQS returned no ${name} for the message; using ${fallback}`);
    return fallback;
  };
  const sentAtMs = read('SentTimestamp', receivedAtMs);
  const firstReceivedAtMs = read('ApproximateFirstReceiveTimestamp', receivedAtMs);
  const receiveCount = read('ApproximateReceiveCount', 1);
  const subjectValue = message.MessageAttributes?.[subjectAttribute.name];
  const subject = subjectValue?.DataType?.startsWith('String') ? subjectValue.StringValue : undefined;
  const groupId = isFifo ? fromFifoGroupId(attributes.MessageGroupId) : undefined;
  return {
    id: message.MessageId ?? '',
    body: message.Body ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    receiveCount,
    sentAtMs,
    firstReceivedAtMs,
    ...(subject !== undefined && subject !== '' && { subject }),
    ...(groupId !== undefined && { groupId }),
    ...(warnings.length > 0 && { decodeWarnings: warnings }),
  };
}
