/**
 * The queue file's schema, created idempotently and versioned with `PRAGMA user_version`,
 * so a later version can migrate a file and an older one can refuse a file it does not know.
 */
import type { DatabaseSync } from 'node:sqlite';
import { WatchbotError, errorCodes } from '@watchbot/core';
import { inImmediateTransaction } from './immediate-transaction.js';
import { toNumber } from './row-values.js';

/** The schema version this package writes and reads. */
export const schemaVersion = 1;

// `seq` (the rowid) is the send order: receives hand out the oldest eligible messages first.
// `receipt` is a fresh random token per receive; a delete or visibility change must name it.
// `returned` marks a message handed back to wait out a backoff: counted as delayed, not in flight.
// The body comes last: a large body spills into overflow pages, and the columns a claim
// filters on must not sit behind it.
// messages_by_receives keeps each receive's redrive check to the few messages on their last receive;
// messages_by_group lets a receive find each group's oldest message without scanning the group.
const schemaSql = `
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  subject TEXT,
  group_id TEXT,
  sent_at_ms INTEGER NOT NULL,
  first_received_at_ms INTEGER,
  receive_count INTEGER NOT NULL DEFAULT 0,
  visible_at_ms INTEGER NOT NULL,
  receipt TEXT,
  returned INTEGER NOT NULL DEFAULT 0,
  body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages (visible_at_ms);
CREATE INDEX IF NOT EXISTS messages_by_receives ON messages (receive_count, visible_at_ms);
CREATE INDEX IF NOT EXISTS messages_by_group ON messages (group_id, seq) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_receipt ON messages (receipt) WHERE receipt IS NOT NULL;
CREATE TABLE IF NOT EXISTS dead_letters (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  subject TEXT,
  group_id TEXT,
  sent_at_ms INTEGER NOT NULL,
  first_received_at_ms INTEGER,
  receive_count INTEGER NOT NULL,
  dead_lettered_at_ms INTEGER NOT NULL,
  body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS notifications (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  message_id TEXT NOT NULL,
  subject TEXT,
  exit_code INTEGER,
  signal TEXT,
  receive_count INTEGER NOT NULL,
  output_tail TEXT NOT NULL,
  summary TEXT NOT NULL,
  time_ms INTEGER NOT NULL
);
`;

/** The file's schema version (0 for a new, empty file). */
function readSchemaVersion(db: DatabaseSync): number {
  return toNumber(db.prepare('PRAGMA user_version').get()?.['user_version']);
}

/**
 * Creates the tables when missing. Throws QUEUE_NOT_FOUND for a file written by a newer
 * version, or for a file without the schema opened read-only.
 */
export function applySchema(db: DatabaseSync, path: string, readOnly: boolean): void {
  const version = readSchemaVersion(db);
  if (version === schemaVersion) return;
  if (version > schemaVersion) {
    throw new WatchbotError(errorCodes.QUEUE_NOT_FOUND, `cannot open the queue at ${path}: it has schema version ${version}, newer than the ${schemaVersion} this version of Watchbot knows`);
  }
  if (readOnly) {
    throw new WatchbotError(errorCodes.QUEUE_NOT_FOUND, `cannot open the queue at ${path} read-only: it holds no Watchbot queue yet`);
  }
  inImmediateTransaction(db, () => {
    // Another process may have created the schema since the version was read: IF NOT EXISTS makes that harmless.
    db.exec(schemaSql);
    db.exec(`PRAGMA user_version = ${schemaVersion}`);
  });
}
