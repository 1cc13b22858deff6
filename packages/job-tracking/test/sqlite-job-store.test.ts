/** The JobStore contract on the SQLite store, and what only a file on one machine has to get right. */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { createManualClock } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../src/index.js';
import { sqliteJobQueries } from '../src/open-sqlite-job-store.js';
import { attemptEvents, baseMs, describeJobStoreContract, expectJobTrackingError, watcherEvent } from './job-store-contract.js';
import { createTempFolder } from './temp-folder.js';
import type { TempFolder } from './temp-folder.js';

let folder: TempFolder;
let files = 0;
beforeAll(async () => {
  folder = await createTempFolder();
});
afterAll(async () => {
  await folder.remove();
});
const newPath = (): string => join(folder.dir, `history-${++files}`, 'default.jobs.db');

describeJobStoreContract('SQLite', async (clock) => openSqliteJobStore({ path: newPath(), clock }));

describe('openSqliteJobStore', () => {
  it('prunes events past the retention at the first append after the pruning interval, not on every write', async () => {
    const clock = createManualClock(baseMs);
    const path = newPath();
    const store = openSqliteJobStore({ path, clock, retentionDays: 1, pruneIntervalMs: 3_600_000 });
    await store.append(attemptEvents('old', 'succeeded', 0, 1, 10, { exitCode: 0 }));
    await clock.advance(2 * 86_400_000);
    // The first append since the interval passed prunes: "old" is two days old, past one day of retention.
    await store.append([watcherEvent('new', 'received', 2 * 86_400)]);
    expect(await store.history('old')).toEqual([]);
    expect((await store.list({ limit: 10 })).map((job) => job.jobId)).toEqual(['new']);
    // An event already past the retention, appended within the interval, stays until the next pruning.
    await store.append([watcherEvent('stale', 'received', 0)]);
    expect(await store.history('stale')).toHaveLength(1);
    await clock.advance(3_600_000);
    await store.append([watcherEvent('newer', 'received', 2 * 86_400 + 3_600)]);
    expect(await store.history('stale')).toEqual([]);
    expect(await store.history('new')).toHaveLength(1);
    await store.close();
  });

  it('shares one file between watchers: each sees what the others recorded', async () => {
    const path = newPath();
    const clock = createManualClock(baseMs + 60_000);
    const first = openSqliteJobStore({ path, clock });
    const second = openSqliteJobStore({ path, clock });
    await first.append(attemptEvents('from-first', 'succeeded', 0, 1, 5, { exitCode: 0 }));
    await second.append(attemptEvents('from-second', 'failed', 1, 1, 5, { exitCode: 1 }));
    expect((await first.list({ limit: 10 })).map((job) => job.jobId)).toEqual(['from-second', 'from-first']);
    expect(await second.history('from-first')).toHaveLength(3);
    await first.close();
    await second.close();
  });

  it('answers listings, histories and statistics from indexes, never scanning the events', () => {
    const path = newPath();
    const store = openSqliteJobStore({ path });
    void store.close();
    const db = new DatabaseSync(path);
    const plan = (sql: string): string =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => String(row['detail']))
        .join('; ');
    expect(plan(sqliteJobQueries.history)).toMatch(/SEARCH job_events USING INDEX job_events_by_job/);
    expect(plan(sqliteJobQueries.list)).toMatch(/SCAN jobs USING (COVERING )?INDEX jobs_by_last_seen|SEARCH jobs USING INDEX jobs_by_last_seen/);
    expect(plan(sqliteJobQueries.listByState)).toMatch(/SEARCH jobs USING INDEX jobs_by_state/);
    expect(plan(sqliteJobQueries.stats)).toMatch(/SEARCH job_events USING COVERING INDEX job_events_by_time/);
    expect(plan(sqliteJobQueries.pruneEvents)).toMatch(/job_events_by_time/);
    for (const sql of Object.values(sqliteJobQueries)) expect(plan(sql)).not.toMatch(/SCAN job_events(?! USING)/);
    expect(plan(sqliteJobQueries.list)).not.toMatch(/USE TEMP B-TREE/);
    expect(plan(sqliteJobQueries.listByState)).not.toMatch(/USE TEMP B-TREE/);
    db.close();
  });

  it('refuses a path it cannot create with STORE_UNAVAILABLE naming the path', async () => {
    const blocked = join(folder.dir, 'a-file');
    const store = openSqliteJobStore({ path: blocked });
    await store.close();
    let error: unknown;
    try {
      openSqliteJobStore({ path: join(blocked, 'inside', 'jobs.db') });
    } catch (caught) {
      error = caught;
    }
    await expectJobTrackingError(Promise.reject(error), 'STORE_UNAVAILABLE', join(blocked, 'inside', 'jobs.db'));
  });

  it('refuses a retention out of range with INVALID_OPTION', () => {
    expect(() => openSqliteJobStore({ path: newPath(), retentionDays: 0 })).toThrow('retentionDays: 0 is not valid; expected a whole number of days from 1 to 3650');
  });
});
