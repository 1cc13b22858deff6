/**
 * A look into an embedded queue file from outside the watcher, with node:sqlite: which message
 * ids are still waiting and which were dead-lettered, and raw writes of the kind another
 * program might make (bodies that are not UTF-8). The suite judges the watcher by the file's
 * state, not by what the watcher says about it.
 */
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';

/** The ids in a queue file. */
export interface QueueFileIds {
  /** Messages still in the queue: visible, in flight or waiting out a backoff. */
  readonly waiting: ReadonlySet<string>;
  /** Messages in the dead-letter table. */
  readonly deadLettered: ReadonlySet<string>;
}

/** Reads the ids of the queue file at `path` (which the watcher must have created). */
export function readQueueFileIds(path: string): QueueFileIds {
  const db = new DatabaseSync(path, { timeout: 5_000 });
  try {
    const ids = (sql: string): Set<string> => new Set(db.prepare(sql).all().map((row) => String(row['id'])));
    return { waiting: ids('SELECT id FROM messages'), deadLettered: ids('SELECT id FROM dead_letters') };
  } finally {
    db.close();
  }
}

/** A message written straight into the file, bypassing the send path's checks. */
export interface RawMessage {
  /** The stored body, byte for byte (need not be UTF-8). */
  readonly body: Uint8Array;
  /** The stored subject, if any. */
  readonly subject?: string;
}

/** Inserts `messages` into the queue file at `path` in one transaction, as another program might; returns their ids. */
export function insertRawMessages(path: string, messages: readonly RawMessage[]): string[] {
  const db = new DatabaseSync(path, { timeout: 5_000 });
  try {
    const insert = db.prepare('INSERT INTO messages (id, body, subject, sent_at_ms, visible_at_ms) VALUES (?, ?, ?, ?, ?)');
    const now = Date.now();
    db.exec('BEGIN IMMEDIATE');
    const ids = messages.map((message) => {
      const id = randomUUID();
      insert.run(id, message.body, message.subject ?? null, now, now);
      return id;
    });
    db.exec('COMMIT');
    return ids;
  } finally {
    db.close();
  }
}
