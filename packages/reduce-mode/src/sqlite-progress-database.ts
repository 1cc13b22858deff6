/**
 * Opens (and creates) the progress database file: parent folders, WAL mode, the busy
 * timeout and the schema, versioned with `PRAGMA user_version`.
 */
import type { DatabaseSync } from 'node:sqlite';
import { openVersionedDatabase } from '@watchbot/sqlite-adapter';
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

/** Opens the progress store file at `path`, creating it and its folders; `busyTimeoutMs` is the lock wait per statement. */
export function openProgressDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  return openVersionedDatabase({
    path,
    busyTimeoutMs,
    schemaSql,
    schemaVersion,
    newerSchemaError: (version) =>
      new ReduceModeError('STORE_UNAVAILABLE', `cannot open the progress store at ${path}: it has schema version ${version}, newer than the ${schemaVersion} this version knows`),
    openError: (error) => toOpenError(error, path),
  });
}
