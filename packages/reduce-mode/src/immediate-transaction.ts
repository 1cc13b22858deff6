/**
 * Runs work in a `BEGIN IMMEDIATE` transaction. IMMEDIATE takes the write lock up front, so
 * a lock conflict shows at BEGIN, where the busy timeout applies; a deferred transaction
 * that reads and then writes can fail with SQLITE_BUSY_SNAPSHOT in WAL mode without waiting.
 */
import type { DatabaseSync } from 'node:sqlite';

/** Runs `work` inside an immediate transaction: commits its result, rolls back and rethrows on error. */
export function inImmediateTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); only roll back what is still open.
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
