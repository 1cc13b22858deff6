/**
 * Contract tests for crash safety: a replay that is cut off between putting the message on the
 * work queue and removing it from the dead letters loses nothing, and a second replay completes.
 */
import { expect, it } from 'vitest';
import { deadLetterBodies, drainWorkQueue } from './dead-letter-fixture.js';
import type { UseDeadLetterFixture } from './dead-letter-fixture.js';

/** Registers the crash-safety tests. */
export function describeCrashContract(fixture: UseDeadLetterFixture): void {
  it('a replay cut off between the send and the removal leaves the message a dead letter, and a second replay completes it', async () => {
    const f = fixture();
    const [id] = await deadLetterBodies(f, 'precious');
    f.faults.crashes = 1;
    await expect(f.deadLetters.replay([id ?? ''])).rejects.toThrow(/simulated crash/);
    // A process started after the crash still finds the dead letter: nothing was lost.
    const restarted = await f.reopen();
    expect(await restarted.get(id ?? '')).toMatchObject({ id, body: 'precious' });
    expect((await restarted.replay([id ?? ''])).done).toEqual([id]);
    expect(await restarted.count()).toBe(0);
    const copies = await drainWorkQueue(f.queue);
    // At least once: the message is back on the work queue (twice where the queue cannot move it atomically).
    expect(copies.length).toBeGreaterThanOrEqual(1);
    expect(copies.every((message) => message.body === 'precious')).toBe(true);
  });

  it('replayAll cut off part-way loses nothing: a second replayAll replays the rest', async () => {
    const f = fixture();
    const bodies = Array.from({ length: 15 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    await deadLetterBodies(f, ...bodies);
    f.faults.crashes = 1;
    await expect(f.deadLetters.replayAll()).rejects.toThrow(/simulated crash/);
    const restarted = await f.reopen();
    await restarted.replayAll();
    expect(await restarted.count()).toBe(0);
    const received = new Set((await drainWorkQueue(f.queue)).map((message) => message.body));
    expect([...received].sort()).toEqual(bodies);
  });
}
