/**
 * The embedded queue: core's Queue port over one SQLite file (node:sqlite, no native
 * addon), with the notifier, the dead letters and the notifications sharing the file. Its
 * semantics are the memory queue's; the shared contract suite checks both.
 */
import type { DatabaseSync } from 'node:sqlite';
import { invalidOption } from '@watchbot/core';
import type { Notifier, Queue, QueueCounts, QueueLimits, QueueMessage } from '@watchbot/core';
import { readDeadLetters } from './dead-letters.js';
import type { DeadLetter } from './dead-letters.js';
import { createMessageClaimer } from './message-claimer.js';
import { createMessageSender } from './message-sender.js';
import { createMessageSettler } from './message-settler.js';
import { openDatabase } from './open-database.js';
import { toNumber } from './row-values.js';
import { isBusyError, toOpenError, toReadError, toWriteError } from './sqlite-errors.js';
import { createSqliteNotifier, readRecentNotifications } from './sqlite-notifier.js';
import type { StoredNotification } from './sqlite-notifier.js';
import { resolveSqliteQueueOptions } from './sqlite-queue-options.js';
import type { SqliteQueueOptions } from './sqlite-queue-options.js';
import { createWakeups } from './wakeups.js';

/** The SQLite queue: the {@link Queue} port plus what only a local file can offer. */
export interface SqliteQueue extends Queue {
  /** The database file, as given in the options. */
  readonly path: string;
  /** A notifier that stores each notification in the `notifications` table of the same file. */
  readonly notifier: Notifier;
  /** Up to `limit` stored notifications, newest first. */
  recentNotifications(limit: number): StoredNotification[];
  /** Up to `limit` dead-lettered messages, oldest first. */
  listDeadLetters(limit: number): DeadLetter[];
}

/** The SQLite queue's limits: SQS's, so a workload moves between the two unchanged. */
export const sqliteQueueLimits: QueueLimits = { maxBodyBytes: 1_048_576, maxReceiveBatch: 10, maxVisibilitySeconds: 43_200 };

const countsSql = `
SELECT
  coalesce(sum(visible_at_ms <= :now), 0) AS visible,
  coalesce(sum(visible_at_ms > :now AND receive_count > 0 AND returned = 0), 0) AS in_flight,
  coalesce(sum(visible_at_ms > :now AND (receive_count = 0 OR returned <> 0)), 0) AS delayed,
  (SELECT count(*) FROM dead_letters) AS dead_lettered
FROM messages`;

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) throw invalidOption('limit', limit, 'an integer of at least 0');
  return limit;
}

/** Prepares every statement once; a file whose schema does not fit fails here, as QUEUE_NOT_FOUND. */
function prepareStatements(db: DatabaseSync, path: string, maxReceives: number) {
  try {
    return {
      claim: createMessageClaimer(db, maxReceives),
      settler: createMessageSettler(db),
      send: createMessageSender(db, sqliteQueueLimits.maxBodyBytes),
      notifier: createSqliteNotifier(db, (error) => toWriteError(error, path, 'notify')),
      hasVisible: db.prepare('SELECT 1 FROM messages WHERE visible_at_ms <= ? LIMIT 1'),
      counts: db.prepare(countsSql),
    };
  } catch (error) {
    db.close();
    throw toOpenError(error, path);
  }
}

/**
 * Opens (creating if needed) the queue in the file at `options.path`. Throws
 * INVALID_OPTION for a bad option and QUEUE_NOT_FOUND when the file cannot be opened.
 */
export function openSqliteQueue(options: SqliteQueueOptions): SqliteQueue {
  const { path, clock, maxReceives, pollIntervalMs, busyTimeoutMs, readOnly } = resolveSqliteQueueOptions(options);
  const db = openDatabase(path, { busyTimeoutMs, readOnly });
  const limits = sqliteQueueLimits;
  const wakeups = createWakeups({ watchPath: `${path}-wal` });
  let closed = false;
  const { claim, settler, send, notifier, hasVisible, counts } = prepareStatements(db, path, maxReceives);

  const assertOpen = (): void => {
    if (closed) throw new Error(`the queue at ${path} is closed`);
  };

  const tryClaim = (maxMessages: number, visibilityTimeoutSeconds: number): QueueMessage[] => {
    const nowMs = clock.now();
    try {
      // A plain read first: an idle poll never takes the write lock, so idle watchers do not contend with senders.
      if (hasVisible.get(nowMs) === undefined) return [];
      return claim(nowMs, maxMessages, visibilityTimeoutSeconds);
    } catch (error) {
      // Another process held the lock past the busy timeout: try again at the next poll instead of failing.
      if (isBusyError(error)) return [];
      throw toWriteError(error, path, 'receive');
    }
  };

  return {
    path,
    limits,
    notifier,
    async receive(maxMessages, { waitMs, visibilityTimeoutSeconds, signal }) {
      assertOpen();
      const count = Math.max(1, Math.min(Math.floor(maxMessages) || 1, limits.maxReceiveBatch));
      const deadlineMs = clock.now() + waitMs;
      for (;;) {
        const claimed = tryClaim(count, visibilityTimeoutSeconds);
        const remainingMs = deadlineMs - clock.now();
        if (claimed.length > 0 || remainingMs <= 0 || signal?.aborted) return claimed;
        await wakeups.wait(clock, Math.min(pollIntervalMs, remainingMs), signal);
        if (closed) return [];
      }
    },
    async deleteMessages(receiptHandles) {
      assertOpen();
      try {
        const result = settler.deleteMessages(receiptHandles);
        // A delete can free a message group: let waiting receives look again.
        if (result.failed.length < receiptHandles.length) wakeups.wakeAll();
        return result;
      } catch (error) {
        throw toWriteError(error, path, 'delete');
      }
    },
    async changeVisibility(changes) {
      assertOpen();
      try {
        const result = settler.changeVisibility(clock.now(), changes);
        if (result.failed.length < changes.length) wakeups.wakeAll();
        return result;
      } catch (error) {
        throw toWriteError(error, path, 'change visibility');
      }
    },
    async send(messages) {
      assertOpen();
      try {
        const ids = send(clock.now(), messages);
        if (ids.length > 0) wakeups.wakeAll();
        return ids;
      } catch (error) {
        throw toWriteError(error, path, 'send');
      }
    },
    async getCounts(): Promise<QueueCounts> {
      assertOpen();
      try {
        const row = counts.get({ now: clock.now() }) ?? {};
        return {
          visible: toNumber(row['visible']),
          inFlight: toNumber(row['in_flight']),
          delayed: toNumber(row['delayed']),
          deadLettered: toNumber(row['dead_lettered']),
        };
      } catch (error) {
        throw toReadError(error, path, 'count messages');
      }
    },
    recentNotifications(limit) {
      assertOpen();
      try {
        return readRecentNotifications(db, checkLimit(limit));
      } catch (error) {
        throw toReadError(error, path, 'read notifications');
      }
    },
    listDeadLetters(limit) {
      assertOpen();
      try {
        return readDeadLetters(db, checkLimit(limit));
      } catch (error) {
        throw toReadError(error, path, 'read dead letters');
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      // Pending long polls wake, see the queue closed, and resolve with nothing.
      wakeups.wakeAll();
      db.close();
    },
  };
}
