/**
 * A test-only job store in memory, for the API tests: events go in by `append`, listings,
 * timelines and statistics come out as the job-store port defines them. Percentiles use the
 * nearest rank.
 */
import type { JobEvent, JobStats, JobStore, JobSummary, OutcomeStats } from '@watchbot/job-tracking';

/** The event types that end an attempt or a message: the ones statistics count. */
const outcomeTypes = new Set(['succeeded', 'rejected', 'returned', 'failed', 'timed-out', 'dead-lettered']);

/** A job store whose events can be read back by tests. */
export interface MemoryJobStore extends JobStore {
  readonly events: readonly JobEvent[];
}

function percentile(sorted: readonly number[], ratio: number): number {
  return sorted[Math.max(0, Math.ceil(ratio * sorted.length) - 1)] ?? 0;
}

function summarise(jobId: string, events: readonly JobEvent[]): JobSummary {
  const latest = events[events.length - 1] as JobEvent;
  const withExit = events.findLast((event) => event.exitCode !== undefined);
  const withDuration = events.findLast((event) => event.durationMs !== undefined);
  const withSubject = events.findLast((event) => event.subject !== undefined);
  return {
    jobId,
    source: latest.source,
    state: latest.type,
    attempts: Math.max(0, ...events.map((event) => event.attempt ?? 0)),
    firstSeenMs: events[0]?.timeMs ?? latest.timeMs,
    lastSeenMs: latest.timeMs,
    ...(withExit !== undefined && { exitCode: withExit.exitCode ?? null }),
    ...(withDuration?.durationMs !== undefined && { durationMs: withDuration.durationMs }),
    ...(withSubject?.subject !== undefined && { subject: withSubject.subject }),
  };
}

/** Creates an empty in-memory job store. */
export function createMemoryJobStore(): MemoryJobStore {
  const events: JobEvent[] = [];
  const byJob = (): Map<string, JobEvent[]> => {
    const jobs = new Map<string, JobEvent[]>();
    for (const event of events) jobs.set(event.jobId, [...(jobs.get(event.jobId) ?? []), event]);
    return jobs;
  };
  return {
    events,
    async append(appended) {
      events.push(...appended);
      events.sort((a, b) => a.timeMs - b.timeMs);
    },
    async list({ state, sinceMs, limit }) {
      return [...byJob()]
        .map(([jobId, jobEvents]) => summarise(jobId, jobEvents))
        .filter((job) => (state === undefined || job.state === state) && (sinceMs === undefined || job.lastSeenMs >= sinceMs))
        .sort((a, b) => b.lastSeenMs - a.lastSeenMs)
        .slice(0, limit);
    },
    async history(jobId) {
      return events.filter((event) => event.jobId === jobId);
    },
    async stats({ sinceMs, untilMs }): Promise<JobStats> {
      const inWindow = events.filter((event) => outcomeTypes.has(event.type) && event.timeMs >= sinceMs && event.timeMs <= untilMs);
      const outcomes = [...new Set(inWindow.map((event) => event.type))].map((outcome): OutcomeStats => {
        const ofType = inWindow.filter((event) => event.type === outcome);
        const durations = ofType.flatMap((event) => (event.durationMs === undefined ? [] : [event.durationMs])).sort((a, b) => a - b);
        return {
          outcome,
          count: ofType.length,
          ...(durations.length > 0 && {
            durationMs: { p50: percentile(durations, 0.5), p90: percentile(durations, 0.9), p99: percentile(durations, 0.99), max: durations[durations.length - 1] ?? 0 },
          }),
        };
      });
      return { sinceMs, untilMs, outcomes };
    },
    async close() {},
  };
}
