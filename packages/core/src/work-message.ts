/** The message as a worker sees it: the queue message with any SNS envelope unwrapped. */
import type { QueueMessage } from './ports/queue.js';
import { unwrapSnsEnvelope } from './sns-envelope.js';

/** A message ready for a worker. */
export interface WorkMessage {
  /** The queue message id. */
  readonly id: string;
  /** The body the worker processes: the SNS `Message` when the body was an SNS envelope. */
  readonly body: string;
  /** The subject: the SNS `Subject`, else the queue's own, else absent. */
  readonly subject?: string;
  /** How many times it has been received, this one included. */
  readonly receiveCount: number;
  /** When it was sent, in ms since the Unix epoch (the SNS timestamp for SNS messages). */
  readonly sentAtMs: number;
  /** When it was first received, in ms since the Unix epoch. */
  readonly firstReceivedAtMs: number;
  /** The FIFO message group, where there is one. */
  readonly groupId?: string;
  /** The message exactly as the queue delivered it. */
  readonly queueMessage: QueueMessage;
}

/** Turns a queue message into the message a worker sees (unwrapping an SNS envelope). */
export function toWorkMessage(message: QueueMessage): WorkMessage {
  const unwrapped = unwrapSnsEnvelope(message.body);
  const subject = unwrapped.subject ?? message.subject;
  return {
    id: message.id,
    body: unwrapped.message,
    ...(subject !== undefined && { subject }),
    receiveCount: message.receiveCount,
    sentAtMs: unwrapped.timestampMs ?? message.sentAtMs,
    firstReceivedAtMs: message.firstReceivedAtMs,
    ...(message.groupId !== undefined && { groupId: message.groupId }),
    queueMessage: message,
  };
}
