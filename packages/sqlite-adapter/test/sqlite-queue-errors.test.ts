/** The SQLite queue's errors at the edge: typed codes, one line naming the path, a cause. */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { errorCodes } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteQueue } from '../src/index.js';
import { createTempFolder } from './temp-queue-file.js';
import type { TempFolder } from './temp-queue-file.js';

/** The error `action` throws. */
function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the SQLite queue at the edge', () => {
  let folder: TempFolder;
  const clock = createManualClock();

  beforeEach(async () => {
    folder = await createTempFolder();
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('a path whose parent is a file fails with QUEUE_NOT_FOUND, one line naming the path and the cause', async () => {
    await writeFile(join(folder.dir, 'blocker'), 'not a folder');
    const path = join(folder.dir, 'blocker', 'queue.db');
    const error = errorOf(() => openSqliteQueue({ path, clock }));
    expect(error).toMatchObject({ name: 'WatchbotError', code: errorCodes.QUEUE_NOT_FOUND, cause: expect.anything() });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/ENOTDIR|EEXIST|not a directory/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a file that is not a SQLite database fails with QUEUE_NOT_FOUND', async () => {
    const path = join(folder.dir, 'notes.txt');
    await writeFile(path, 'these are my notes, not a queue. '.repeat(20));
    const error = errorOf(() => openSqliteQueue({ path, clock }));
    expect(error).toMatchObject({ code: errorCodes.QUEUE_NOT_FOUND, message: expect.stringContaining(path), cause: expect.anything() });
  });

  it('a file written by a newer schema version is refused with QUEUE_NOT_FOUND rather than misread', async () => {
    const path = join(folder.dir, 'queue.db');
    await openSqliteQueue({ path, clock }).close();
    const raw = new DatabaseSync(path);
    raw.exec('PRAGMA user_version = 99');
    raw.close();
    const error = errorOf(() => openSqliteQueue({ path, clock }));
    expect(error).toMatchObject({ code: errorCodes.QUEUE_NOT_FOUND, message: expect.stringContaining('schema version 99') });
  });

  it('a queue file the process may not write refuses sends and receives with QUEUE_WRITE_FAILED, acknowledging nothing', async () => {
    const original = join(folder.dir, 'queue.db');
    const writable = openSqliteQueue({ path: original, clock });
    await writable.send([{ body: 'already here' }]);
    await writable.close();
    const path = join(folder.dir, 'read-only-copy.db');
    await copyFile(original, path);
    await chmod(path, 0o444);
    // Root ignores file modes (CAP_DAC_OVERRIDE), so the mode alone cannot make the copy read-only
    // there; the queue is then opened with readOnly, which refuses writes the same way (SQLITE_READONLY).
    const runsAsRoot = process.getuid?.() === 0;
    const queue = openSqliteQueue({ path, clock, ...(runsAsRoot && { readOnly: true }) });
    try {
      const sendError = await queue.send([{ body: 'new' }]).catch((caught: unknown) => caught);
      expect(sendError).toMatchObject({ code: errorCodes.QUEUE_WRITE_FAILED, retryable: false, message: expect.stringContaining(path), cause: expect.anything() });
      const receiveError = await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 30 }).catch((caught: unknown) => caught);
      expect(receiveError).toMatchObject({ code: errorCodes.QUEUE_WRITE_FAILED });
      expect(await queue.getCounts()).toMatchObject({ visible: 1, inFlight: 0 });
    } finally {
      await queue.close();
    }
  });

  it('a queue whose folder cannot be written fails to open with the reason, not only "unable to open database file" (regression)', async () => {
    const locked = join(folder.dir, 'locked');
    await mkdir(locked);
    const path = join(locked, 'queue.db');
    await openSqliteQueue({ path, clock }).close();
    // WAL needs queue.db-shm beside the file. Root ignores folder modes, so it locks the folder with the immutable flag.
    const runsAsRoot = process.getuid?.() === 0;
    if (runsAsRoot) execFileSync('chattr', ['+i', locked]);
    else await chmod(locked, 0o555);
    try {
      const error = errorOf(() => openSqliteQueue({ path, clock }));
      expect(error).toMatchObject({ code: errorCodes.QUEUE_NOT_FOUND, message: expect.stringContaining(path) });
      expect((error as Error).message).toMatch(/unable to open database file \((EACCES|EPERM): (permission denied|operation not permitted), access .*locked/);
    } finally {
      if (runsAsRoot) execFileSync('chattr', ['-i', locked]);
      else await chmod(locked, 0o755);
    }
  });

  it('opening read-only a path that holds no queue fails with QUEUE_NOT_FOUND and creates nothing', () => {
    const path = join(folder.dir, 'missing', 'queue.db');
    expect(errorOf(() => openSqliteQueue({ path, clock, readOnly: true }))).toMatchObject({ code: errorCodes.QUEUE_NOT_FOUND, message: expect.stringContaining(path) });
  });

  it('rejects bad options up front, naming the option, the value and the allowed range', () => {
    const path = join(folder.dir, 'queue.db');
    expect(errorOf(() => openSqliteQueue({ path, maxReceives: 0 }))).toMatchObject({
      code: errorCodes.INVALID_OPTION,
      message: 'maxReceives: 0 is not valid; expected an integer from 1 to 1,000',
    });
    expect(errorOf(() => openSqliteQueue({ path, pollIntervalMs: 2.5 }))).toMatchObject({ code: errorCodes.INVALID_OPTION, message: expect.stringMatching(/^pollIntervalMs: 2.5/) });
    expect(errorOf(() => openSqliteQueue({ path: '' }))).toMatchObject({ code: errorCodes.INVALID_OPTION, message: expect.stringMatching(/^path: ""/) });
  });

  it('send refuses a body that is not well-formed Unicode with INVALID_MESSAGE instead of storing altered text', async () => {
    const queue = openSqliteQueue({ path: join(folder.dir, 'queue.db'), clock });
    const error = await queue.send([{ body: 'ok' }, { body: 'half an emoji \uD83C' }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: errorCodes.INVALID_MESSAGE, message: expect.stringContaining('message 2') });
    expect(await queue.getCounts()).toMatchObject({ visible: 0 });
    await queue.close();
  });

  it('close ends a pending long-poll receive with nothing, and the queue refuses use afterwards', async () => {
    const queue = openSqliteQueue({ path: join(folder.dir, 'queue.db'), clock });
    let result: unknown;
    void queue.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 30 }).then((messages) => (result = messages));
    await clock.settle();
    await queue.close();
    await clock.settle();
    expect(result).toEqual([]);
    await expect(queue.send([{ body: 'late' }])).rejects.toThrow(/closed/);
    await queue.close(); // closing twice is harmless
  });
});
