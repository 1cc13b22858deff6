/** How `watchbot status` shows a queue: a few aligned lines for people, or one JSON object. */
import { toNotificationRecord } from '@watchbot/core';
import type { Notification, QueueCounts } from '@watchbot/core';

/** What `status` reports about one queue. */
export interface QueueStatus {
  /** The queue as the user named it. */
  readonly queue: string;
  /** Where it is stored. */
  readonly path: string;
  /** Whether the queue exists yet (a queue is created by its first send or run). */
  readonly exists: boolean;
  /** Messages in each state. */
  readonly counts: QueueCounts;
  /** The latest notifications, newest first. */
  readonly notifications: readonly Notification[];
  /** Set when the queue keeps no notifications (SQS: they go to SNS): what to tell the reader instead. */
  readonly notificationsNote?: string;
}

/** The status as one JSON object: `{queue, path, exists, visible, inFlight, delayed, deadLettered, notifications[]}` (see toNotificationRecord). */
export function formatStatusJson(status: QueueStatus): string {
  return JSON.stringify({
    queue: status.queue,
    path: status.path,
    exists: status.exists,
    visible: status.counts.visible,
    inFlight: status.counts.inFlight,
    delayed: status.counts.delayed,
    deadLettered: status.counts.deadLettered ?? 0,
    notifications: status.notifications.map((notification) => toNotificationRecord(notification)),
  });
}

/** The status as readable lines. */
export function formatStatusText(status: QueueStatus): string {
  const lines = [
    `queue ${status.queue} (${status.path})${status.exists ? '' : ': not created yet'}`,
    `  visible        ${status.counts.visible}`,
    `  in flight      ${status.counts.inFlight}`,
    `  delayed        ${status.counts.delayed}`,
    `  dead-lettered  ${status.counts.deadLettered ?? 0}`,
  ];
  if (status.notificationsNote !== undefined) {
    lines.push('', status.notificationsNote);
  } else if (status.notifications.length === 0) {
    lines.push('', 'no notifications');
  } else {
    lines.push('', 'recent notifications (newest first):');
    for (const notification of status.notifications) {
      lines.push(`  ${new Date(notification.timeMs).toISOString()}  ${notification.kind.padEnd(13)}  ${notification.messageId}  ${notification.summary}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
