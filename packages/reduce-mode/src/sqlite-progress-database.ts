/**
 * Opens (and creates) the progress database file: parent folders, WAL mode, the busy
 * timeout and the schema, versioned with `PRAGMA user_version`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inImmediateTransaction } from '@watchbot/sqlite-adapter';
import { ReduceModeError } from './reduce-mode-error.js';
import { toOpenError } from './sqlite-progress-errors.js';

/** The schema version this package writes and reads. */
const schemaVersion = 1;

// completed_parts counts the rows of job_parts, kept in step inside completePart's transaction,
// so a completion never has to COUNT(*) its job's parts. done flips 0 → 1 once: the UPDATE
// that flips it is the completion claim.
const schemaSql = `
CREATE TABLE IF NOT EXISTS jobs (
  job_id TEXT PRIMARY KEY,
  total_parts INTEGER NOT NULL,
  completed_parts INTEGER NOT NULL DEFAULT 0,
  done INTEGER NOT NULL DEFAULT 0,
  failed_reason TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  reduce_sent INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS job_parts (
  job_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  completed_at_ms INTEGER NOT NULL,
  PRIMARY KEY (job_id, part)
) WITHOUT ROWID;
`;

/** Creates the tables when missing; refuses a file written by a newer version. */
function applySchema(db: DatabaseSync, path: string): void {
  const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
  if (version === schemaVersion) return;
  if (version > schemaVersion) {
    throw new ReduceModeError('STORE_UNAVAILABLE', `cannot open the progress store at ${path}: it has schema version ${version}, newer than the ${schemaVersion} this version knows`);
  }
  inImmediateTransaction(db, () => {
    // Another process may have created the schema since the version was read: IF NOT EXISTS makes that harmless.
    db.exec(schemaSql);
    db.exec(`PRAGMA user_version = ${schemaVersion}`);
  });
}

/** Opens the progress file at `path`, creating it and its folders; `busyTimeoutMs` is the lock wait per statement. */
export function openProgressDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    db = new DatabaseSync(path, { timeout: busyTimeoutMs });
    // WAL: readers never block the writer; the mode is stored in the file, so every process gets it.
    db.exec('PRAGMA journal_mode = WAL');
    // NORMAL: a commit survives a process crash; only power loss may drop the last commits,
    // which at-least-once delivery tolerates (the part's message is retried and completes it again).
    db.exec('PRAGMA synchronous = NORMAL');
    applySchema(db, path);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    throw toOpenError(error, path);
  }
}
