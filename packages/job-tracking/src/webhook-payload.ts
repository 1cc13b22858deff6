/**
 * The JSON a webhook notification posts: the notification's fields for programs, and a `text`
 * field that chat tools (Slack, Mattermost, Teams workflows, Discord with `content`) display as is.
 */
import type { Notification } from '@watchbot/core';

/** The most output lines a webhook carries; the history holds them all. */
const maxPayloadLines = 20;
/** The most characters of one line a webhook carries. */
const maxPayloadLineLength = 500;
/** The most output lines shown in `text`. */
const maxTextLines = 5;

/** The body of one webhook post. */
export interface WebhookPayload {
  /** rejected, failed or dead-lettered. */
  readonly kind: string;
  /** The queue message id. */
  readonly messageId: string;
  /** The message's subject, where it had one. */
  readonly subject?: string;
  /** The one-line summary, e.g. "[failure] worker exited 1 after 0.120 s (attempt 2)". */
  readonly summary: string;
  /** The worker's exit code, or null when a signal ended it or it never started. */
  readonly exitCode: number | null;
  /** The signal that ended the worker, or null. */
  readonly signal: string | null;
  /** How many times the message has been received. */
  readonly receiveCount: number;
  /** The last lines of output (at most 20, each at most 500 characters), oldest first. */
  readonly outputTail: readonly string[];
  /** Where to see the job's history, where it is kept. */
  readonly history?: string;
  /** When it happened, ISO-8601. */
  readonly time: string;
  /** The summary, the message id, the history pointer and the last output lines, for people. */
  readonly text: string;
}

function cut(line: string): string {
  return line.length > maxPayloadLineLength ? `${line.slice(0, maxPayloadLineLength)}…` : line;
}

/** The payload for `notification`. */
export function toWebhookPayload(notification: Notification): WebhookPayload {
  const outputTail = notification.outputTail.slice(-maxPayloadLines).map(cut);
  const subject = notification.subject === undefined ? '' : ` (${notification.subject})`;
  const lines = [`Watchbot: ${notification.summary} — message ${notification.messageId}${subject}`];
  if (notification.history !== undefined) lines.push(`History: ${notification.history}`);
  const shown = outputTail.slice(-maxTextLines);
  if (shown.length > 0) lines.push('```', ...shown.map((line) => line.replaceAll('```', "'''")), '```');
  return {
    kind: notification.kind,
    messageId: notification.messageId,
    ...(notification.subject !== undefined && { subject: notification.subject }),
    summary: notification.summary,
    exitCode: notification.exitCode,
    signal: notification.signal,
    receiveCount: notification.receiveCount,
    outputTail,
    ...(notification.history !== undefined && { history: notification.history }),
    time: new Date(notification.timeMs).toISOString(),
    text: lines.join('\n'),
  };
}
