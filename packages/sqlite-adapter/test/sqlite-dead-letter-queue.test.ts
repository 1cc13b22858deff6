/** What only the SQLite dead letters promise: atomic replays, exact bytes, batches, locks and options. */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { errorCodes } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDeadLetterQueue, openSqliteQueue } from '../src/index.js';
import type { SqliteQueue } from '../src/index.js';
import { createTempFolder } from './temp-queue-file.js';
import type { TempFolder } from './temp-queue-file.js';

describe('the SQLite dead letters', () => {
  let folder: TempFolder;
  let path: string;
  let queue: SqliteQueue;
  const clock = createManualClock();

  beforeEach(async () => {
    folder = await createTempFolder();
    path = join(folder.dir, 'queue.db');
    queue = openSqliteQueue({ path, clock, maxReceives: 1 });
  });
  afterEach(async () => {
    await queue.close();
    await folder.remove();
  });

  /** Sends the bodies and receives until the queue has dead-lettered them all. */
  async function deadLetterBodies(...bodies: string[]): Promise<string[]> {
    const ids = await queue.send(bodies.map((body) => ({ body })));
    await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 });
    for (let round = 0; round < bodies.length; round++) await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 });
    expect((await queue.getCounts()).deadLettered).toBe(bodies.length);
    return ids;
  }

  /** Inserts `count` dead letters straight into the table (quicker than the redrive for big numbers). */
  function insertDeadLetters(count: number, prefix = 'd'): void {
    const raw = new DatabaseSync(path);
    const insert = raw.prepare('INSERT INTO dead_letters (id, sent_at_ms, receive_count, dead_lettered_at_ms, body) VALUES (?, 1, 1, 2, ?)');
    raw.exec('BEGIN');
    for (let i = 0; i < count; i++) insert.run(`${prefix}${i}`, Buffer.from(`${prefix}${i}`));
    raw.exec('COMMIT');
    raw.close();
  }

  it('a replay cut off between the insert and the removal moves nothing: the message is never in both tables', async () => {
    const [id] = await deadLetterBodies('precious');
    const crashing = openSqliteDeadLetterQueue({ path, clock, onReplaySent: () => { throw new Error('crash'); } });
    await expect(crashing.replay([id ?? ''])).rejects.toThrow('crash');
    await crashing.close();
    expect(await queue.getCounts()).toMatchObject({ visible: 0, deadLettered: 1 });
    const deadLetters = openSqliteDeadLetterQueue({ path, clock });
    expect((await deadLetters.replay([id ?? ''])).done).toEqual([id]);
    await deadLetters.close();
    expect(await queue.getCounts()).toMatchObject({ visible: 1, deadLettered: 0 });
  });

  it('a replayed message gets a fresh id, is sent now, keeps its subject and group, and records its dead-lettering time', async () => {
    const [id] = await queue.send([{ body: 'again', subject: 'resize', groupId: 'g' }]);
    await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 0 });
    await clock.advance(5_000);
    await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 0 });
    const deadLetters = openSqliteDeadLetterQueue({ path, clock });
    expect(await deadLetters.get(id ?? '')).toMatchObject({ id, receiveCount: 1, deadLetteredAtMs: clock.now(), firstReceivedAtMs: clock.now() - 5_000 });
    await clock.advance(60_000);
    await deadLetters.replay([id ?? '']);
    await deadLetters.close();
    const [replayed] = await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 30 });
    expect(replayed).toMatchObject({ body: 'again', subject: 'resize', groupId: 'g', sentAtMs: clock.now(), receiveCount: 1 });
    expect(replayed?.id).not.toBe(id);
  });

  it('a replay moves the stored body bytes unchanged, even bytes that are not UTF-8', async () => {
    const raw = new DatabaseSync(path);
    const bytes = Buffer.from([0x68, 0x69, 0xff, 0xfe, 0x00, 0x21]);
    raw.prepare('INSERT INTO dead_letters (id, sent_at_ms, receive_count, dead_lettered_at_ms, body) VALUES (?, 1, 3, 2, ?)').run('odd', bytes);
    const deadLetters = openSqliteDeadLetterQueue({ path, clock });
    expect(await deadLetters.get('odd')).toMatchObject({ decodeWarnings: [expect.stringContaining('not valid UTF-8')] });
    await deadLetters.replay(['odd']);
    await deadLetters.close();
    const stored = raw.prepare('SELECT CAST(body AS BLOB) AS body FROM messages').get()?.['body'];
    raw.close();
    expect(Buffer.from(stored as Uint8Array)).toEqual(bytes);
  });

  it('acts in transactions of 100, reporting progress after each', async () => {
    insertDeadLetters(250);
    const deadLetters = openSqliteDeadLetterQueue({ path, clock });
    const steps: number[] = [];
    const result = await deadLetters.replay(Array.from({ length: 250 }, (_, i) => `d${i}`), { onProgress: (step) => steps.push(step.done) });
    await deadLetters.close();
    expect(steps).toEqual([100, 200, 250]);
    expect(result.done).toHaveLength(250);
    expect(await queue.getCounts()).toMatchObject({ visible: 250, deadLettered: 0 });
  });

  it('replayAll leaves what was dead-lettered after it started for the next call', async () => {
    insertDeadLetters(150);
    const deadLetters = openSqliteDeadLetterQueue({ path, clock });
    let added = false;
    const result = await deadLetters.replayAll({
      onProgress: () => {
        // Between two batches another process dead-letters a message: it is not this call's.
        if (!added) insertDeadLetters(1, 'late');
        added = true;
      },
    });
    expect(result.done).toHaveLength(150);
    expect((await deadLetters.list(10)).map((letter) => letter.id)).toEqual(['late0']);
    await deadLetters.close();
  });

  it('a file another process keeps locked fails the replay of every id with QUEUE_UNAVAILABLE and moves nothing', async () => {
    const ids = await deadLetterBodies('a', 'b');
    const deadLetters = openSqliteDeadLetterQueue({ path, clock, busyTimeoutMs: 0 });
    const locker = new DatabaseSync(path);
    locker.exec('BEGIN IMMEDIATE');
    try {
      const result = await deadLetters.replay(ids);
      expect(result.done).toEqual([]);
      expect(result.failed.map((failure) => failure.id)).toEqual(ids);
      expect(result.failed[0]?.error).toMatchObject({ code: errorCodes.QUEUE_UNAVAILABLE, message: expect.stringContaining(path) });
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    expect(await deadLetters.count()).toBe(2);
    await deadLetters.close();
    expect(await queue.getCounts()).toMatchObject({ visible: 0, deadLettered: 2 });
  });

  it('rejects bad options up front, naming the option, the value and what is allowed', () => {
    expect(() => openSqliteDeadLetterQueue({ path: '' })).toThrow(/^path: "" is not valid/);
    expect(() => openSqliteDeadLetterQueue({ path, busyTimeoutMs: -1 })).toThrow('busyTimeoutMs: -1 is not valid; expected an integer from 0 to 60,000');
  });

  it('refuses use after close, and list refuses a negative limit', async () => {
    const deadLetters = openSqliteDeadLetterQueue({ path, clock });
    await expect(deadLetters.list(-1)).rejects.toMatchObject({ code: errorCodes.INVALID_OPTION });
    await deadLetters.close();
    await expect(deadLetters.count()).rejects.toThrow(/closed/);
    await deadLetters.close();
  });
});
