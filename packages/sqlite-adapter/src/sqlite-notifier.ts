/**
 * The notifier on one machine: each notification is a row in the `notifications` table of
 * the queue's file, where `watchbot` (or any SQLite client) can read them back. The optional
 * `history` column (where to see the job's history) is added to older files on first use.
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

function hasHistoryColumn(db: DatabaseSync): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(\'notifications\') WHERE name = \'history\'').get() !== undefined;
}

/**
 * Adds the nullable `history` column when the file lacks it. An added nullable column keeps the
 * file readable by every version (they select the columns they know), so the schema version
 * stays. False when it cannot be added (a read-only file): notifications are then stored without it.
 */
function ensureHistoryColumn(db: DatabaseSync): boolean {
  if (hasHistoryColumn(db)) return true;
  try {
    db.exec('ALTER TABLE notifications ADD COLUMN history TEXT');
    return true;
  } catch {
    // Another process may have added it meanwhile; a read-only file cannot take it.
    return hasHistoryColumn(db);
  }
}

/** Creates the notifier writing to `db`; `toError` translates a refused write. */
export function createSqliteNotifier(db: DatabaseSync, toError: (error: unknown) => Error): Notifier {
  const withHistory = ensureHistoryColumn(db);
  const insert = db.prepare(
    withHistory
      ? `INSERT INTO notifications (kind, message_id, subject, exit_code, signal, receive_count, output_tail, summary, time_ms, history)
     VALUES (:kind, :messageId, :subject, :exitCode, :signal, :receiveCount, :outputTail, :summary, :timeMs, :history)`
      : `INSERT INTO notifications (kind, message_id, subject, exit_code, signal, receive_count, output_tail, summary, time_ms)
     VALUES (:kind, :messageId, :subject, :exitCode, :signal, :receiveCount, :outputTail, :summary, :timeMs)`,
  );
  return {
    async notify(notification) {
      try {
        insert.run({
          ...(withHistory && { history: notification.history ?? null }),
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
    const history = toOptionalString(row['history']);
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
      ...(history !== undefined && { history }),
    };
  });
}
