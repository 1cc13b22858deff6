/**
 * Opening a store's own SQLite file — reduce mode's progress, job history — the one way they
 * all need: parent folders created, WAL (readers never block the writer; the mode is stored in
 * the file), synchronous=NORMAL (a commit survives a process crash; power loss may drop the last
 * few, which at-least-once processing tolerates), and a schema versioned with `PRAGMA user_version`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inImmediateTransaction } from './immediate-transaction.js';
import { toNumber } from './row-values.js';

/** What {@link openVersionedDatabase} needs to know of one store. */
export interface VersionedDatabaseOptions {
  /** The file; created, with its folders, when missing. */
  readonly path: string;
  /** How long one statement waits for another process's write lock, in ms. */
  readonly busyTimeoutMs: number;
  /** The schema's statements; each must be idempotent (`IF NOT EXISTS`): another process may apply them at the same time. */
  readonly schemaSql: string;
  /** The schema version this code writes and reads (stored as `PRAGMA user_version`). */
  readonly schemaVersion: number;
  /** The store's error for a file written by a newer version, with the version found. */
  readonly newerSchemaError: (version: number) => Error;
  /** The store's error for a failure to open, given what was thrown (its own `newerSchemaError` included: pass that through). */
  readonly openError: (error: unknown) => Error;
}

/** Creates the tables when missing; refuses a file written by a newer version. */
function applySchema(db: DatabaseSync, options: VersionedDatabaseOptions): void {
  const version = toNumber(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
  if (version === options.schemaVersion) return;
  if (version > options.schemaVersion) throw options.newerSchemaError(version);
  inImmediateTransaction(db, () => {
    // Another process may have created the schema since the version was read: IF NOT EXISTS makes that harmless.
    db.exec(options.schemaSql);
    db.exec(`PRAGMA user_version = ${options.schemaVersion}`);
  });
}

/**
 * Opens a store's file, creating it and its folders, in WAL mode with the schema applied.
 * @throws what the store's `openError` makes of the failure; the handle is closed first.
 */
export function openVersionedDatabase(options: VersionedDatabaseOptions): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    mkdirSync(dirname(resolve(options.path)), { recursive: true });
    db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs });
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    applySchema(db, options);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    throw options.openError(error);
  }
}
