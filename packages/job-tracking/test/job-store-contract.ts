/**
 * The contract every JobStore passes (SQLite and DynamoDB): what is appended comes back —
 * a job's history oldest first, listings newest first with their filters, statistics per
 * outcome — whatever the order and interleaving of the events, from the watcher or from ECS
 * and Batch. Each test gets a fresh, empty store.
 */
import { createManualClock } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isJobTrackingError } from '../src/index.js';
import type { JobEvent, JobStore } from '../src/index.js';

/** Opens a fresh, empty store on `clock`; `close` on the store releases it. */
export type MakeJobStore = (clock: ManualClock) => Promise<JobStore>;

/** Noon, 2026-01-01 UTC: the time the contract's events happen around. */
export const baseMs = Date.UTC(2026, 0, 1, 12);

/** A watcher event of `jobId`, `seconds` after {@link baseMs}. */
export function watcherEvent(jobId: string, type: string, seconds: number, extra: Partial<JobEvent> = {}): JobEvent {
  return { jobId, timeMs: baseMs + seconds * 1000, type, source: 'watcher', attempt: 1, host: 'worker-1:4242', ...extra };
}

/** The events of one attempt: received, started and its outcome, `durationMs` apart. */
export function attemptEvents(jobId: string, outcome: string, startSeconds: number, attempt: number, durationMs: number, extra: Partial<JobEvent> = {}): JobEvent[] {
  const startedMs = baseMs + startSeconds * 1000;
  return [
    { jobId, timeMs: startedMs, type: 'received', source: 'watcher', attempt },
    { jobId, timeMs: startedMs + 1, type: 'started', source: 'watcher', attempt },
    { jobId, timeMs: startedMs + 1 + durationMs, type: outcome, source: 'watcher', attempt, durationMs, ...extra },
  ];
}

