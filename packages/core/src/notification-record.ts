/** A notification as plain JSON: what `watchbot status --json` prints and what SNS notifications carry. */
import type { Notification } from './ports/notifier.js';

/** The JSON shape of a notification: its fields, with `timeMs` given as `time`, ISO-8601. */
export type NotificationRecord = Omit<Notification, 'timeMs'> & { readonly time: string };

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
    ...(notification.history !== undefined && { history: notification.history }),
    time: new Date(notification.timeMs).toISOString(),
  };
}
