/**
 * The dead-letter table's writes. Each batch is one IMMEDIATE transaction; a replay inserts
 * the message into `messages` (a fresh id, sent now, visible at once, the stored body bytes
 * unchanged) and deletes its dead-letter row in that same transaction, so at every commit the
 * message is in exactly one of the two tables: a crash can neither lose nor duplicate it.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { inImmediateTransaction } from './immediate-transaction.js';

/** A dead-letter row to act on: its `seq` (the row) and its message `id`. */
export interface DeadLetterRow {
  readonly seq: number;
  readonly id: string;
}

/** The writes, with their statements prepared once. */
export interface DeadLetterWrites {
  /**
   * Moves these rows back to the queue at `nowMs`, in `seq` order; returns the rows moved. A
   * row gone since it was read (replayed or deleted by another process) is left out.
   * `beforeRemove` runs inside the transaction, after the inserts and before the deletes: a
   * throw there rolls the whole batch back.
   */
  replay(nowMs: number, rows: readonly DeadLetterRow[], beforeRemove?: (ids: readonly string[]) => void): DeadLetterRow[];
  /** Deletes these rows; returns the rows deleted (a row already gone is left out). */
  remove(rows: readonly DeadLetterRow[]): DeadLetterRow[];
  /** Deletes every row; returns how many. */
  purge(): number;
}

/** Creates the writes for `db`. */
export function createDeadLetterWrites(db: DatabaseSync): DeadLetterWrites {
  const requeue = db.prepare(
    `INSERT INTO messages (id, body, subject, group_id, sent_at_ms, visible_at_ms)
     SELECT :newId, body, subject, group_id, :now, :now FROM dead_letters WHERE seq = :seq`,
  );
  const removeRow = db.prepare('DELETE FROM dead_letters WHERE seq = ?');
  const removeAll = db.prepare('DELETE FROM dead_letters');
  const inSeqOrder = (rows: readonly DeadLetterRow[]): DeadLetterRow[] => [...rows].sort((a, b) => a.seq - b.seq);

  return {
    replay(nowMs, rows, beforeRemove) {
      if (rows.length === 0) return [];
      return inImmediateTransaction(db, () => {
        // Send order is dead-lettering order, so a replayed group keeps its order.
        const moved = inSeqOrder(rows).filter((row) => requeue.run({ newId: randomUUID(), now: nowMs, seq: row.seq }).changes > 0);
        beforeRemove?.(moved.map((row) => row.id));
        for (const row of moved) removeRow.run(row.seq);
        return moved;
      });
    },
    remove(rows) {
      if (rows.length === 0) return [];
      return inImmediateTransaction(db, () => inSeqOrder(rows).filter((row) => removeRow.run(row.seq).changes > 0));
    },
    purge() {
      return inImmediateTransaction(db, () => Number(removeAll.run().changes));
    },
  };
}
