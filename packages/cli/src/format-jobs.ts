/**
 * How `watchbot jobs` shows job history: aligned columns for people, or one JSON object with
 * a stable shape for scripts (times as ISO-8601, durations in ms, absent fields left out).
 */
import type { JobEvent, JobStats, JobSummary } from '@watchbot/job-tracking';
import { formatTable } from './text-table.js';

const iso = (timeMs: number): string => new Date(timeMs).toISOString();

function exitText(exitCode: number | null | undefined): string {
  return exitCode === undefined ? '' : exitCode === null ? 'none' : String(exitCode);
}

/** A duration for people: "0.012 s" and "42.5 s" under a minute, "12m 05s" under an hour, then "3h 02m". */
export function formatJobDuration(durationMs: number): string {
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(durationMs < 10_000 ? 3 : 1)} s`;
  const totalSeconds = Math.round(durationMs / 1000);
  if (totalSeconds < 3_600) return `${Math.floor(totalSeconds / 60)}m ${String(totalSeconds % 60).padStart(2, '0')}s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h ${String(totalMinutes % 60).padStart(2, '0')}m`;
}

function durationText(durationMs: number | undefined): string {
  return durationMs === undefined ? '' : formatJobDuration(durationMs);
}

/** One job summary as JSON. */
function toSummaryRecord(job: JobSummary): Record<string, unknown> {
  return {
    jobId: job.jobId,
    source: job.source,
    state: job.state,
    attempts: job.attempts,
    firstSeen: iso(job.firstSeenMs),
    lastSeen: iso(job.lastSeenMs),
    ...(job.exitCode !== undefined && { exitCode: job.exitCode }),
    ...(job.durationMs !== undefined && { durationMs: job.durationMs }),
    ...(job.subject !== undefined && { subject: job.subject }),
  };
}

/** `jobs list --json`: `{history, jobs: [{jobId, source, state, attempts, firstSeen, lastSeen, exitCode?, durationMs?, subject?}]}`, newest first. */
export function formatJobListJson(history: string, jobs: readonly JobSummary[]): string {
  return JSON.stringify({ history, jobs: jobs.map(toSummaryRecord) });
}

/** `jobs list`: one aligned line per job, newest first; `filter` says what was asked, for the empty case. */
export function formatJobListText(jobs: readonly JobSummary[], filter: string, limit: number): string {
  if (jobs.length === 0) return `no ${filter}\n`;
  const rows = [
    ['last seen', 'job', 'state', 'attempts', 'exit', 'duration', 'subject'],
    ...jobs.map((job) => [iso(job.lastSeenMs), job.jobId, job.state, String(job.attempts), exitText(job.exitCode), durationText(job.durationMs), job.subject ?? '']),
  ];
  const more = jobs.length === limit ? [`(the newest ${limit}; --limit shows more)`] : [];
  return `${[...formatTable(rows), ...more].join('\n')}\n`;
}

/** One event as JSON. */
function toEventRecord(event: JobEvent): Record<string, unknown> {
  return {
    time: iso(event.timeMs),
    type: event.type,
    source: event.source,
    ...(event.attempt !== undefined && { attempt: event.attempt }),
    ...(event.exitCode !== undefined && { exitCode: event.exitCode }),
    ...(typeof event.signal === 'string' && { signal: event.signal }),
    ...(event.durationMs !== undefined && { durationMs: event.durationMs }),
    ...(event.retryInSeconds !== undefined && { retryInSeconds: event.retryInSeconds }),
    ...(event.detail !== undefined && { detail: event.detail }),
    ...(event.subject !== undefined && { subject: event.subject }),
    ...(event.host !== undefined && { host: event.host }),
    ...(event.outputTail !== undefined && { outputTail: event.outputTail }),
  };
}

/** `jobs show --json`: `{jobId, events: [{time, type, source, attempt?, exitCode?, signal?, durationMs?, retryInSeconds?, detail?, subject?, host?, outputTail?}]}`, oldest first. */
export function formatJobHistoryJson(jobId: string, events: readonly JobEvent[]): string {
  return JSON.stringify({ jobId, events: events.map(toEventRecord) });
}

/** The events whose output tail is shown under them: the ones that went wrong. */
const tailShownFor: ReadonlySet<string> = new Set(['failed', 'timed-out', 'rejected', 'FAILED', 'STOPPED']);

/** `jobs show`: a heading, then the timeline of every attempt, with the output tail under each failure. */
export function formatJobHistoryText(jobId: string, events: readonly JobEvent[]): string {
  const attempts = Math.max(0, ...events.map((event) => event.attempt ?? 0));
  const latest = events.at(-1);
  const subject = events.find((event) => event.subject !== undefined)?.subject;
  const heading = [
    `job ${jobId}${subject === undefined ? '' : ` (subject: ${subject})`}`,
    `  ${attempts === 0 ? '' : `${attempts} attempt${attempts === 1 ? '' : 's'}; `}latest: ${latest?.type ?? 'none'} at ${latest === undefined ? '-' : iso(latest.timeMs)}`,
    '',
  ];
  const header = ['time', 'event', 'attempt', 'exit', 'signal', 'duration', 'retry in', 'where'];
  const rows = events.map((event) => [
    iso(event.timeMs),
    event.type,
    event.attempt === undefined ? '' : String(event.attempt),
    exitText(event.exitCode),
    typeof event.signal === 'string' ? event.signal : '',
    durationText(event.durationMs),
    event.retryInSeconds === undefined ? '' : `${event.retryInSeconds} s`,
    event.host ?? '',
  ]);
  const lines = formatTable([header, ...rows]);
  const out = [...heading, lines[0] ?? ''];
  events.forEach((event, index) => {
    out.push(lines[index + 1] ?? '');
    if (event.detail !== undefined) out.push(`    ${event.detail}`);
    if (event.outputTail !== undefined && event.outputTail.length > 0 && tailShownFor.has(event.type)) {
      out.push(...event.outputTail.map((line) => `    | ${line}`));
    }
  });
  return `${out.join('\n')}\n`;
}

/** One outcome's statistics as JSON. */
function toOutcomeRecord(outcome: JobStats['outcomes'][number]): Record<string, unknown> {
  return { outcome: outcome.outcome, count: outcome.count, ...(outcome.durationMs !== undefined && { durationMs: { ...outcome.durationMs } }) };
}

/** `jobs stats --json`: `{history, since, until, outcomes: [{outcome, count, durationMs?: {p50, p90, p99, max}}]}`. */
export function formatJobStatsJson(history: string, stats: JobStats): string {
  return JSON.stringify({ history, since: iso(stats.sinceMs), until: iso(stats.untilMs), outcomes: stats.outcomes.map(toOutcomeRecord) });
}

/** `jobs stats`: the window, then one aligned line per outcome with its count and duration percentiles. */
export function formatJobStatsText(stats: JobStats, window: string): string {
  const heading = `outcomes ${window} (${iso(stats.sinceMs)} to ${iso(stats.untilMs)})`;
  if (stats.outcomes.length === 0) return `${heading}: none recorded\n`;
  const rows = [
    ['outcome', 'count', 'p50', 'p90', 'p99', 'max'],
    ...stats.outcomes.map((outcome) => [
      outcome.outcome,
      String(outcome.count),
      durationText(outcome.durationMs?.p50),
      durationText(outcome.durationMs?.p90),
      durationText(outcome.durationMs?.p99),
      durationText(outcome.durationMs?.max),
    ]),
  ];
  const total = stats.outcomes.reduce((sum, outcome) => sum + outcome.count, 0);
  return `${[heading, ...formatTable([...rows, ['total', String(total)]])].join('\n')}\n`;
}
