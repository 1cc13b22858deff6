/**
 * The job history on one machine: one SQLite file (node:sqlite, WAL) beside the queue, shared
 * by every watcher on the machine. Each append is one IMMEDIATE transaction however many
 * events it carries; events older than the retention are pruned now and then (at most once an
 * hour, in chunks), never on every write.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { createSystemClock } from '@watchbot/core';
import type { Clock } from '@watchbot/core';
import { inImmediateTransaction } from '@watchbot/sqlite-adapter';
import { checkJobEvents } from './check-job-event.js';
import { outcomeTypes } from './job-event-types.js';
import { createJobStatsBuilder } from './job-stats-builder.js';
import type { JobStore } from './job-store.js';
import { checkListQuery, checkRetentionDays, checkStatsWindow, defaultRetentionDays, msPerDay } from './job-store-options.js';
import { invalidJobOption } from './job-tracking-error.js';
import { openJobDatabase } from './sqlite-job-database.js';
import { toSqliteStoreError } from './sqlite-job-errors.js';
import type { Row } from './sqlite-job-rows.js';
import { toEventParameters, toJobEvent, toJobSummary, toSummaryParameters } from './sqlite-job-rows.js';

/** Options of {@link openSqliteJobStore}. */
export interface SqliteJobStoreOptions {
  /** The history file; created with its folders when missing (the CLI uses `<queue>.jobs.db` beside the queue file). */
  readonly path: string;
  /** Where "now" comes from, for pruning. Default: the system clock. */
  readonly clock?: Clock;
  /** Days events are kept; older ones are pruned. Default 14. */
  readonly retentionDays?: number;
  /** How long a statement waits for another process's lock, in ms. Default 10,000. */
  readonly busyTimeoutMs?: number;
  /** The least time between two prunings, in ms. Default 3,600,000 (an hour). */
  readonly pruneIntervalMs?: number;
}

const defaultBusyTimeoutMs = 10_000;
const defaultPruneIntervalMs = 3_600_000;
/** Rows deleted per pruning transaction, so a first pruning of a large file never holds the lock for long. */
const pruneChunkRows = 5_000;

const insertEventSql = `
INSERT INTO job_events (job_id, time_ms, type, source, attempt, has_exit, exit_code, signal, duration_ms, retry_in_seconds, detail, subject, host, output_tail)
VALUES (:jobId, :timeMs, :type, :source, :attempt, :hasExit, :exitCode, :signal, :durationMs, :retryInSeconds, :detail, :subject, :host, :outputTail)`;

// The SET expressions all see the row as it was: an event older than the job's latest (events
// may arrive out of order) widens first_seen_ms and attempts but leaves the state alone.
const upsertJobSql = `
INSERT INTO jobs (job_id, source, state, attempts, first_seen_ms, last_seen_ms, has_exit, exit_code, duration_ms, subject)
VALUES (:jobId, :source, :type, coalesce(:attempt, 0), :timeMs, :timeMs, :hasExit, :exitCode, :durationMs, :subject)
ON CONFLICT (job_id) DO UPDATE SET
  state = iif(excluded.last_seen_ms >= last_seen_ms, excluded.state, state),
  has_exit = iif(excluded.last_seen_ms >= last_seen_ms AND excluded.has_exit = 1, 1, has_exit),
  exit_code = iif(excluded.last_seen_ms >= last_seen_ms AND excluded.has_exit = 1, excluded.exit_code, exit_code),
  duration_ms = iif(excluded.last_seen_ms >= last_seen_ms AND excluded.duration_ms IS NOT NULL, excluded.duration_ms, duration_ms),
  attempts = max(attempts, excluded.attempts),
  first_seen_ms = min(first_seen_ms, excluded.first_seen_ms),
  last_seen_ms = max(last_seen_ms, excluded.last_seen_ms),
  subject = coalesce(subject, excluded.subject)`;

