/** fanOut through core's memory queue, and the part-message shape workers and the CLI share. */
import { join } from 'node:path';
import { createManualClock, createMemoryQueue } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOut, isReduceModeError, openSqliteProgressStore, parsePartMessage, toPartMessage } from '../src/index.js';
import type { ProgressStore } from '../src/index.js';
import { createTempFolder } from './temp-folder.js';
import type { TempFolder } from './temp-folder.js';

describe('fanOut', () => {
  let folder: TempFolder;
  let store: ProgressStore;
  beforeAll(async () => {
    folder = await createTempFolder();
    store = openSqliteProgressStore({ path: join(folder.dir, 'progress.db') });
  });
  afterAll(async () => {
    await store.close();
    await folder.remove();
  });

  it('sets the total and sends one part message per part, in batches of 10', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    const batchSizes: number[] = [];
    const sender = { send: (messages: Parameters<typeof queue.send>[0]) => (batchSizes.push(messages.length), queue.send(messages)) };
    const parts = Array.from({ length: 23 }, (_, index) => `file-${index + 1}.txt`);

    const { messageIds } = await fanOut(store, sender, 'count-words', parts, { subject: 'count', metadata: { output: 'total.txt' } });

    expect(messageIds).toHaveLength(23);
    expect(batchSizes).toEqual([10, 10, 3]);
    expect(await store.getStatus('count-words')).toMatchObject({ totalParts: 23, completedParts: 0, metadata: { output: 'total.txt' } });
    const received = await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 30 });
    expect(received[0]?.subject).toBe('count');
    expect(parsePartMessage(received[0]?.body ?? '')).toEqual({ jobId: 'count-words', part: 1, totalParts: 23, body: 'file-1.txt' });
    expect(received.map((message) => parsePartMessage(message.body)?.part)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('can be retried: the same total is a no-op', async () => {
    const queue = createMemoryQueue();
    await fanOut(store, queue, 'retried', ['a', 'b']);
    await expect(fanOut(store, queue, 'retried', ['a', 'b'])).resolves.toMatchObject({ messageIds: [expect.any(String), expect.any(String)] });
  });

  it('rejects an empty list of parts with INVALID_OPTION', async () => {
    const error: unknown = await fanOut(store, createMemoryQueue(), 'empty', []).catch((caught: unknown) => caught);
    expect(isReduceModeError(error, 'INVALID_OPTION')).toBe(true);
    expect(await store.getStatus('empty')).toBeUndefined();
  });
});

describe('part messages', () => {
  it('round-trip through toPartMessage and parsePartMessage', () => {
    const message = { jobId: 'j', part: 2, totalParts: 3, body: '{"file":"b"}' };
    expect(JSON.parse(toPartMessage(message))).toEqual(message);
    expect(parsePartMessage(toPartMessage(message))).toEqual(message);
  });

  it('reads anything else as not a part message', () => {
    for (const body of ['', 'not json', '[]', 'null', '{"jobId":"j","part":0,"totalParts":1,"body":""}', '{"jobId":"j","part":2,"totalParts":1,"body":""}', '{"jobId":"j","part":1,"totalParts":1}', '{"jobId":"","part":1,"totalParts":1,"body":""}']) {
      expect(parsePartMessage(body)).toBeUndefined();
    }
  });
});
