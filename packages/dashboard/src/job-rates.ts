/**
 * Turns a job store's window statistics into the numbers the dashboard shows: throughput,
 * failure rate and the duration percentiles of successful runs.
 */
import type { JobStats } from '@watchbot/job-tracking';
import type { JobRates } from './dashboard-summary.js';

/**
 * Outcomes that settle an attempt: the watcher's, and AWS Batch's final states. A no-op or a
 * stop (returned) is not work done; dead-lettering follows a failure already counted; an ECS
 * task's STOPPED says nothing of success.
 */
const settledOutcomes = new Set(['succeeded', 'rejected', 'failed', 'timed-out', 'SUCCEEDED', 'FAILED']);
/** Outcomes that count against the failure rate. */
const failedOutcomes = new Set(['failed', 'timed-out', 'FAILED']);
/** Outcomes whose durations are "how long a job takes", in order of preference. */
const successOutcomes = ['succeeded', 'SUCCEEDED'];

/** Computes {@link JobRates} from `stats` (any window length; the window is taken from the stats). */
export function toJobRates(stats: JobStats): JobRates {
  const windowMs = Math.max(1, stats.untilMs - stats.sinceMs);
  const outcomes: Record<string, number> = {};
  let settled = 0;
  let failed = 0;
  for (const { outcome, count } of stats.outcomes) {
    outcomes[outcome] = (outcomes[outcome] ?? 0) + count;
    if (settledOutcomes.has(outcome)) settled += count;
    if (failedOutcomes.has(outcome)) failed += count;
  }
  // Percentiles of different outcomes cannot be merged; a successful run's duration is what "how long a job takes" means.
  const durations = successOutcomes.map((type) => stats.outcomes.find((entry) => entry.outcome === type)?.durationMs).find((entry) => entry !== undefined);
  return {
    windowMs,
    settled,
    perMinute: (settled * 60_000) / windowMs,
    failureRate: settled === 0 ? null : failed / settled,
    durationMs: durations === undefined ? null : { p50: durations.p50, p90: durations.p90, p99: durations.p99 },
    outcomes,
  };
}
