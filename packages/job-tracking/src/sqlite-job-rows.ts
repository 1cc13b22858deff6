/**
 * Rows of the job-history file turned back into events and summaries. Rows are checked, not
 * cast: the file may have been written by another version.
 */
import type { SQLOutputValue } from 'node:sqlite';
import { toNumber, toOptionalString, toText } from '@watchbot/sqlite-adapter';
import type { JobEvent, JobEventSource, JobSummary } from './job-store.js';

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLOutputValue>;

function toSource(value: SQLOutputValue | undefined): JobEventSource {
  return value === 'ecs' || value === 'batch' ? value : 'watcher';
}

function toOptionalNumber(value: SQLOutputValue | undefined): number | undefined {
  return value === null || value === undefined ? undefined : toNumber(value);
}

function parseOutputTail(value: SQLOutputValue | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/** The exit code a row records: absent when unknown, null when the work was ended by a signal or never started. */
function toExitCode(row: Row): { exitCode?: number | null } {
  if (toNumber(row['has_exit']) !== 1) return {};
  return { exitCode: toOptionalNumber(row['exit_code']) ?? null };
}

/** One `job_events` row as a {@link JobEvent}. */
export function toJobEvent(row: Row): JobEvent {
  const attempt = toOptionalNumber(row['attempt']);
  const signal = toOptionalString(row['signal']);
  const durationMs = toOptionalNumber(row['duration_ms']);
  const retryInSeconds = toOptionalNumber(row['retry_in_seconds']);
  const outputTail = parseOutputTail(row['output_tail']);
  const detail = toOptionalString(row['detail']);
  const subject = toOptionalString(row['subject']);
  const host = toOptionalString(row['host']);
  const exit = toExitCode(row);
  return {
    jobId: toText(row['job_id']),
    timeMs: toNumber(row['time_ms']),
    type: toText(row['type']),
    source: toSource(row['source']),
    ...(attempt !== undefined && { attempt }),
    ...exit,
    ...(signal !== undefined && { signal }),
    ...(durationMs !== undefined && { durationMs }),
    ...(retryInSeconds !== undefined && { retryInSeconds }),
    ...(outputTail !== undefined && { outputTail }),
    ...(detail !== undefined && { detail }),
    ...(subject !== undefined && { subject }),
    ...(host !== undefined && { host }),
  };
}

/** One `jobs` row as a {@link JobSummary}. */
export function toJobSummary(row: Row): JobSummary {
  const durationMs = toOptionalNumber(row['duration_ms']);
  const subject = toOptionalString(row['subject']);
  return {
    jobId: toText(row['job_id']),
    source: toSource(row['source']),
    state: toText(row['state']),
    attempts: toNumber(row['attempts']),
    firstSeenMs: toNumber(row['first_seen_ms']),
    lastSeenMs: toNumber(row['last_seen_ms']),
    ...toExitCode(row),
    ...(durationMs !== undefined && { durationMs }),
    ...(subject !== undefined && { subject }),
  };
}

/** Named statement parameters. */
export type Parameters = Record<string, string | number | null>;

/** The named parameters of one event, for the INSERT into `job_events`. */
export function toEventParameters(event: JobEvent): Parameters {
  return {
    jobId: event.jobId,
    timeMs: event.timeMs,
    type: event.type,
    source: event.source,
    attempt: event.attempt ?? null,
    hasExit: event.exitCode === undefined ? 0 : 1,
    exitCode: event.exitCode ?? null,
    signal: event.signal ?? null,
    durationMs: event.durationMs ?? null,
    retryInSeconds: event.retryInSeconds ?? null,
    detail: event.detail ?? null,
    subject: event.subject ?? null,
    host: event.host ?? null,
    outputTail: event.outputTail === undefined ? null : JSON.stringify(event.outputTail),
  };
}

/** The parameters of the upsert into `jobs`: the event's, less those only `job_events` keeps. */
export function toSummaryParameters(event: Parameters): Parameters {
  const { jobId = null, source = null, type = null, attempt = null, timeMs = null, hasExit = null, exitCode = null, durationMs = null, subject = null } = event;
  return { jobId, source, type, attempt, timeMs, hasExit, exitCode, durationMs, subject };
}
