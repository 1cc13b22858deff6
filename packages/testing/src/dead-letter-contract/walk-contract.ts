/** Contract tests for cursors: each dead letter met once, acted on at once, the rest left in place. */
import { expect, it } from 'vitest';
import { deadLetterBodies, drainWorkQueue, sortedBodies } from './dead-letter-fixture.js';
import type { UseDeadLetterFixture } from './dead-letter-fixture.js';

/** Registers the cursor tests. */
export function describeWalkContract(fixture: UseDeadLetterFixture): void {
  it('a cursor meets every dead letter exactly once, then ends', async () => {
    const f = fixture();
    const bodies = Array.from({ length: 14 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    await deadLetterBodies(f, ...bodies);
    const cursor = f.deadLetters.openCursor();
    const met: string[] = [];
    for (let letter = await cursor.next(); letter !== undefined; letter = await cursor.next()) met.push(letter.body);
    expect(met.sort()).toEqual(bodies);
    expect(await cursor.next()).toBeUndefined();
    await cursor.close();
    expect(await f.deadLetters.count()).toBe(14);
    expect(await f.deadLetters.list(100)).toHaveLength(14);
  });

  it('a letter a cursor met can be replayed or deleted while the walk goes on; closing it leaves the others in place', async () => {
    const f = fixture();
    await deadLetterBodies(f, 'replay me', 'delete me', 'leave me', 'leave me too');
    const cursor = f.deadLetters.openCursor();
    const met: string[] = [];
    for (let letter = await cursor.next(); letter !== undefined; letter = await cursor.next()) {
      met.push(letter.body);
      if (letter.body === 'replay me') expect((await f.deadLetters.replay([letter.id])).done).toEqual([letter.id]);
      if (letter.body === 'delete me') expect((await f.deadLetters.delete([letter.id])).done).toEqual([letter.id]);
    }
    await cursor.close();
    expect(met.sort()).toEqual(['delete me', 'leave me', 'leave me too', 'replay me']);
    expect(sortedBodies(await f.deadLetters.list(10))).toEqual(['leave me', 'leave me too']);
    expect(await f.deadLetters.count()).toBe(2);
    expect(sortedBodies(await drainWorkQueue(f.queue))).toEqual(['replay me']);
  });

  it('closing the dead-letter queue closes its open cursors', async () => {
    const f = fixture();
    await deadLetterBodies(f, 'one', 'two');
    const view = await f.reopen();
    const cursor = view.openCursor();
    expect((await cursor.next())?.body).toMatch(/one|two/);
    await view.close();
    expect(await cursor.next()).toBeUndefined();
    expect(await f.deadLetters.count()).toBe(2);
    expect(await f.deadLetters.list(10)).toHaveLength(2);
  });
}
