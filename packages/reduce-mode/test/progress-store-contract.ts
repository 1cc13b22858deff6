/**
 * The contract every ProgressStore passes (SQLite and DynamoDB): exactly-once completion,
 * duplicates counted once, progress below 1 until done, and typed errors for the rest.
 * Each test uses its own job ids, so one store may serve the whole suite.
 */
import { createManualClock } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReduceModeError } from '../src/index.js';
import type { ProgressStore, ReduceModeErrorCode } from '../src/index.js';

/** Opens a store on `clock`; `close` on the store releases it. */
export type MakeStore = (clock: ManualClock) => Promise<ProgressStore>;

/** Expects `promise` to reject with a one-line ReduceModeError of `code` that names `jobId`. */
export async function expectReduceModeError(promise: Promise<unknown>, code: ReduceModeErrorCode, jobId: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isReduceModeError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toContain(jobId);
  expect((error as Error).message).not.toContain('\n');
}

let nextJob = 0;
const newJobId = (): string => `job-${Date.now()}-${++nextJob}`;

/** Runs the ProgressStore contract against the store `makeStore` opens. */
export function describeProgressStoreContract(name: string, makeStore: MakeStore): void {
  describe(`ProgressStore contract: ${name}`, () => {
    const clock = createManualClock();
    let store: ProgressStore;
    beforeAll(async () => {
      store = await makeStore(clock);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('creates a job with its total, metadata and timestamps', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 4, { source: 'test' });
      expect(await store.getStatus(jobId)).toEqual({
        jobId,
        totalParts: 4,
        completedParts: 0,
        progress: 0,
        done: false,
        metadata: { source: 'test' },
        reduceSent: false,
        createdAtMs: clock.now(),
        updatedAtMs: clock.now(),
      });
    });

    it('reports completion to exactly the call that completes the last part', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 3);
      expect(await store.completePart(jobId, 2)).toEqual({ completedJob: false, progress: 1 / 3 });
      expect(await store.completePart(jobId, 1)).toEqual({ completedJob: false, progress: 2 / 3 });
      expect(await store.completePart(jobId, 3)).toEqual({ completedJob: true, progress: 1 });
      expect(await store.completePart(jobId, 3)).toEqual({ completedJob: false, progress: 1 });
      expect(await store.completePart(jobId, 1)).toEqual({ completedJob: false, progress: 1 });
      expect(await store.getStatus(jobId)).toMatchObject({ completedParts: 3, progress: 1, done: true });
    });

    it('reports completion once when the last parts complete at the same time', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 20);
      const parts = Array.from({ length: 20 }, (_, index) => index + 1);
      const results = await Promise.all([...parts, ...parts].map((part) => store.completePart(jobId, part)));
      expect(results.filter((result) => result.completedJob)).toHaveLength(1);
      expect(await store.getStatus(jobId)).toMatchObject({ completedParts: 20, done: true });
    });

    it('does not count a part completed twice', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 4);
      await store.completePart(jobId, 2);
      expect(await store.completePart(jobId, 2)).toEqual({ completedJob: false, progress: 0.25 });
      expect(await store.getStatus(jobId)).toMatchObject({ completedParts: 1, progress: 0.25, done: false });
    });

    it('never reads progress 1 before every part is complete', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 9);
      for (let part = 1; part < 9; part++) {
        const { progress } = await store.completePart(jobId, part);
        expect(progress).toBeLessThan(1);
        expect((await store.getStatus(jobId))?.progress).toBeLessThan(1);
      }
      expect((await store.completePart(jobId, 9)).progress).toBe(1);
    });

    it('rejects every call on an unknown job with UNKNOWN_JOB, and reads no status', async () => {
      const jobId = newJobId();
      expect(await store.getStatus(jobId)).toBeUndefined();
      await expectReduceModeError(store.completePart(jobId, 1), 'UNKNOWN_JOB', jobId);
      await expectReduceModeError(store.failJob(jobId, 'boom'), 'UNKNOWN_JOB', jobId);
      await expectReduceModeError(store.setMetadata(jobId, { a: 1 }), 'UNKNOWN_JOB', jobId);
      await expectReduceModeError(store.markReduceSent(jobId), 'UNKNOWN_JOB', jobId);
      expect(await store.getStatus(jobId)).toBeUndefined();
    });

    it('rejects completing a part of a failed job with JOB_FAILED, and keeps the reason', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 2);
      await store.completePart(jobId, 1);
      await store.failJob(jobId, 'part 2 input is corrupt');
      await expectReduceModeError(store.completePart(jobId, 2), 'JOB_FAILED', jobId);
      expect(await store.getStatus(jobId)).toMatchObject({ completedParts: 1, done: false, failed: { reason: 'part 2 input is corrupt' } });
    });

    it('rejects part numbers outside 1..totalParts or not integers with INVALID_PART', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 5);
      for (const part of [0, 6, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expectReduceModeError(store.completePart(jobId, part), 'INVALID_PART', jobId);
      }
      expect(await store.getStatus(jobId)).toMatchObject({ completedParts: 0, progress: 0 });
    });

    it('merges metadata and moves updatedAtMs', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 1, { a: 1, b: 2 });
      const createdAtMs = clock.now();
      await clock.advance(5_000);
      await store.setMetadata(jobId, { b: 3, c: { nested: true } });
      expect(await store.getStatus(jobId)).toMatchObject({ metadata: { a: 1, b: 3, c: { nested: true } }, createdAtMs, updatedAtMs: createdAtMs + 5_000 });
    });

    it('marks the reduce sent for the first caller only', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 1);
      const first = await Promise.all([1, 2, 3, 4, 5].map(() => store.markReduceSent(jobId)));
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await store.markReduceSent(jobId)).toBe(false);
      expect((await store.getStatus(jobId))?.reduceSent).toBe(true);
    });

    it('treats setting the same total again as a no-op', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 3, { first: true });
      await store.completePart(jobId, 1);
      await store.setTotal(jobId, 3, { second: true });
      expect(await store.getStatus(jobId)).toMatchObject({ totalParts: 3, completedParts: 1, metadata: { first: true } });
    });

    it('rejects a different total with TOTAL_ALREADY_SET', async () => {
      const jobId = newJobId();
      await store.setTotal(jobId, 3);
      await expectReduceModeError(store.setTotal(jobId, 4), 'TOTAL_ALREADY_SET', jobId);
      expect((await store.getStatus(jobId))?.totalParts).toBe(3);
    });

    it('rejects a total that is not a positive integer with INVALID_OPTION', async () => {
      const jobId = newJobId();
      for (const total of [0, -2, 2.5, Number.NaN]) {
        await expectReduceModeError(store.setTotal(jobId, total), 'INVALID_OPTION', jobId);
      }
      expect(await store.getStatus(jobId)).toBeUndefined();
    });
  });
}
