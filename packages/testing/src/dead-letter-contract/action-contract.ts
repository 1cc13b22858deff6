/** Contract tests for replay, replayAll, delete and purge. */
import { errorCodes } from '@watchbot/core';
import type { DeadLetterProgress } from '@watchbot/core';
import { expect, it } from 'vitest';
import { deadLetter, deadLetterBodies, drainWorkQueue, expectCode, sortedBodies } from './dead-letter-fixture.js';
import type { UseDeadLetterFixture } from './dead-letter-fixture.js';

/** Registers the action tests. */
export function describeActionContract(fixture: UseDeadLetterFixture): void {
  it('replay sends dead letters back to the work queue with their body and subject, and removes them', async () => {
    const f = fixture();
    const [a, , c] = await deadLetter(f, [{ body: 'alpha', subject: 'resize' }, { body: 'beta' }, { body: 'gamma' }]);
    const result = await f.deadLetters.replay([a ?? '', c ?? '']);
    expect([...result.done].sort()).toEqual([a, c].sort());
    expect(result.failed).toEqual([]);
    const received = await drainWorkQueue(f.queue);
    expect(sortedBodies(received)).toEqual(['alpha', 'gamma']);
    expect(received.find((message) => message.body === 'alpha')?.subject).toBe('resize');
    expect(received.every((message) => message.receiveCount === 1)).toBe(true);
    expect(sortedBodies(await f.deadLetters.list(10))).toEqual(['beta']);
    expect(await f.deadLetters.count()).toBe(1);
  });

  it('a replayed message of a message group keeps its group', async () => {
    const f = fixture();
    const [id] = await deadLetter(f, [{ body: 'in order', groupId: 'g-1' }]);
    expect((await f.deadLetters.replay([id ?? ''])).done).toEqual([id]);
    expect(await drainWorkQueue(f.queue)).toMatchObject([{ body: 'in order', groupId: 'g-1' }]);
  });

  it('replaying an id that is no dead letter fails that id alone with MESSAGE_NOT_FOUND', async () => {
    const f = fixture();
    const [id] = await deadLetterBodies(f, 'real');
    const result = await f.deadLetters.replay(['no-such-id', id ?? '']);
    expect(result.done).toEqual([id]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.id).toBe('no-such-id');
    expectCode(result.failed[0]?.error, errorCodes.MESSAGE_NOT_FOUND);
    expect(sortedBodies(await drainWorkQueue(f.queue))).toEqual(['real']);
    expect(await f.deadLetters.count()).toBe(0);
  });

  it('replaying the same dead letter twice fails the second time: it is replayed once', async () => {
    const f = fixture();
    const [id] = await deadLetterBodies(f, 'once');
    expect((await f.deadLetters.replay([id ?? '', id ?? ''])).done).toEqual([id]);
    const again = await f.deadLetters.replay([id ?? '']);
    expect(again.done).toEqual([]);
    expectCode(again.failed[0]?.error, errorCodes.MESSAGE_NOT_FOUND);
    expect(sortedBodies(await drainWorkQueue(f.queue))).toEqual(['once']);
    expect(await f.deadLetters.count()).toBe(0);
  });

  it('replayAll replays every dead letter in batches, reporting progress, and the work queue gets each once', async () => {
    const f = fixture();
    const bodies = Array.from({ length: 23 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    await deadLetterBodies(f, ...bodies);
    const progress: DeadLetterProgress[] = [];
    const result = await f.deadLetters.replayAll({ onProgress: (step) => progress.push(step) });
    expect(result.done).toHaveLength(23);
    expect(result.failed).toEqual([]);
    expect(progress.at(-1)).toEqual({ done: 23, failed: 0, total: 23 });
    expect(progress.map((step) => step.done)).toEqual([...progress.map((step) => step.done)].sort((a, b) => a - b));
    expect(sortedBodies(await drainWorkQueue(f.queue))).toEqual(bodies);
    expect(await f.deadLetters.count()).toBe(0);
  });

  it('delete removes dead letters for good; an id that is no dead letter fails alone', async () => {
    const f = fixture();
    const [a, b] = await deadLetterBodies(f, 'drop me', 'keep me');
    const progress: DeadLetterProgress[] = [];
    const result = await f.deadLetters.delete([a ?? '', 'no-such-id'], { onProgress: (step) => progress.push(step) });
    expect(result.done).toEqual([a]);
    expect(result.failed.map((failure) => failure.id)).toEqual(['no-such-id']);
    expectCode(result.failed[0]?.error, errorCodes.MESSAGE_NOT_FOUND);
    expect(progress.at(-1)).toEqual({ done: 1, failed: 1, total: 2 });
    expect((await f.deadLetters.list(10)).map((letter) => letter.id)).toEqual([b]);
    expect(await f.deadLetters.count()).toBe(1);
    expect(await drainWorkQueue(f.queue)).toEqual([]);
  });

  it('purge removes every dead letter and says how many', async () => {
    const f = fixture();
    await deadLetterBodies(f, ...Array.from({ length: 12 }, (_, i) => `p${i}`));
    const progress: DeadLetterProgress[] = [];
    expect(await f.deadLetters.purge({ onProgress: (step) => progress.push(step) })).toBe(12);
    expect(progress.at(-1)).toMatchObject({ done: 12, failed: 0 });
    expect(await f.deadLetters.count()).toBe(0);
    expect(await f.deadLetters.list(10)).toEqual([]);
    expect(await drainWorkQueue(f.queue)).toEqual([]);
  });

  it('a replayed message that fails again is dead-lettered again, and can be replayed again', async () => {
    const f = fixture();
    await deadLetterBodies(f, 'stubborn');
    await f.deadLetters.replayAll();
    // The worker still fails: the work queue's redrive moves it back.
    for (let round = 0; round < 5 && (await f.deadLetters.count()) === 0; round++) {
      await f.queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 });
    }
    const [again] = await f.deadLetters.list(10);
    expect(again?.body).toBe('stubborn');
    expect((await f.deadLetters.replay([again?.id ?? ''])).done).toEqual([again?.id]);
    expect(sortedBodies(await drainWorkQueue(f.queue))).toEqual(['stubborn']);
  });
}
