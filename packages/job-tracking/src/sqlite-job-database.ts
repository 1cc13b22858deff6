/**
 * Opens (and creates) the job-history file: parent folders, WAL mode, the busy timeout and the
 * schema, versioned with `PRAGMA user_version`.
 */
import type { DatabaseSync } from 'node:sqlite';
import { openVersionedDatabase } from '@watchbot/sqlite-adapter';
import { JobTrackingError } from './job-tracking-error.js';
import { toOpenError } from './sqlite-job-errors.js';

/** The schema version this package writes and reads. */
const schemaVersion = 1;

// job_events: one row per event; `seq` (the rowid) keeps append order, which breaks ties in time.
//   by_job serves `history` (job, then time; the rowid rides along in the index);
//   by_time serves `stats` without touching the table (it covers type and duration) and pruning.
// jobs: one row per job, its latest state, kept in step by every append (an upsert per event
//   in the append's one transaction), so listings never group or scan events.
//   by_last_seen serves `list` newest first; by_state serves `list --state`.
// has_exit tells "exit code null" (ended by a signal) from "no exit code known".
const schemaSql = `
CREATE TABLE IF NOT EXISTS job_events (
  seq INTEGER PRIMARY KEY,
  job_id TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  attempt INTEGER,
  has_exit INTEGER NOT NULL DEFAULT 0,
  exit_code INTEGER,
  signal TEXT,
  duration_ms REAL,
  retry_in_seconds REAL,
  detail TEXT,
  subject TEXT,
  host TEXT,
  output_tail TEXT
);
CREATE INDEX IF NOT EXISTS job_events_by_job ON job_events (job_id, time_ms);
CREATE INDEX IF NOT EXISTS job_events_by_time ON job_events (time_ms, type, duration_ms);
CREATE TABLE IF NOT EXISTS jobs (
  job_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  first_seen_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  has_exit INTEGER NOT NULL DEFAULT 0,
  exit_code INTEGER,
  duration_ms REAL,
  subject TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS jobs_by_last_seen ON jobs (last_seen_ms, job_id);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, last_seen_ms, job_id);
`;

/** Opens the job history file at `path`, creating it and its folders; `busyTimeoutMs` is the lock wait per statement. */
export function openJobDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  return openVersionedDatabase({
    path,
    busyTimeoutMs,
    schemaSql,
    schemaVersion,
    newerSchemaError: (version) =>
      new JobTrackingError('STORE_UNAVAILABLE', `cannot open the job history at ${path}: it has schema version ${version}, newer than the ${schemaVersion} this version knows`),
    openError: (error) => toOpenError(error, path),
  });
}
