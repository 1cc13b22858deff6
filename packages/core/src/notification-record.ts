/** A notification as plain JSON: what `watchbot status --json` prints and what SNS notifications carry. */
import type { Notification } from './ports/notifier.js';

/** The JSON shape of a notification; `time` is ISO-8601. */
export interface NotificationRecord {
  readonly kind: Notification['kind'];
  readonly messageId: string;
  readonly subject?: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly receiveCount: number;
  readonly outputTail: readonly string[];
  readonly summary: string;
  readonly time: string;
}

/** Turns a notification into its JSON record, optionally with a shortened output tail. */
export function toNotificationRecord(notification: Notification, outputTail: readonly string[] = notification.outputTail): NotificationRecord {
  return {
    kind: notification.kind,
    messageId: notification.messageId,
    ...(notification.subject !== undefined && { subject: notification.subject }),
    exitCode: notification.exitCode,
    signal: notification.signal,
    receiveCount: notification.receiveCount,
    outputTail,
    summary: notification.summary,
    time: new Date(notification.timeMs).toISOString(),
  };
}
