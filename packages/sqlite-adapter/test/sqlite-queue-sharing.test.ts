/**
 * One file, several connections: each SqliteQueue holds its own node:sqlite connection,
 * so two queues on one file contend through SQLite's file locks exactly as two processes do.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { errorCodes } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteQueue } from '../src/index.js';
import type { SqliteQueue, SqliteQueueOptions } from '../src/index.js';
import { createTempFolder } from './temp-queue-file.js';
import type { TempFolder } from './temp-queue-file.js';

describe('a SQLite queue file shared by several connections', () => {
  let folder: TempFolder;
  let path: string;
  const clock = createManualClock();
  const open: SqliteQueue[] = [];
  const openQueue = (options: Partial<SqliteQueueOptions> = {}): SqliteQueue => {
    const queue = openSqliteQueue({ path, clock, ...options });
    open.push(queue);
    return queue;
  };

  beforeEach(async () => {
    folder = await createTempFolder();
    path = join(folder.dir, 'queue.db');
  });
  afterEach(async () => {
    for (const queue of open.splice(0)) await queue.close();
    await folder.remove();
  });

  it('two queues on one file never claim the same message, however their receives interleave', async () => {
    const sender = openQueue();
    const [a, b] = [openQueue(), openQueue()];
    const sent = await sender.send(Array.from({ length: 10 }, (_, i) => ({ body: `m${i}` })));
    for (let round = 0; round < 9; round++) await sender.send(Array.from({ length: 10 }, (_, i) => ({ body: `r${round}-${i}` })));
    const claimed: string[] = [];
    for (let round = 0; round < 30; round++) {
      const batches = await Promise.all([a.receive(1 + (round % 4), { waitMs: 0, visibilityTimeoutSeconds: 300 }), b.receive(3, { waitMs: 0, visibilityTimeoutSeconds: 300 })]);
      claimed.push(...batches.flat().map((message) => message.id));
    }
    expect(claimed).toHaveLength(100);
    expect(new Set(claimed).size).toBe(100);
    expect(claimed).toEqual(expect.arrayContaining(sent));
    expect(await sender.getCounts()).toMatchObject({ visible: 0, inFlight: 100 });
  });

  it('a long-poll receive sees a message another connection sent within one poll interval', async () => {
    const receiver = openQueue({ pollIntervalMs: 25 });
    const sender = openQueue();
    const pending = receiver.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 30 });
    await clock.advance(100);
    await sender.send([{ body: 'from elsewhere' }]);
    await clock.advance(25);
    expect((await pending).map((message) => message.body)).toEqual(['from elsewhere']);
  });

  it('a send through the same queue wakes its own waiting receive at once, without waiting for a poll', async () => {
    const queue = openQueue({ pollIntervalMs: 60_000 });
    let received: string[] | undefined;
    void queue.receive(1, { waitMs: 120_000, visibilityTimeoutSeconds: 30 }).then((messages) => (received = messages.map((m) => m.body)));
    await clock.settle();
    await queue.send([{ body: 'now' }]);
    await clock.settle();
    expect(received).toEqual(['now']);
  });

  it('a receive that finds the file locked by another writer tries again at the next poll instead of failing', async () => {
    const queue = openQueue({ busyTimeoutMs: 0, pollIntervalMs: 25 });
    await queue.send([{ body: 'job' }]);
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    const pending = queue.receive(1, { waitMs: 10_000, visibilityTimeoutSeconds: 30 });
    await clock.advance(100);
    other.exec('ROLLBACK');
    other.close();
    await clock.advance(25);
    expect((await pending).map((message) => message.body)).toEqual(['job']);
  });

  it('a send that finds the file locked past the busy timeout fails with QUEUE_UNAVAILABLE, storing nothing', async () => {
    const queue = openQueue({ busyTimeoutMs: 0 });
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    const error = await queue.send([{ body: 'job' }]).catch((caught: unknown) => caught);
    other.exec('ROLLBACK');
    other.close();
    expect(error).toMatchObject({ code: errorCodes.QUEUE_UNAVAILABLE, retryable: true, cause: expect.anything() });
    expect(await queue.getCounts()).toMatchObject({ visible: 0 });
  });
});
