/**
 * Statistics from raw (type, duration) pairs, shared by both stores: counts per outcome and
 * nearest-rank duration percentiles, in the outcomes' natural order.
 */
import { isOutcomeType, toEventRank } from './job-event-types.js';
import type { JobStats, OutcomeStats } from './job-store.js';

/** Collects outcome events one at a time, then builds {@link JobStats}. */
export interface JobStatsBuilder {
  /** Counts one event; events that are not outcomes are ignored. */
  add(type: string, durationMs: number | undefined): void;
  /** The statistics of everything added. */
  build(): JobStats;
}

/** The nearest-rank percentile `fraction` (0 < fraction ≤ 1) of ascending `sorted`, which is not empty. */
function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Creates a builder for the window [sinceMs, untilMs]. */
export function createJobStatsBuilder(sinceMs: number, untilMs: number): JobStatsBuilder {
  const byType = new Map<string, { count: number; durations: number[] }>();
  return {
    add(type, durationMs) {
      if (!isOutcomeType(type)) return;
      let entry = byType.get(type);
      if (entry === undefined) {
        entry = { count: 0, durations: [] };
        byType.set(type, entry);
      }
      entry.count += 1;
      if (durationMs !== undefined && Number.isFinite(durationMs)) entry.durations.push(durationMs);
    },
    build() {
      const outcomes: OutcomeStats[] = [...byType.entries()]
        .sort(([a], [b]) => toEventRank(a) - toEventRank(b) || a.localeCompare(b))
        .map(([outcome, { count, durations }]) => {
          if (durations.length === 0) return { outcome, count };
          const sorted = Float64Array.from(durations).sort();
          const values = Array.from(sorted);
          return {
            outcome,
            count,
            durationMs: { p50: percentile(values, 0.5), p90: percentile(values, 0.9), p99: percentile(values, 0.99), max: values.at(-1) ?? 0 },
          };
        });
      return { sinceMs, untilMs, outcomes };
    },
  };
}
