/**
 * The notifier port: tells people about messages that need attention (rejections,
 * failures, dead letters). SNS on AWS; a table on one machine.
 */

/** Why a notification was sent. */
export type NotificationKind = 'rejected' | 'failed' | 'dead-lettered';

/** One notification about one message. */
export interface Notification {
  /** Why it was sent. */
  readonly kind: NotificationKind;
  /** The queue message id. */
  readonly messageId: string;
  /** The message's subject, where it had one. */
  readonly subject?: string;
  /** The worker's exit code, or null when it was ended by a signal or never started. */
  readonly exitCode: number | null;
  /** The signal that ended the worker, e.g. "SIGKILL". */
  readonly signal: string | null;
  /** How many times the message has been received. */
  readonly receiveCount: number;
  /** The last lines the worker wrote (stdout and stderr interleaved), oldest first. */
  readonly outputTail: readonly string[];
  /** A one-line human summary, e.g. "[failure] worker exited 1 after 1.234 s (attempt 2)". */
  readonly summary: string;
  /** When it happened, in ms since the Unix epoch. */
  readonly timeMs: number;
  /** Where to see this job's history, e.g. "watchbot jobs show <id> --queue jobs"; absent when no history is kept. */
  readonly history?: string;
}

/** Delivers notifications. Implementations must not throw for a delivery problem they can log. */
export interface Notifier {
  /** Sends one notification. */
  notify(notification: Notification): Promise<void>;
}
