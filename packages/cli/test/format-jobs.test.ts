/** How `watchbot jobs` prints history: aligned columns for people, stable JSON for scripts. */
import { describe, expect, it } from 'vitest';
import { formatJobDuration, formatJobHistoryJson, formatJobHistoryText, formatJobListJson, formatJobListText, formatJobStatsJson, formatJobStatsText } from '../src/format-jobs.js';
import type { JobEvent } from '@watchbot/job-tracking';

const t0 = Date.UTC(2026, 0, 1, 12);

const attempts: JobEvent[] = [
  { jobId: 'm-1', timeMs: t0, type: 'received', source: 'watcher', attempt: 1, host: 'box:7', subject: 'resize' },
  { jobId: 'm-1', timeMs: t0 + 5, type: 'started', source: 'watcher', attempt: 1, host: 'box:7', subject: 'resize' },
  { jobId: 'm-1', timeMs: t0 + 125, type: 'failed', source: 'watcher', attempt: 1, exitCode: 1, durationMs: 120, retryInSeconds: 2, outputTail: ['reading a.png', 'Error: disk full'], host: 'box:7', subject: 'resize' },
  { jobId: 'm-1', timeMs: t0 + 2_200, type: 'received', source: 'watcher', attempt: 2, host: 'box:7', subject: 'resize' },
  { jobId: 'm-1', timeMs: t0 + 2_201, type: 'timed-out', source: 'watcher', attempt: 2, exitCode: null, signal: 'SIGKILL', durationMs: 75_000, host: 'box:7', detail: 'ran past its max job duration' },
];

describe('formatJobHistoryText', () => {
  it("shows a job's attempts as aligned columns, with the output tail under the failure", () => {
    expect(formatJobHistoryText('m-1', attempts)).toBe(
      [
        'job m-1 (subject: resize)',
        '  2 attempts; latest: timed-out at 2026-01-01T12:00:02.201Z',
        '',
        'time                      event      attempt  exit  signal   duration  retry in  where',
        '2026-01-01T12:00:00.000Z  received   1                                           box:7',
        '2026-01-01T12:00:00.005Z  started    1                                           box:7',
        '2026-01-01T12:00:00.125Z  failed     1        1              0.120 s   2 s       box:7',
        '    | reading a.png',
        '    | Error: disk full',
        '2026-01-01T12:00:02.200Z  received   2                                           box:7',
        '2026-01-01T12:00:02.201Z  timed-out  2        none  SIGKILL  1m 15s              box:7',
        '    ran past its max job duration',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with times as ISO-8601 and absent fields left out', () => {
    expect(JSON.parse(formatJobHistoryJson('m-1', attempts.slice(2, 3)))).toEqual({
      jobId: 'm-1',
      events: [
        { time: '2026-01-01T12:00:00.125Z', type: 'failed', source: 'watcher', attempt: 1, exitCode: 1, durationMs: 120, retryInSeconds: 2, subject: 'resize', host: 'box:7', outputTail: ['reading a.png', 'Error: disk full'] },
      ],
    });
  });
});

describe('formatJobListText and formatJobListJson', () => {
  const jobs = [
    { jobId: 'm-2', source: 'watcher' as const, state: 'dead-lettered', attempts: 10, firstSeenMs: t0, lastSeenMs: t0 + 60_000, exitCode: 2, durationMs: 3_723_000, subject: 'import' },
    { jobId: 'm-1', source: 'watcher' as const, state: 'received', attempts: 1, firstSeenMs: t0, lastSeenMs: t0 },
  ];

  it('lists jobs in aligned columns, and says when the limit cut the list', () => {
    expect(formatJobListText(jobs, 'jobs', 2)).toBe(
      [
        'last seen                 job  state          attempts  exit  duration  subject',
        '2026-01-01T12:01:00.000Z  m-2  dead-lettered  10        2     1h 02m    import',
        '2026-01-01T12:00:00.000Z  m-1  received       1',
        '(the newest 2; --limit shows more)',
        '',
      ].join('\n'),
    );
    expect(formatJobListText([], 'failed jobs in the last 1h (history: /x.jobs.db)', 20)).toBe('no failed jobs in the last 1h (history: /x.jobs.db)\n');
  });

  it('prints JSON with the history it read', () => {
    expect(JSON.parse(formatJobListJson('/x.jobs.db', jobs))).toEqual({
      history: '/x.jobs.db',
      jobs: [
        { jobId: 'm-2', source: 'watcher', state: 'dead-lettered', attempts: 10, firstSeen: '2026-01-01T12:00:00.000Z', lastSeen: '2026-01-01T12:01:00.000Z', exitCode: 2, durationMs: 3_723_000, subject: 'import' },
        { jobId: 'm-1', source: 'watcher', state: 'received', attempts: 1, firstSeen: '2026-01-01T12:00:00.000Z', lastSeen: '2026-01-01T12:00:00.000Z' },
      ],
    });
  });
});

describe('formatJobStatsText and formatJobStatsJson', () => {
  const stats = {
    sinceMs: t0,
    untilMs: t0 + 3_600_000,
    outcomes: [
      { outcome: 'succeeded', count: 120, durationMs: { p50: 800, p90: 2_500, p99: 14_000, max: 61_000 } },
      { outcome: 'dead-lettered', count: 1 },
    ],
  };

  it('shows counts and duration percentiles per outcome, and the total', () => {
    expect(formatJobStatsText(stats, 'in the last 1h')).toBe(
      [
        'outcomes in the last 1h (2026-01-01T12:00:00.000Z to 2026-01-01T13:00:00.000Z)',
        'outcome        count  p50      p90      p99     max',
        'succeeded      120    0.800 s  2.500 s  14.0 s  1m 01s',
        'dead-lettered  1',
        'total          121',
        '',
      ].join('\n'),
    );
    expect(formatJobStatsText({ ...stats, outcomes: [] }, 'in the last 1h')).toBe('outcomes in the last 1h (2026-01-01T12:00:00.000Z to 2026-01-01T13:00:00.000Z): none recorded\n');
  });

  it('prints JSON with the window as ISO-8601 and durations in ms', () => {
    expect(JSON.parse(formatJobStatsJson('/x.jobs.db', stats))).toEqual({
      history: '/x.jobs.db',
      since: '2026-01-01T12:00:00.000Z',
      until: '2026-01-01T13:00:00.000Z',
      outcomes: [
        { outcome: 'succeeded', count: 120, durationMs: { p50: 800, p90: 2_500, p99: 14_000, max: 61_000 } },
        { outcome: 'dead-lettered', count: 1 },
      ],
    });
  });
});

describe('formatJobDuration', () => {
  it.each([
    [12, '0.012 s'],
    [42_500, '42.5 s'],
    [725_000, '12m 05s'],
    [10_920_000, '3h 02m'],
  ])('shows %d ms as %s', (ms, text) => {
    expect(formatJobDuration(ms)).toBe(text);
  });
});