/** Expects `promise` to reject with a one-line JobTrackingError of `code`. */
export async function expectJobTrackingError(promise: Promise<unknown>, code: string, text: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isJobTrackingError(error), `expected a JobTrackingError, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect((error as Error).message).toContain(text);
  expect((error as Error).message).not.toContain('\n');
}

/** Runs the JobStore contract against the stores `makeStore` opens. */
export function describeJobStoreContract(name: string, makeStore: MakeJobStore): void {
  describe(`JobStore contract: ${name}`, () => {
    let clock: ManualClock;
    let store: JobStore;
    beforeEach(async () => {
      clock = createManualClock(baseMs + 3_600_000);
      store = await makeStore(clock);
    });
    afterEach(async () => {
      await store.close();
    });

    it('has no history, no jobs and no statistics for an unknown job in an empty store', async () => {
      expect(await store.history('no-such-job')).toEqual([]);
      expect(await store.list({ limit: 10 })).toEqual([]);
      expect(await store.stats({ sinceMs: baseMs - 86_400_000, untilMs: clock.now() })).toEqual({ sinceMs: baseMs - 86_400_000, untilMs: clock.now(), outcomes: [] });
    });

    it("returns a job's events oldest first, every field as appended, whatever the order they came in", async () => {
      const failure: JobEvent = {
        ...watcherEvent('job-a', 'failed', 5),
        exitCode: 1,
        durationMs: 4_000,
        retryInSeconds: 2,
        outputTail: ['starting', 'Error: disk full', ''],
        subject: 'import',
        detail: 'one line',
      };
      const received = watcherEvent('job-a', 'received', 0, { subject: 'import' });
      const started = watcherEvent('job-a', 'started', 1, { subject: 'import' });
      await store.append([failure]);
      await store.append([started, received]);
      expect(await store.history('job-a')).toEqual([received, started, failure]);
      expect(await store.history('job-b')).toEqual([]);
    });

    it('keeps the natural order of events recorded in the same millisecond (a failure, then its dead-lettering)', async () => {
      const failed = watcherEvent('job-dl', 'failed', 10, { attempt: 3, exitCode: 2, durationMs: 100 });
      const deadLettered = watcherEvent('job-dl', 'dead-lettered', 10, { attempt: 3 });
      await store.append([failed, deadLettered]);
      expect((await store.history('job-dl')).map((event) => event.type)).toEqual(['failed', 'dead-lettered']);
      expect((await store.list({ limit: 1 }))[0]).toMatchObject({ jobId: 'job-dl', state: 'dead-lettered', attempts: 3, exitCode: 2 });
    });

    it('records an exit code of null (killed by a signal) apart from an unknown one', async () => {
      await store.append([watcherEvent('job-k', 'timed-out', 3, { exitCode: null, signal: 'SIGKILL', durationMs: 3_000 })]);
      await store.append([watcherEvent('job-u', 'received', 4)]);
      const [event] = await store.history('job-k');
      expect(event).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
      const jobs = await store.list({ limit: 10 });
      expect(jobs.find((job) => job.jobId === 'job-k')?.exitCode).toBeNull();
      expect(jobs.find((job) => job.jobId === 'job-u')).not.toHaveProperty('exitCode');
    });

    it('lists each job once, newest first, at its latest state, with attempts, times, exit code, duration and subject', async () => {
      await store.append([
        ...attemptEvents('job-1', 'failed', 0, 1, 1_500, { exitCode: 1, retryInSeconds: 2, subject: 'resize' }),
        ...attemptEvents('job-2', 'succeeded', 10, 1, 250, { exitCode: 0 }),
      ]);
      await store.append(attemptEvents('job-1', 'succeeded', 20, 2, 900, { exitCode: 0 }));
      await store.append([watcherEvent('job-3', 'received', 30)]);
      const jobs = await store.list({ limit: 10 });
      expect(jobs).toEqual([
        { jobId: 'job-3', source: 'watcher', state: 'received', attempts: 1, firstSeenMs: baseMs + 30_000, lastSeenMs: baseMs + 30_000 },
        { jobId: 'job-1', source: 'watcher', state: 'succeeded', attempts: 2, firstSeenMs: baseMs, lastSeenMs: baseMs + 20_901, exitCode: 0, durationMs: 900, subject: 'resize' },
        { jobId: 'job-2', source: 'watcher', state: 'succeeded', attempts: 1, firstSeenMs: baseMs + 10_000, lastSeenMs: baseMs + 10_251, exitCode: 0, durationMs: 250 },
      ]);
    });

    it('keeps the exit code of the last outcome while a retried job waits for its next attempt', async () => {
      await store.append(attemptEvents('job-r', 'failed', 0, 1, 40, { exitCode: 7, retryInSeconds: 2 }));
      await store.append([watcherEvent('job-r', 'received', 3, { attempt: 2 })]);
      expect(await store.list({ limit: 5 })).toEqual([
        { jobId: 'job-r', source: 'watcher', state: 'received', attempts: 2, firstSeenMs: baseMs, lastSeenMs: baseMs + 3_000, exitCode: 7, durationMs: 40 },
      ]);
    });

    it('filters listings by latest state and by time, and stops at the limit', async () => {
      for (let index = 0; index < 6; index++) {
        await store.append(attemptEvents(`job-${index}`, index % 2 === 0 ? 'failed' : 'succeeded', index * 60, 1, 10, { exitCode: index % 2 === 0 ? 1 : 0 }));
      }
      expect((await store.list({ state: 'failed', limit: 10 })).map((job) => job.jobId)).toEqual(['job-4', 'job-2', 'job-0']);
      expect((await store.list({ state: 'succeeded', limit: 2 })).map((job) => job.jobId)).toEqual(['job-5', 'job-3']);
      expect((await store.list({ sinceMs: baseMs + 180_000, limit: 10 })).map((job) => job.jobId)).toEqual(['job-5', 'job-4', 'job-3']);
      expect((await store.list({ state: 'failed', sinceMs: baseMs + 180_000, limit: 10 })).map((job) => job.jobId)).toEqual(['job-4']);
      expect(await store.list({ state: 'rejected', limit: 10 })).toEqual([]);
      expect((await store.list({ limit: 1 })).map((job) => job.jobId)).toEqual(['job-5']);
    });

    it('counts outcomes and their duration percentiles in a window, leaving out receives, starts and events outside it', async () => {
      const events: JobEvent[] = [];
      for (let index = 1; index <= 100; index++) events.push(...attemptEvents(`ok-${index}`, 'succeeded', index, 1, index * 10, { exitCode: 0 }));
      events.push(...attemptEvents('bad-1', 'failed', 200, 1, 5_000, { exitCode: 1 }));
      events.push(...attemptEvents('bad-2', 'failed', 201, 1, 7_000, { exitCode: 1 }));
      events.push(watcherEvent('bad-2', 'dead-lettered', 208));
      events.push(...attemptEvents('late', 'succeeded', 5_000, 1, 999_999, { exitCode: 0 }));
      await store.append(events);
      const stats = await store.stats({ sinceMs: baseMs, untilMs: baseMs + 1_000_000 });
      expect(stats).toEqual({
        sinceMs: baseMs,
        untilMs: baseMs + 1_000_000,
        outcomes: [
          { outcome: 'succeeded', count: 100, durationMs: { p50: 500, p90: 900, p99: 990, max: 1_000 } },
          { outcome: 'failed', count: 2, durationMs: { p50: 5_000, p90: 7_000, p99: 7_000, max: 7_000 } },
          { outcome: 'dead-lettered', count: 1 },
        ],
      });
    });

    it("keeps many jobs' interleaved events apart, across appends", async () => {
      const jobIds = Array.from({ length: 40 }, (_, index) => `mixed-${String(index).padStart(2, '0')}`);
      const byJob = new Map(jobIds.map((jobId, index) => [jobId, attemptEvents(jobId, index % 3 === 0 ? 'failed' : 'succeeded', index, 1, 100 + index, { exitCode: index % 3 === 0 ? 1 : 0 })]));
      // Round-robin: every job's first event, then every job's second, then the third; in three appends.
      for (let step = 0; step < 3; step++) await store.append(jobIds.map((jobId) => byJob.get(jobId)?.[step] as JobEvent));
      for (const jobId of jobIds) expect(await store.history(jobId)).toEqual(byJob.get(jobId));
      const listed = await store.list({ limit: 100 });
      expect(listed.map((job) => job.jobId)).toEqual([...jobIds].reverse());
      expect(listed.filter((job) => job.state === 'failed')).toHaveLength(14);
      const stats = await store.stats({ sinceMs: baseMs, untilMs: clock.now() });
      expect(stats.outcomes.map(({ outcome, count }) => ({ outcome, count }))).toEqual([
        { outcome: 'succeeded', count: 26 },
        { outcome: 'failed', count: 14 },
      ]);
    });

    it('stores 250 events in one append', async () => {
      const events = Array.from({ length: 250 }, (_, index) => watcherEvent(`bulk-${index % 50}`, index < 50 ? 'received' : index < 100 ? 'started' : 'succeeded', index, { attempt: Math.floor(index / 150) + 1 }));
      await store.append(events);
      expect(await store.list({ limit: 100 })).toHaveLength(50);
      expect((await store.history('bulk-7')).map((event) => `${event.type}/${event.attempt}`)).toEqual(['received/1', 'started/1', 'succeeded/1', 'succeeded/2', 'succeeded/2']);
    });

    it('records ECS task and Batch job state changes, their status as the type', async () => {
      const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/watchbot/0123456789abcdef';
      const task: JobEvent[] = [
        { jobId: taskArn, timeMs: baseMs, type: 'PROVISIONING', source: 'ecs', host: taskArn },
        { jobId: taskArn, timeMs: baseMs + 5_000, type: 'RUNNING', source: 'ecs', host: taskArn },
        { jobId: taskArn, timeMs: baseMs + 65_000, type: 'STOPPED', source: 'ecs', host: taskArn, exitCode: 137, durationMs: 60_000, detail: 'Essential container in task exited' },
      ];
      const batch: JobEvent[] = [
        { jobId: 'batch-job-1', timeMs: baseMs + 1_000, type: 'SUBMITTED', source: 'batch', subject: 'nightly-report' },
        { jobId: 'batch-job-1', timeMs: baseMs + 2_000, type: 'RUNNING', source: 'batch', attempt: 1, subject: 'nightly-report' },
        { jobId: 'batch-job-1', timeMs: baseMs + 9_000, type: 'SUCCEEDED', source: 'batch', attempt: 1, exitCode: 0, durationMs: 7_000, subject: 'nightly-report' },
      ];
      // Platform events may arrive late and out of order.
      await store.append([task[2] as JobEvent, batch[0] as JobEvent]);
      await store.append([task[0] as JobEvent, batch[2] as JobEvent, task[1] as JobEvent, batch[1] as JobEvent]);
      expect(await store.history(taskArn)).toEqual(task);
      expect(await store.history('batch-job-1')).toEqual(batch);
      const jobs = await store.list({ limit: 10 });
      expect(jobs).toEqual([
        { jobId: taskArn, source: 'ecs', state: 'STOPPED', attempts: 0, firstSeenMs: baseMs, lastSeenMs: baseMs + 65_000, exitCode: 137, durationMs: 60_000 },
        { jobId: 'batch-job-1', source: 'batch', state: 'SUCCEEDED', attempts: 1, firstSeenMs: baseMs + 1_000, lastSeenMs: baseMs + 9_000, exitCode: 0, durationMs: 7_000, subject: 'nightly-report' },
      ]);
      expect((await store.list({ state: 'STOPPED', limit: 10 })).map((job) => job.jobId)).toEqual([taskArn]);
      const stats = await store.stats({ sinceMs: baseMs, untilMs: baseMs + 100_000 });
      expect(stats.outcomes).toEqual([
        { outcome: 'STOPPED', count: 1, durationMs: { p50: 60_000, p90: 60_000, p99: 60_000, max: 60_000 } },
        { outcome: 'SUCCEEDED', count: 1, durationMs: { p50: 7_000, p90: 7_000, p99: 7_000, max: 7_000 } },
      ]);
    });

    it('does not let a late, older event overwrite a newer state', async () => {
      await store.append([watcherEvent('job-late', 'succeeded', 10, { exitCode: 0, durationMs: 8_000 })]);
      await store.append([watcherEvent('job-late', 'received', 1)]);
      expect(await store.list({ limit: 1 })).toEqual([
        { jobId: 'job-late', source: 'watcher', state: 'succeeded', attempts: 1, firstSeenMs: baseMs + 1_000, lastSeenMs: baseMs + 10_000, exitCode: 0, durationMs: 8_000 },
      ]);
    });

    it('refuses a batch with an event it cannot store, naming it, and stores none of the batch', async () => {
      const bad = { ...watcherEvent('', 'received', 1) };
      await expectJobTrackingError(store.append([watcherEvent('job-ok', 'received', 0), bad]), 'INVALID_EVENT', 'event 1');
      await expectJobTrackingError(store.append([{ ...watcherEvent('job-t', 'received', 0), timeMs: -5 }]), 'INVALID_EVENT', 'timeMs');
      expect(await store.history('job-ok')).toEqual([]);
    });

    it('refuses a listing limit out of range with INVALID_OPTION', async () => {
      await expectJobTrackingError(store.list({ limit: 0 }), 'INVALID_OPTION', 'limit: 0 is not valid');
    });
  });
}