/** Every statement the store runs, by name. */
export const sqliteJobQueries = {
  insertEvent: insertEventSql,
  upsertJob: upsertJobSql,
  history: 'SELECT * FROM job_events WHERE job_id = ? ORDER BY time_ms, seq',
  list: 'SELECT * FROM jobs WHERE last_seen_ms >= :since ORDER BY last_seen_ms DESC, job_id DESC LIMIT :limit',
  listByState: 'SELECT * FROM jobs WHERE state = :state AND last_seen_ms >= :since ORDER BY last_seen_ms DESC, job_id DESC LIMIT :limit',
  // Only outcomes leave the index: receives and starts are two thirds of the events and never counted.
  stats: `SELECT type, duration_ms FROM job_events WHERE time_ms BETWEEN ? AND ? AND type IN (${outcomeTypes.map((type) => `'${type}'`).join(', ')})`,
  pruneEvents: `DELETE FROM job_events WHERE seq IN (SELECT seq FROM job_events WHERE time_ms < ? LIMIT ${pruneChunkRows})`,
  pruneJobs: `DELETE FROM jobs WHERE job_id IN (SELECT job_id FROM jobs WHERE last_seen_ms < ? LIMIT ${pruneChunkRows})`,
} as const;

/**
 * Opens the SQLite job store at `options.path`.
 * @throws JobTrackingError INVALID_OPTION for a bad option, STORE_UNAVAILABLE when the file cannot be opened.
 */
export function openSqliteJobStore(options: SqliteJobStoreOptions): JobStore {
  const { path } = options;
  if (typeof path !== 'string' || path.trim() === '' || path.includes('\0')) throw invalidJobOption('path', path, 'a file path');
  const retentionDays = checkRetentionDays(options.retentionDays ?? defaultRetentionDays);
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw invalidJobOption('busyTimeoutMs', busyTimeoutMs, 'a whole number of ms of at least 0');
  const pruneIntervalMs = options.pruneIntervalMs ?? defaultPruneIntervalMs;
  if (!Number.isSafeInteger(pruneIntervalMs) || pruneIntervalMs < 0) throw invalidJobOption('pruneIntervalMs', pruneIntervalMs, 'a whole number of ms of at least 0');
  const clock = options.clock ?? createSystemClock();
  const db: DatabaseSync = openJobDatabase(path, busyTimeoutMs);
  const statements = Object.fromEntries(Object.entries(sqliteJobQueries).map(([name, sql]) => [name, db.prepare(sql)])) as Record<keyof typeof sqliteJobQueries, StatementSync>;

  // The first append prunes; later ones only once the interval has passed.
  let nextPruneAtMs = Number.NEGATIVE_INFINITY;

  const prune = (): void => {
    const cutoffMs = clock.now() - retentionDays * msPerDay;
    for (const statement of [statements.pruneEvents, statements.pruneJobs]) {
      // One short transaction per chunk: watchers appending meanwhile wait at most one chunk.
      let deleted: number;
      do {
        deleted = inImmediateTransaction(db, () => Number(statement.run(cutoffMs).changes));
      } while (deleted === pruneChunkRows);
    }
  };

  const read = <T>(action: string, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw toSqliteStoreError(error, path, action);
    }
  };

  return {
    async append(events) {
      checkJobEvents(events);
      if (events.length === 0) return;
      read('record job events', () =>
        inImmediateTransaction(db, () => {
          for (const event of events) {
            const parameters = toEventParameters(event);
            statements.insertEvent.run(parameters);
            statements.upsertJob.run(toSummaryParameters(parameters));
          }
        }),
      );
      if (clock.now() >= nextPruneAtMs) {
        nextPruneAtMs = clock.now() + pruneIntervalMs;
        // The events are recorded: a failed pruning is tried again at the next interval, not reported.
        try {
          prune();
        } catch {
          // Pruning is housekeeping; a lock held too long by another process only delays it.
        }
      }
    },

    async list(query) {
      const { state, sinceMs, limit } = checkListQuery(query);
      const rows = read('list jobs', () =>
        state === undefined
          ? statements.list.all({ since: sinceMs ?? 0, limit })
          : statements.listByState.all({ state, since: sinceMs ?? 0, limit }),
      );
      return rows.map((row) => toJobSummary(row as Row));
    },

    async history(jobId) {
      if (typeof jobId !== 'string') throw invalidJobOption('jobId', jobId, 'a job id');
      return read('read the job history', () => statements.history.all(jobId)).map((row) => toJobEvent(row as Row));
    },

    async stats(window) {
      const { sinceMs, untilMs } = checkStatsWindow(window);
      const builder = createJobStatsBuilder(sinceMs, untilMs);
      read('compute job statistics', () => {
        for (const row of statements.stats.iterate(sinceMs, untilMs)) {
          const durationMs = row['duration_ms'];
          builder.add(String(row['type']), typeof durationMs === 'number' ? durationMs : undefined);
        }
      });
      return builder.build();
    },

    async close() {
      if (db.isOpen) db.close();
    },
  };
}
