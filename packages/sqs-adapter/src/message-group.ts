/**
 * Message groups on FIFO queues and topics. SQS requires a group on every FIFO message; a
 * Watchbot message sent without one travels in a group of its own — ordered after nothing,
 * blocking nothing — under a reserved prefix, so a receive reports it as ungrouped again.
 */

/** The prefix of the group a message sent without `groupId` gets on a FIFO queue or topic. */
export const ungroupedPrefix = 'watchbot-ungrouped:';

/** The MessageGroupId to send on a FIFO queue or topic: the message's own, or a fresh group for it alone. */
export function toFifoGroupId(groupId: string | undefined, uniqueId: string): string {
  return groupId ?? `${ungroupedPrefix}${uniqueId}`;
}

/** The `groupId` a received FIFO message reports: undefined for one sent without a group. */
export function fromFifoGroupId(messageGroupId: string | undefined): string | undefined {
  return messageGroupId === undefined || messageGroupId.startsWith(ungroupedPrefix) ? undefined : messageGroupId;
}
