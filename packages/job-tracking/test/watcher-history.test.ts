/**
 * The sink under a real watcher (core's watcher loop over the in-memory queue, on a manual
 * clock): what a user reads back from each store after a message failed once and then
 * succeeded, and how many store writes each message costs.
 */
import { join } from 'node:path';
import { createFunctionRunner, createWatcher, sleep } from '@watchbot/core';
import type { LogEntry } from '@watchbot/core';
import { createManualClock, createMemoryQueue } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoJobStore, createJobHistorySink, openSqliteJobStore } from '../src/index.js';
import type { JobStore } from '../src/index.js';
import { startDynaliteJobTables } from './dynalite-job-tables.js';
import type { DynaliteJobTables, RecordedCall } from './dynalite-job-tables.js';
import { createTempFolder } from './temp-folder.js';
import type { TempFolder } from './temp-folder.js';

let folder: TempFolder;
let dynamo: DynaliteJobTables;
beforeAll(async () => {
  folder = await createTempFolder();
  dynamo = await startDynaliteJobTables();
});
afterAll(async () => {
  await folder.remove();
  await dynamo.close();
});

/**
 * Runs `bodies` through a watcher whose worker fails the first attempt of a body starting with
 * "flaky" and takes `workMs` per job; resolves once the queue is empty and the sink closed.
 */
async function runWatcher(clock: ManualClock, store: JobStore, bodies: readonly string[], workMs = 0): Promise<{ ids: string[]; appends: number; logs: LogEntry[] }> {
  const queue = createMemoryQueue({ clock });
  const ids = await queue.send(bodies.map((body) => ({ body })));
  const logs: LogEntry[] = [];
  let appends = 0;
  const counted: JobStore = { ...store, append: (events) => ((appends += 1), store.append(events)) };
  const sink = createJobHistorySink({ store: counted, clock, logger: { log: (entry) => logs.push(entry) }, host: 'box:7', flushIntervalMs: 1_000 });
  const runner = createFunctionRunner(async (job) => {
    if (workMs > 0) await sleep(clock, workMs);
    if (job.message.body.startsWith('flaky') && job.message.receiveCount === 1) {
      job.onOutput('stderr', 'Error: upstream timed out');
      return 1;
    }
    return 0;
  });
  const watcher = createWatcher({ queue, runner, clock, events: sink, exitWhenEmpty: true, concurrency: 4, random: () => 0.5 });
  let finished = false;
  const run = watcher.run().finally(() => {
    finished = true;
  });
  while (!finished) await clock.advance(250);
  await run;
  await sink.close();
  return { ids, appends, logs };
}

describe('job history under a real watcher', () => {
  it('shows both attempts of a message that failed once, with exit codes, the retry and the output tail', async () => {
    const clock = createManualClock();
    const store = openSqliteJobStore({ path: join(folder.dir, 'watcher.jobs.db'), clock });
    const { ids } = await runWatcher(clock, store, ['flaky job']);
    const [id] = ids as [string];
    const history = await store.history(id);
    expect(history.map(({ type, attempt, exitCode, retryInSeconds }) => ({ type, attempt, exitCode, retryInSeconds }))).toEqual([
      { type: 'received', attempt: 1, exitCode: undefined, retryInSeconds: undefined },
      { type: 'started', attempt: 1, exitCode: undefined, retryInSeconds: undefined },
      { type: 'failed', attempt: 1, exitCode: 1, retryInSeconds: expect.any(Number) },
      { type: 'received', attempt: 2, exitCode: undefined, retryInSeconds: undefined },
      { type: 'started', attempt: 2, exitCode: undefined, retryInSeconds: undefined },
      { type: 'succeeded', attempt: 2, exitCode: 0, retryInSeconds: undefined },
    ]);
    expect(history[2]).toMatchObject({ outputTail: ['Error: upstream timed out'], host: 'box:7' });
    expect(history[3]?.timeMs).toBeGreaterThanOrEqual((history[2]?.timeMs ?? 0) + (history[2]?.retryInSeconds ?? 0) * 1000);
    expect(await store.list({ limit: 5 })).toEqual([expect.objectContaining({ jobId: id, state: 'succeeded', attempts: 2, exitCode: 0 })]);
    const stats = await store.stats({ sinceMs: 0, untilMs: clock.now() });
    expect(stats.outcomes.map(({ outcome, count }) => ({ outcome, count }))).toEqual([
      { outcome: 'succeeded', count: 1 },
      { outcome: 'failed', count: 1 },
    ]);
    await store.close();
  });

  it('writes SQLite once per flush, not once per event', async () => {
    const clock = createManualClock();
    const store = openSqliteJobStore({ path: join(folder.dir, 'batched.jobs.db'), clock });
    const bodies = Array.from({ length: 40 }, (_, index) => `job ${index}`);
    const { appends } = await runWatcher(clock, store, bodies);
    expect((await store.list({ limit: 100 })).length).toBe(40);
    // 120 events (received, started, succeeded × 40), written in a handful of transactions.
    expect(appends).toBeLessThanOrEqual(4);
    await store.close();
  });

  it.each([
    { jobs: 'quick jobs (all of a message in one flush)', workMs: 0, writesPerMessage: 4 },
    { jobs: 'long jobs (start and outcome in different flushes)', workMs: 5_000, writesPerMessage: 5 },
  ])('costs DynamoDB $writesPerMessage write requests per message for $jobs', async ({ workMs, writesPerMessage }) => {
    const clock = createManualClock();
    const tableName = await dynamo.createTable();
    const { client, calls } = dynamo.createClient();
    const store = createDynamoJobStore({ tableName, client, clock });
    const messages = 20;
    await runWatcher(
      clock,
      store,
      Array.from({ length: messages }, (_, index) => `job ${index}`),
      workMs,
    );
    const writes = (call: RecordedCall): number =>
      call.action === 'BatchWriteItem' ? ((call.input['RequestItems'] as Record<string, unknown[]>)[tableName]?.length ?? 0) : call.action === 'UpdateItem' ? 1 : 0;
    const total = calls.reduce((sum, call) => sum + writes(call), 0);
    expect(total / messages).toBe(writesPerMessage);
    expect((await store.list({ limit: 100 })).length).toBe(messages);
    await store.close();
  });
});
