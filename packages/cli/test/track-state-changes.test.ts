/**
 * The `track` loop on core's in-memory queue and manual clock, with a real SQLite job history:
 * every event recorded once and its message deleted only then, failures notified once, bodies
 * that are not events logged and dropped, and a job history that cannot write keeping the
 * messages on the queue until it can.
 */
import { join } from 'node:path';
import type { LogEntry } from '@watchbot/core';
import { createManualClock, createMemoryNotifier, createMemoryQueue } from '@watchbot/core/testing';
import { openSqliteJobStore } from '@watchbot/job-tracking';
import type { JobStore } from '@watchbot/job-tracking';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobEventWriter } from '../src/job-event-writer.js';
import { trackStateChanges } from '../src/track-state-changes.js';
import type { TrackStateChangesOptions } from '../src/track-state-changes.js';
import { makeTempDir } from './e2e/cli-process.js';
import { fixtureJobs, readStateChange, stateChangeFixtures } from './state-change-fixtures.js';

let dir: { path: string; remove: () => Promise<void> };
let store: JobStore;
beforeEach(async () => {
  dir = await makeTempDir();
  store = openSqliteJobStore({ path: join(dir.path, 'events.jobs.db') });
});
afterEach(async () => {
  await store.close();
  await dir.remove();
});

function setUp() {
  const clock = createManualClock();
  const queue = createMemoryQueue({ clock });
  const notifier = createMemoryNotifier();
  const logs: LogEntry[] = [];
  const logger = { log: (entry: LogEntry) => logs.push(entry) };
  const run = (overrides: Partial<TrackStateChangesOptions> = {}) =>
    trackStateChanges({ queue, writer: createJobEventWriter(store), notifier, logger, clock, waitMs: 0, exitWhenEmpty: true, stop: new Promise(() => undefined), ...overrides });
  return { clock, queue, notifier, logs, run };
}

describe('trackStateChanges', () => {
  it('records every ECS and Batch event once, notifies the two failures, and deletes every message, garbage included', async () => {
    const { queue, notifier, logs, run } = setUp();
    const bodies = stateChangeFixtures.map((name) => readStateChange(name));
    // EventBridge delivers at least once: the running event twice.
    await queue.send([...bodies, bodies[1]!, 'not an event {'].map((body) => ({ body })));

    const summary = await run();

    expect(summary).toEqual({ ecs: 4, batch: 3, notified: 2, repeats: 1, unknown: 2, notStored: 0 });
    expect((await store.history(fixtureJobs.taskA)).map((event) => [event.type, event.exitCode])).toEqual([
      ['PROVISIONING', undefined],
      ['RUNNING', undefined],
      ['STOPPED', 137],
    ]);
    expect((await store.history(fixtureJobs.batchX)).map((event) => [event.type, event.attempt, event.exitCode])).toEqual([
      ['RUNNABLE', undefined, undefined],
      ['FAILED', 2, 2],
    ]);
    expect(notifier.sent.map((notification) => [notification.kind, notification.messageId]).sort()).toEqual([
      ['failed', fixtureJobs.batchX],
      ['failed', fixtureJobs.taskA],
    ]);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    const garbage = logs.find((entry) => entry.level === 'warn' && entry.msg.includes('"not an event {"'));
    expect(garbage?.msg).toContain('(not JSON); deleted it');
  });

  it('keeps the messages on the queue while the job history cannot write, and records them once it can', async () => {
    const { clock, queue, notifier, logs, run } = setUp();
    await queue.send([{ body: readStateChange('batch-job-failed-after-retry.json') }, { body: readStateChange('ecs-task-running.json') }]);
    const down: Pick<JobStore, 'append'> = {
      append: async () => {
        throw new Error('database is locked');
      },
    };

    const first = await run({ writer: createJobEventWriter(down) });

    expect(first).toMatchObject({ ecs: 0, batch: 0, notified: 0, notStored: 2 });
    expect(notifier.sent).toEqual([]);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 2 });
    expect(logs.filter((entry) => entry.level === 'error').map((entry) => entry.msg)).toEqual([
      expect.stringContaining('job history: could not record Batch job event-test (4c7599ae-0a82-49aa-ba5a-4727fcce14a8): FAILED, exit 2 (database is locked); its message stays on the events queue'),
    ]);

    // The events come back after their visibility timeout (30 s) and are recorded then.
    await clock.advance(30_000);
    const second = await run();

    expect(second).toMatchObject({ ecs: 1, batch: 1, notified: 1, notStored: 0 });
    expect(await store.history(fixtureJobs.batchX)).toHaveLength(1);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('keeps polling an empty queue until it is told to stop', async () => {
    const { clock, queue, run } = setUp();
    let stop: () => void = () => undefined;
    const running = run({ exitWhenEmpty: false, stop: new Promise<void>((resolve) => (stop = resolve)) });
    await clock.advance(5_000);
    await queue.send([{ body: readStateChange('batch-job-y-succeeded.json') }]);
    await clock.advance(2_000);
    expect(await store.history(fixtureJobs.batchY)).toHaveLength(1);
    stop();
    expect(await running).toMatchObject({ batch: 1, notified: 0 });
  });
});
