/**
 * Waiting receives wake when another connection (another process, for SQLite the same thing)
 * commits to the file, not only at their next poll: the send-to-start latency of an idle watcher.
 */
import { join } from 'node:path';
import { createManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteQueue } from '../src/index.js';
import type { SqliteQueue } from '../src/index.js';
import { createWakeups } from '../src/wakeups.js';
import { createTempFolder } from './temp-queue-file.js';
import type { TempFolder } from './temp-queue-file.js';

describe('waking waiting receives', () => {
  let folder: TempFolder;
  const clock = createManualClock();
  const open: SqliteQueue[] = [];

  beforeEach(async () => {
    folder = await createTempFolder();
  });
  afterEach(async () => {
    for (const queue of open.splice(0)) await queue.close();
    await folder.remove();
  });

  it('a long poll receives a message another connection sent at once, long before its next poll', async () => {
    const path = join(folder.dir, 'queue.db');
    // A poll interval of a minute on a clock that never moves: only the commit can wake it.
    const receiver = openSqliteQueue({ path, clock, pollIntervalMs: 60_000 });
    const sender = openSqliteQueue({ path, clock });
    open.push(receiver, sender);
    const pending = receiver.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 30 });
    await clock.settle();
    await sender.send([{ body: 'from another process' }]);
    expect((await pending).map((message) => message.body)).toEqual(['from another process']);
  });

  it('a wait on a file that cannot be watched runs its course on the clock', async () => {
    const wakeups = createWakeups({ watchPath: join(folder.dir, 'no-such-file') });
    let woken = false;
    void wakeups.wait(clock, 1000).then(() => (woken = true));
    await clock.advance(999);
    expect(woken).toBe(false);
    await clock.advance(1);
    expect(woken).toBe(true);
  });
});
