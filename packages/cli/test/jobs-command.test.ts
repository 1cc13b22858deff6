/** `watchbot jobs` in-process, over a history file written by the SQLite job store: what each action prints, and its usage errors. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteJobStore } from '@watchbot/job-tracking';
import type { JobEvent } from '@watchbot/job-tracking';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { captureIo } from './capture-io.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchbot-jobs-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Records a flaky job (failed, then succeeded) and a dead-lettered one, in the history beside the default queue. */
async function seedHistory(): Promise<void> {
  const now = Date.now() - 60_000;
  const event = (jobId: string, type: string, offsetMs: number, extra: Partial<JobEvent> = {}): JobEvent => ({ jobId, type, timeMs: now + offsetMs, source: 'watcher', attempt: 1, host: 'box:7', ...extra });
  const store = openSqliteJobStore({ path: join(dir, '.watchbot', 'default.jobs.db') });
  await store.append([
    event('flaky', 'received', 0),
    event('flaky', 'started', 1),
    event('flaky', 'failed', 101, { exitCode: 1, durationMs: 100, retryInSeconds: 2, outputTail: ['Error: upstream timed out'] }),
    event('flaky', 'received', 2_200, { attempt: 2 }),
    event('flaky', 'started', 2_201, { attempt: 2 }),
    event('flaky', 'succeeded', 2_251, { attempt: 2, exitCode: 0, durationMs: 50 }),
    event('broken', 'received', 3_000),
    event('broken', 'started', 3_001),
    event('broken', 'failed', 3_031, { exitCode: 2, durationMs: 30, outputTail: ['no such file'] }),
    event('broken', 'dead-lettered', 3_031),
  ]);
  await store.close();
}

async function run(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = captureIo(dir);
  const status = await main(args, io);
  return { status, out: io.out(), err: io.err() };
}

describe('watchbot jobs', () => {
  it('lists jobs newest first, filtered by state', async () => {
    await seedHistory();
    const all = await run('jobs', 'list');
    expect(all.status).toBe(0);
    expect(all.out.split('\n').slice(0, 3).map((line) => line.split(/\s{2,}/).slice(1, 5))).toEqual([
      ['job', 'state', 'attempts', 'exit'],
      ['broken', 'dead-lettered', '1', '2'],
      ['flaky', 'succeeded', '2', '0'],
    ]);
    const deadLettered = JSON.parse((await run('jobs', 'list', '--state', 'dead-lettered', '--since', '1h', '--json')).out) as { jobs: { jobId: string }[] };
    expect(deadLettered.jobs.map((job) => job.jobId)).toEqual(['broken']);
  });

  it("shows one job's attempts with exit codes, the retry and the failure's output", async () => {
    await seedHistory();
    const shown = await run('jobs', 'show', 'flaky');
    expect(shown.status).toBe(0);
    expect(shown.out).toContain('2 attempts; latest: succeeded');
    expect(shown.out).toMatch(/failed +1 +1 +0\.100 s +2 s +box:7\n {4}\| Error: upstream timed out\n/);
    expect(shown.out).toMatch(/succeeded +2 +0 +0\.050 s +box:7\n/);
  });

  it('counts outcomes with their duration percentiles', async () => {
    await seedHistory();
    const stats = JSON.parse((await run('jobs', 'stats', '--json')).out) as { outcomes: unknown[] };
    expect(stats.outcomes).toEqual([
      { outcome: 'succeeded', count: 1, durationMs: { p50: 50, p90: 50, p99: 50, max: 50 } },
      { outcome: 'failed', count: 2, durationMs: { p50: 30, p90: 100, p99: 100, max: 100 } },
      { outcome: 'dead-lettered', count: 1 },
    ]);
  });

  it('says a job is unknown with exit status 1', async () => {
    await seedHistory();
    const shown = await run('jobs', 'show', 'nope');
    expect(shown.status).toBe(1);
    expect(shown.err).toBe(`watchbot: jobs show: no history for job nope in ${join(dir, '.watchbot', 'default.jobs.db')}\n`);
  });

  it('reads a queue without history as empty, and does not create the history file', async () => {
    const listed = await run('jobs', 'list', '--queue', 'jobs');
    expect(listed).toEqual({ status: 0, out: `no jobs (history: ${join(dir, '.watchbot', 'jobs.jobs.db')})\n`, err: '' });
    expect((await run('jobs', 'stats')).out).toContain('none recorded');
    expect(existsSync(join(dir, '.watchbot'))).toBe(false);
  });

  it.each([
    [['jobs', 'list', '--since', 'yesterday'], 'watchbot: --since: "yesterday" is not valid; expected a duration such as 30s, 15m, 1h or 7d'],
    [['jobs', 'list', '--state', 'failing'], 'watchbot: --state: "failing" is not valid; expected one of received, started, succeeded'],
    [['jobs', 'list', '--limit', '0'], 'watchbot: --limit: "0" is not valid; expected a whole number from 1 to 1000'],
    [['jobs', 'show'], 'watchbot: jobs show: give the message id'],
    [['jobs', 'list', 'm-1'], 'watchbot: jobs list: takes no message id ("m-1"); did you mean jobs show?'],
    [['jobs', 'stats', '--state', 'failed'], 'watchbot: jobs stats: --state is for list'],
    [['jobs', 'tail'], 'watchbot: '],
  ])('refuses %j with one line and exit status 2', async (args, message) => {
    const result = await run(...args);
    expect(result.status).toBe(2);
    expect(result.err.split('\n')[0]).toContain(message);
    expect(result.err.split('\n')[1]).toBe("Run 'watchbot jobs --help' for usage.");
  });
});
