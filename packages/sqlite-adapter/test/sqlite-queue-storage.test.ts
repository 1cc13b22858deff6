/** What the SQLite queue keeps in its file: persistence, exact bodies, foreign bytes. */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createManualClock } from '@watchbot/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteQueue, schemaVersion } from '../src/index.js';
import type { SqliteQueue } from '../src/index.js';
import { createTempFolder } from './temp-queue-file.js';
import type { TempFolder } from './temp-queue-file.js';

const receiveNow = (queue: SqliteQueue, visibilityTimeoutSeconds = 30) => queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds });

describe('the SQLite queue file', () => {
  let folder: TempFolder;
  let path: string;
  const open: SqliteQueue[] = [];
  const clock = createManualClock();
  const openQueue = (options: { maxReceives?: number } = {}): SqliteQueue => {
    const queue = openSqliteQueue({ path, clock, ...options });
    open.push(queue);
    return queue;
  };

  beforeEach(async () => {
    folder = await createTempFolder();
    path = join(folder.dir, 'state', 'nested', 'queue.db');
  });
  afterEach(async () => {
    for (const queue of open.splice(0)) await queue.close();
    await folder.remove();
  });

  it('creates missing parent folders, and the file in WAL mode with its schema version', () => {
    openQueue();
    const raw = new DatabaseSync(path, { readOnly: true });
    expect(raw.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(raw.prepare('PRAGMA user_version').get()).toMatchObject({ user_version: schemaVersion });
    raw.close();
  });

  it('keeps messages, their receive state, dead letters and notifications across close and reopen', async () => {
    const first = openQueue({ maxReceives: 1 });
    await first.send([{ body: 'poison' }, { body: 'running' }, { body: 'delayed', delaySeconds: 60 }]);
    const [poison, running] = await receiveNow(first, 60);
    await first.changeVisibility([{ receiptHandle: poison?.receiptHandle ?? '', visibilityTimeoutSeconds: 0, returned: true }]);
    expect(await receiveNow(first)).toEqual([]); // dead-letters "poison"
    await first.notifier.notify({ kind: 'failed', messageId: 'm-1', exitCode: 1, signal: null, receiveCount: 1, outputTail: ['boom'], summary: '[failure] m-1 exited 1', timeMs: clock.now() });
    await first.close();

    const reopened = openQueue({ maxReceives: 1 });
    expect(await reopened.getCounts()).toEqual({ visible: 0, inFlight: 1, delayed: 1, deadLettered: 1 });
    expect(reopened.listDeadLetters(10).map((letter) => letter.body)).toEqual(['poison']);
    expect(reopened.recentNotifications(10)).toMatchObject([{ messageId: 'm-1', outputTail: ['boom'] }]);
    // The running message's receipt handle still settles it after the reopen.
    expect(await reopened.deleteMessages([running?.receiptHandle ?? ''])).toEqual({ failed: [] });
    await clock.advance(60_000);
    expect((await receiveNow(reopened)).map((message) => message.body)).toEqual(['delayed']);
  });

  it('a message received before a reopen is received again with its count and first receive time', async () => {
    const first = openQueue();
    const [id] = await first.send([{ body: 'job' }]);
    const firstReceivedAtMs = clock.now();
    await receiveNow(first, 10);
    await first.close();
    await clock.advance(10_000);
    const reopened = openQueue();
    expect(await receiveNow(reopened)).toMatchObject([{ id, body: 'job', receiveCount: 2, firstReceivedAtMs }]);
  });

  it('bodies with NUL bytes, and bodies of exactly 1 MiB, round-trip exactly', async () => {
    const queue = openQueue();
    const withNul = 'before\u0000after\u0000\u0000end';
    const oneMiB = 'é'.repeat(524_287) + 'xx';
    expect(Buffer.byteLength(oneMiB)).toBe(1_048_576);
    await queue.send([{ body: withNul }, { body: oneMiB }]);
    const received = await receiveNow(queue);
    expect(received.map((message) => message.body === withNul || message.body === oneMiB)).toEqual([true, true]);
    expect(received[0]?.body).toBe(withNul);
    expect(received[1]?.body.length).toBe(oneMiB.length);
    expect(received.every((message) => message.decodeWarnings === undefined)).toBe(true);
  });

  it('bytes that are not UTF-8, written by another program, arrive decoded lossily with decodeWarnings', async () => {
    const queue = openQueue();
    const raw = new DatabaseSync(path);
    const insert = raw.prepare('INSERT INTO messages (id, body, sent_at_ms, visible_at_ms) VALUES (?, ?, ?, ?)');
    insert.run('latin-1', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), clock.now(), clock.now()); // "café" in Latin-1
    insert.run('as-text', 'plain text from a shell script', clock.now(), clock.now());
    raw.close();
    const [latin, text] = await receiveNow(queue);
    expect(latin).toMatchObject({ id: 'latin-1', body: 'caf\uFFFD', receiveCount: 1 });
    expect(latin?.decodeWarnings).toEqual([expect.stringContaining('not valid UTF-8')]);
    expect(text).toMatchObject({ id: 'as-text', body: 'plain text from a shell script' });
    expect(text?.decodeWarnings).toBeUndefined();
  });

  it('listDeadLetters lists dead-lettered messages oldest first, with their history', async () => {
    const queue = openQueue({ maxReceives: 1 });
    const sentAtMs = clock.now();
    const [firstId] = await queue.send([{ body: 'first', subject: 'nightly', groupId: 'g' }]);
    await receiveNow(queue, 10);
    await clock.advance(10_000);
    await queue.send([{ body: 'second' }]);
    await receiveNow(queue, 10); // dead-letters "first", receives "second"
    await clock.advance(10_000);
    await receiveNow(queue); // dead-letters "second"
    expect(queue.listDeadLetters(10)).toEqual([
      { id: firstId, body: 'first', subject: 'nightly', groupId: 'g', sentAtMs, firstReceivedAtMs: sentAtMs, receiveCount: 1, deadLetteredAtMs: sentAtMs + 10_000 },
      expect.objectContaining({ body: 'second', receiveCount: 1, deadLetteredAtMs: sentAtMs + 20_000 }),
    ]);
    expect(queue.listDeadLetters(1).map((letter) => letter.body)).toEqual(['first']);
  });

  it('the notifier stores every kind of notification, read back newest first', async () => {
    const queue = openQueue();
    const base = { exitCode: null, signal: null, receiveCount: 1, outputTail: [], timeMs: clock.now() };
    await queue.notifier.notify({ ...base, kind: 'rejected', messageId: 'a', exitCode: 3, summary: '[rejected] a', subject: 'import' });
    await queue.notifier.notify({ ...base, kind: 'failed', messageId: 'b', signal: 'SIGKILL', outputTail: ['line 1', 'line\u00002'], summary: '[failure] b' });
    await queue.notifier.notify({ ...base, kind: 'dead-lettered', messageId: 'c', receiveCount: 10, summary: '[dead-letter] c' });
    const stored = queue.recentNotifications(2);
    expect(stored.map((notification) => notification.messageId)).toEqual(['c', 'b']);
    expect(stored[1]).toEqual({ ...base, id: expect.any(Number), kind: 'failed', messageId: 'b', signal: 'SIGKILL', outputTail: ['line 1', 'line\u00002'], summary: '[failure] b' });
    expect(queue.recentNotifications(10)[2]).toMatchObject({ kind: 'rejected', exitCode: 3, subject: 'import' });
  });
});
