/**
 * The notifier on one machine: each notification is a row in the `notifications` table of
 * the queue's file, where `watchbot` (or any SQLite client) can read them back.
 */
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { Notification, NotificationKind, Notifier } from '@watchbot/core';
import { toNumber, toOptionalString, toText } from './row-values.js';

/** A notification as stored, with its row id. */
export interface StoredNotification extends Notification {
  /** The row id: increases with every notification stored. */
  readonly id: number;
}

const kinds: readonly NotificationKind[] = ['rejected', 'failed', 'dead-lettered'];

/** Creates the notifier writing to `db`; `toError` translates a refused write. */
export function createSqliteNotifier(db: DatabaseSync, toError: (error: unknown) => Error): Notifier {
  const insert = db.prepare(
    `INSERT INTO notifications (kind, message_id, subject, exit_code, signal, receive_count, output_tail, summary, time_ms)
     VALUES (:kind, :messageId, :subject, :exitCode, :signal, :receiveCount, :outputTail, :summary, :timeMs)`,
  );
  return {
    async notify(notification) {
      try {
        insert.run({
          kind: notification.kind,
          messageId: notification.messageId,
          subject: notification.subject ?? null,
          exitCode: notification.exitCode,
          signal: notification.signal,
          receiveCount: notification.receiveCount,
          outputTail: JSON.stringify(notification.outputTail),
          summary: notification.summary,
          timeMs: notification.timeMs,
        });
      } catch (error) {
        throw toError(error);
      }
    },
  };
}

function parseOutputTail(stored: SQLOutputValue | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(toText(stored));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** Reads up to `limit` notifications, newest first. */
export function readRecentNotifications(db: DatabaseSync, limit: number): StoredNotification[] {
  const rows = db.prepare('SELECT * FROM notifications ORDER BY seq DESC LIMIT ?').all(limit);
  return rows.map((row) => {
    const kind = toText(row['kind']);
    const subject = toOptionalString(row['subject']);
    const exitCode = row['exit_code'];
    return {
      id: toNumber(row['seq']),
      kind: kinds.find((known) => known === kind) ?? 'failed',
      messageId: toText(row['message_id']),
      ...(subject !== undefined && { subject }),
      exitCode: exitCode === null || exitCode === undefined ? null : toNumber(exitCode),
      signal: toOptionalString(row['signal']) ?? null,
      receiveCount: toNumber(row['receive_count']),
      outputTail: parseOutputTail(row['output_tail']),
      summary: toText(row['summary']),
      timeMs: toNumber(row['time_ms']),
    };
  });
}
