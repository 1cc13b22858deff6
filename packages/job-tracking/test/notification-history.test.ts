/**
 * The history pointer travels with notifications kept in the embedded queue's file, including
 * files written before the pointer existed (their table gains the column on first use).
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Notification } from '@watchbot/core';
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHistoryPointer } from '../src/index.js';
import { createTempFolder } from './temp-folder.js';
import type { TempFolder } from './temp-folder.js';

let folder: TempFolder;
beforeAll(async () => {
  folder = await createTempFolder();
});
afterAll(async () => {
  await folder.remove();
});

const failure: Notification = { kind: 'failed', messageId: 'm-1', exitCode: 1, signal: null, receiveCount: 1, outputTail: ['boom'], summary: '[failure] worker exited 1', timeMs: Date.UTC(2026, 0, 1) };

describe('notifications in the queue file', () => {
  it('keep the history pointer a decorated notifier adds', async () => {
    const queue = openSqliteQueue({ path: join(folder.dir, 'new.db') });
    await withHistoryPointer(queue.notifier, (id) => `watchbot jobs show ${id}`).notify(failure);
    expect(queue.recentNotifications(1)).toEqual([{ ...failure, id: 1, history: 'watchbot jobs show m-1' }]);
    await queue.close();
  });

  it('gain the column in a file written before it existed, and still read there read-only', async () => {
    const path = join(folder.dir, 'old.db');
    const first = openSqliteQueue({ path });
    await first.notifier.notify(failure);
    await first.close();
    // A file as an earlier version wrote it: no history column.
    const db = new DatabaseSync(path);
    db.exec('ALTER TABLE notifications DROP COLUMN history');
    db.close();
    const readOnly = openSqliteQueue({ path, readOnly: true });
    expect(readOnly.recentNotifications(5)).toEqual([{ ...failure, id: 1 }]);
    await readOnly.close();
    const reopened = openSqliteQueue({ path });
    await reopened.notifier.notify({ ...failure, messageId: 'm-2', history: 'watchbot jobs show m-2' });
    expect(reopened.recentNotifications(5).map((notification) => notification.history)).toEqual(['watchbot jobs show m-2', undefined]);
    await reopened.close();
  });
});
