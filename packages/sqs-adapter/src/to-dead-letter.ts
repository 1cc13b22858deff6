/**
 * From a message received from a dead-letter queue to core's DeadLetter: SQS keeps the
 * message id, the sent timestamp, the receive count and the message attributes when it moves
 * a message to the dead-letter queue; it records no time of the move.
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { DeadLetter } from '@watchbot/core';
import { fromFifoGroupId } from './message-group.js';
import { subjectAttribute } from './outgoing-message-check.js';

/** The system attributes a dead-letter receive asks for. */
export const deadLetterSystemAttributes = ['ApproximateReceiveCount', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp', 'MessageGroupId'] as const;

function toPositiveNumber(value: string | undefined): number | undefined {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** Converts one message received from a dead-letter queue (`isFifo`: whether its group is a group). */
export function toDeadLetter(message: Message, isFifo: boolean): DeadLetter {
  const attributes = message.Attributes ?? {};
  const subjectValue = message.MessageAttributes?.[subjectAttribute.name];
  const subject = subjectValue?.DataType?.startsWith('String') ? subjectValue.StringValue : undefined;
  const groupId = isFifo ? fromFifoGroupId(attributes.MessageGroupId) : undefined;
  const firstReceivedAtMs = toPositiveNumber(attributes.ApproximateFirstReceiveTimestamp);
  return {
    id: message.MessageId ?? '',
    body: message.Body ?? '',
    ...(subject !== undefined && subject !== '' && { subject }),
    ...(groupId !== undefined && { groupId }),
    sentAtMs: toPositiveNumber(attributes.SentTimestamp) ?? 0,
    ...(firstReceivedAtMs !== undefined && { firstReceivedAtMs }),
    receiveCount: toPositiveNumber(attributes.ApproximateReceiveCount) ?? 0,
  };
}
