/** Contract tests for reading dead letters: count, list and get leave every message in place. */
import { expect, it } from 'vitest';
import { deadLetter, deadLetterBodies, sortedBodies } from './dead-letter-fixture.js';
import type { UseDeadLetterFixture } from './dead-letter-fixture.js';

/** Registers the reading tests. */
export function describeReadContract(fixture: UseDeadLetterFixture): void {
  it('an empty dead-letter queue counts 0, lists nothing, finds nothing and purges nothing', async () => {
    const { deadLetters } = fixture();
    expect(await deadLetters.count()).toBe(0);
    expect(await deadLetters.list(10)).toEqual([]);
    expect(await deadLetters.get('no-such-id')).toBeUndefined();
    expect(await deadLetters.purge()).toBe(0);
    expect(await deadLetters.replayAll()).toEqual({ done: [], failed: [] });
  });

  it('lists each dead letter with its id, body, subject, send time and receive count, oldest first, and leaves it in place', async () => {
    const f = fixture();
    const sentAtMs = f.clock.now();
    const ids = await deadLetter(f, [{ body: 'first', subject: 'resize' }, { body: 'second' }, { body: '{"json": ["body", 1]}' }]);
    const listed = await f.deadLetters.list(10);
    expect(sortedBodies(listed)).toEqual(['first', 'second', '{"json": ["body", 1]}'].sort());
    expect(new Set(listed.map((letter) => letter.id))).toEqual(new Set(ids));
    const first = listed.find((letter) => letter.body === 'first');
    expect(first).toMatchObject({ id: ids[0], subject: 'resize' });
    expect(listed.find((letter) => letter.body === 'second')?.subject).toBeUndefined();
    for (const letter of listed) {
      expect(letter.receiveCount).toBeGreaterThanOrEqual(1);
      expect(letter.sentAtMs).toBeGreaterThanOrEqual(sentAtMs - 60_000);
    }
    const times = listed.map((letter) => letter.sentAtMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Listing again shows the same letters: nothing was taken away.
    expect(sortedBodies(await f.deadLetters.list(10))).toEqual(sortedBodies(listed));
    expect(await f.deadLetters.count()).toBe(3);
  });

  it('list returns at most limit dead letters, and none for a limit of 0', async () => {
    const f = fixture();
    await deadLetterBodies(f, 'a', 'b', 'c', 'd', 'e');
    expect(await f.deadLetters.list(2)).toHaveLength(2);
    expect(await f.deadLetters.list(0)).toEqual([]);
    expect(await f.deadLetters.list(100)).toHaveLength(5);
    expect(await f.deadLetters.count()).toBe(5);
  });

  it('get returns one dead letter by id, whole, and undefined for an id that is none', async () => {
    const f = fixture();
    const body = `big ${'x'.repeat(100_000)}`;
    const [, id] = await deadLetter(f, [{ body: 'other' }, { body, subject: 'import' }]);
    const letter = await f.deadLetters.get(id ?? '');
    expect(letter).toMatchObject({ id, body, subject: 'import' });
    expect(await f.deadLetters.get('no-such-id')).toBeUndefined();
    expect(await f.deadLetters.count()).toBe(2);
  });

  it('a dead letter of a message group keeps its group', async () => {
    const f = fixture();
    const [id] = await deadLetter(f, [{ body: 'grouped', groupId: 'tenant-7' }]);
    expect(await f.deadLetters.get(id ?? '')).toMatchObject({ body: 'grouped', groupId: 'tenant-7' });
  });
}
