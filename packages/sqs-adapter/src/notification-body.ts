/**
 * The JSON a notification is published as, kept under SNS's default 256-KiB message limit: long
 * output lines are cut, and the oldest lines of the output tail dropped, until it fits.
 */
import { toNotificationRecord } from '@watchbot/core';
import type { Notification } from '@watchbot/core';
import { utf8Bytes } from './outgoing-message-check.js';

/** The most bytes a notification body may take (SNS's default limit, less room for the envelope). */
export const maxNotificationBytes = 240_000;

/** The most characters kept of one output line. */
const maxLineLength = 2_000;

function cutLine(line: string): string {
  return line.length > maxLineLength ? `${line.slice(0, maxLineLength)}… [${line.length - maxLineLength} more characters]` : line;
}

/** The published JSON of one notification: kind, messageId, subject, exitCode, signal, receiveCount, outputTail, summary, history (where given), time (ISO-8601). */
export function toNotificationBody(notification: Notification): string {
  const render = (outputTail: readonly string[]): string => JSON.stringify(toNotificationRecord(notification, outputTail));
  let tail = notification.outputTail.map(cutLine);
  let body = render(tail);
  while (utf8Bytes(body) > maxNotificationBytes && tail.length > 0) {
    tail = tail.slice(Math.max(1, Math.floor(tail.length / 4)));
    body = render(tail);
  }
  return body;
}

/** The published JSON of a suppression summary: kind "suppressed", how many, since when, and a summary line. */
export function toSuppressionBody(count: number, sinceMs: number, nowMs: number, maxPerMinute: number): string {
  return JSON.stringify({
    kind: 'suppressed',
    suppressed: count,
    since: new Date(sinceMs).toISOString(),
    summary: `${count} notification${count === 1 ? ' was' : 's were'} suppressed by the limit of ${maxPerMinute} per minute`,
    time: new Date(nowMs).toISOString(),
  });
}
