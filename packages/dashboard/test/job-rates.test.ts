import { describe, expect, it } from 'vitest';
import { toJobRates } from '../src/index.js';

describe('toJobRates', () => {
  it('has no failure rate and no durations when nothing settled', () => {
    expect(toJobRates({ sinceMs: 0, untilMs: 60_000, outcomes: [{ outcome: 'returned', count: 3 }] })).toEqual({
      windowMs: 60_000,
      settled: 0,
      perMinute: 0,
      failureRate: null,
      durationMs: null,
      outcomes: { returned: 3 },
    });
  });

  it('counts rejections as settled but not failed, and dead-lettering not twice', () => {
    const rates = toJobRates({
      sinceMs: 0,
      untilMs: 120_000,
      outcomes: [
        { outcome: 'succeeded', count: 6, durationMs: { p50: 10, p90: 20, p99: 30, max: 40 } },
        { outcome: 'rejected', count: 2 },
        { outcome: 'failed', count: 2, durationMs: { p50: 1, p90: 1, p99: 1, max: 1 } },
        { outcome: 'dead-lettered', count: 1 },
      ],
    });
    expect(rates).toMatchObject({ settled: 10, perMinute: 5, failureRate: 0.2, durationMs: { p50: 10, p90: 20, p99: 30 } });
  });

  it('counts AWS Batch jobs that ended, and times them when no watcher job succeeded', () => {
    const rates = toJobRates({
      sinceMs: 0,
      untilMs: 60_000,
      outcomes: [
        { outcome: 'SUCCEEDED', count: 3, durationMs: { p50: 1000, p90: 2000, p99: 3000, max: 3000 } },
        { outcome: 'FAILED', count: 1 },
        { outcome: 'STOPPED', count: 4 },
      ],
    });
    expect(rates).toMatchObject({ settled: 4, perMinute: 4, failureRate: 0.25, durationMs: { p50: 1000, p90: 2000, p99: 3000 } });
  });
});
