/**
 * The embedded progress store: one SQLite file (node:sqlite, WAL) shared by every process
 * on the machine. Each write is one IMMEDIATE transaction, so concurrent completions of
 * the last parts serialise and exactly one of them flips the job to done.
 */
import type { DatabaseSync } from 'node:sqlite';
import { createSystemClock } from '@watchbot/core';
import type { Clock } from '@watchbot/core';
import { inImmediateTransaction } from '@watchbot/sqlite-adapter';
import { checkJobId, checkMetadata, checkPart, checkTotalParts, jobFailed, parseMetadata, toProgress, totalAlreadySet, unknownJob } from './job-rules.js';
import type { CompletePartResult, JobStatus, ProgressStore } from './progress-store.js';
import { ReduceModeError } from './reduce-mode-error.js';
import { openProgressDatabase } from './sqlite-progress-database.js';
import { toStoreError } from './sqlite-progress-errors.js';
import { toNumber, toOptionalString } from '@watchbot/sqlite-adapter';
import { toJobStatus } from './sqlite-job-row.js';

/** Options of {@link openSqliteProgressStore}. */
export interface SqliteProgressStoreOptions {
  /** The database file; created with its folders when missing (the CLI uses `./.watchbot/progress.db`). */
  readonly path: string;
  /** Where timestamps come from. Default: the system clock. */
  readonly clock?: Clock;
  /** How long a statement waits for another process's lock, in ms. Default 10,000. */
  readonly busyTimeoutMs?: number;
}

const defaultBusyTimeoutMs = 10_000;

/** Opens the SQLite progress store at `options.path`. Throws STORE_UNAVAILABLE when the file cannot be opened. */
export function openSqliteProgressStore(options: SqliteProgressStoreOptions): ProgressStore {
  const { path } = options;
  if (typeof path !== 'string' || path === '') {
    throw new ReduceModeError('INVALID_OPTION', `path: ${JSON.stringify(path)} is not valid; expected a file path`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new ReduceModeError('INVALID_OPTION', `busyTimeoutMs: ${String(busyTimeoutMs)} is not valid; expected an integer of at least 0`);
  }
  const clock = options.clock ?? createSystemClock();
  const db: DatabaseSync = openProgressDatabase(path, busyTimeoutMs);
  const statements = {
    insertJob: db.prepare(
      'INSERT INTO jobs (job_id, total_parts, metadata, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING',
    ),
    selectJob: db.prepare('SELECT * FROM jobs WHERE job_id = ?'),
    insertPart: db.prepare('INSERT OR IGNORE INTO job_parts (job_id, part, completed_at_ms) VALUES (?, ?, ?)'),
    countPart: db.prepare('UPDATE jobs SET completed_parts = completed_parts + 1, updated_at_ms = ? WHERE job_id = ? RETURNING completed_parts'),
    claimDone: db.prepare('UPDATE jobs SET done = 1, updated_at_ms = ? WHERE job_id = ? AND done = 0 AND completed_parts >= total_parts'),
    failJob: db.prepare('UPDATE jobs SET failed_reason = ?, updated_at_ms = ? WHERE job_id = ?'),
    setMetadata: db.prepare('UPDATE jobs SET metadata = ?, updated_at_ms = ? WHERE job_id = ?'),
    markReduceSent: db.prepare('UPDATE jobs SET reduce_sent = 1, updated_at_ms = ? WHERE job_id = ? AND reduce_sent = 0'),
  };

  /** Runs `work` in one immediate transaction, translating storage errors. */
  const write = <T>(jobId: string, action: string, work: () => T): T => {
    try {
      return inImmediateTransaction(db, work);
    } catch (error) {
      throw toStoreError(error, path, jobId, action);
    }
  };

  const readJob = (jobId: string) => statements.selectJob.get(jobId);

  return {
    async setTotal(jobId, totalParts, metadata = {}) {
      checkJobId(jobId);
      checkTotalParts(jobId, totalParts);
      checkMetadata(jobId, metadata);
      return write(jobId, 'set the total', () => {
        const nowMs = clock.now();
        const { changes } = statements.insertJob.run(jobId, totalParts, JSON.stringify(metadata), nowMs, nowMs);
        if (changes === 1) return;
        const existing = toNumber(readJob(jobId)?.['total_parts']);
        if (existing !== totalParts) throw totalAlreadySet(jobId, existing, totalParts);
      });
    },

    async completePart(jobId, part) {
      checkJobId(jobId);
      checkPart(jobId, part);
      return write(jobId, `complete part ${part}`, (): CompletePartResult => {
        const job = readJob(jobId);
        if (job === undefined) throw unknownJob(jobId, `complete part ${part}`);
        const totalParts = toNumber(job['total_parts']);
        checkPart(jobId, part, totalParts);
        const failedReason = toOptionalString(job['failed_reason']);
        if (failedReason !== undefined) throw jobFailed(jobId, part, failedReason);
        const nowMs = clock.now();
        // A part already recorded (a retried message) is ignored: it never counts twice.
        const inserted = statements.insertPart.run(jobId, part, nowMs).changes === 1;
        if (!inserted) return { completedJob: false, progress: toProgress(toNumber(job['completed_parts']), totalParts) };
        const completedParts = toNumber(statements.countPart.get(nowMs, jobId)?.['completed_parts']);
        // The UPDATE's `changes` says whether THIS call flipped done 0 → 1: only one call can.
        const completedJob = completedParts >= totalParts && statements.claimDone.run(nowMs, jobId).changes === 1;
        return { completedJob, progress: toProgress(completedParts, totalParts) };
      });
    },

    async getStatus(jobId): Promise<JobStatus | undefined> {
      try {
        const row = readJob(jobId);
        return row === undefined ? undefined : toJobStatus(row);
      } catch (error) {
        throw toStoreError(error, path, jobId, 'read the status');
      }
    },

    async failJob(jobId, reason) {
      checkJobId(jobId);
      return write(jobId, 'fail the job', () => {
        if (statements.failJob.run(String(reason), clock.now(), jobId).changes === 0) throw unknownJob(jobId, 'fail the job');
      });
    },

    async setMetadata(jobId, metadata) {
      checkJobId(jobId);
      checkMetadata(jobId, metadata);
      return write(jobId, 'set metadata', () => {
        const job = readJob(jobId);
        if (job === undefined) throw unknownJob(jobId, 'set metadata');
        const merged = { ...parseMetadata(toOptionalString(job['metadata'])), ...metadata };
        statements.setMetadata.run(JSON.stringify(merged), clock.now(), jobId);
      });
    },

    async markReduceSent(jobId) {
      checkJobId(jobId);
      return write(jobId, 'mark the reduce sent', () => {
        if (statements.markReduceSent.run(clock.now(), jobId).changes === 1) return true;
        if (readJob(jobId) === undefined) throw unknownJob(jobId, 'mark the reduce sent');
        return false;
      });
    },

    async close() {
      if (db.isOpen) db.close();
    },
  };
}
