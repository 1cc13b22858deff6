/**
 * Contract tests for the long poll: a waiting receive returns as soon as it has a message,
 * when its wait ends, or when it is aborted. Time moves only on the manual clock; a polling
 * adapter is allowed {@link pollSlackMs} to notice.
 */
import { expect, it } from 'vitest';
import { bodiesOf, pollSlackMs, receiveNow, sendBodies, track } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

const longPoll = { waitMs: 20_000, visibilityTimeoutSeconds: 30 };

/** Registers the long-poll tests. */
export function describeLongPollContract(fixture: UseQueueFixture): void {
  it('a long-poll receive returns as soon as a message is sent', async () => {
    const { queue, clock } = fixture();
    const pending = track(queue.receive(1, longPoll));
    await clock.settle();
    expect(pending.done).toBe(false);
    await sendBodies(queue, 'wake up');
    await clock.advance(pollSlackMs);
    expect(pending.done).toBe(true);
    expect(bodiesOf(await pending.promise)).toEqual(['wake up']);
  });

  it('a long-poll receive on an empty queue resolves with nothing once waitMs has passed, not before', async () => {
    const { queue, clock } = fixture();
    const pending = track(queue.receive(1, longPoll));
    await clock.advance(longPoll.waitMs - 1);
    expect(pending.done).toBe(false);
    await clock.advance(1);
    expect(pending.done).toBe(true);
    expect(await pending.promise).toEqual([]);
  });

  it('a long-poll receive picks up a message whose send delay ends during the wait', async () => {
    const { queue, clock } = fixture();
    await queue.send([{ body: 'delayed', delaySeconds: 5 }]);
    const pending = track(queue.receive(1, longPoll));
    await clock.advance(4_000);
    expect(pending.done).toBe(false);
    await clock.advance(1_000 + pollSlackMs);
    expect(bodiesOf(await pending.promise)).toEqual(['delayed']);
  });

  it("a long-poll receive is handed a group's next message once the first is deleted", async () => {
    const { queue, clock } = fixture();
    await queue.send([
      { body: 'first', groupId: 'g' },
      { body: 'second', groupId: 'g' },
    ]);
    const [first] = await receiveNow(queue);
    const pending = track(queue.receive(1, longPoll));
    await clock.settle();
    expect(pending.done).toBe(false);
    await queue.deleteMessages([first?.receiptHandle ?? '']);
    await clock.advance(pollSlackMs);
    expect(bodiesOf(await pending.promise)).toEqual(['second']);
  });

  it('an aborted receive returns promptly, with nothing', async () => {
    const { queue, clock } = fixture();
    const controller = new AbortController();
    const pending = track(queue.receive(1, { ...longPoll, signal: controller.signal }));
    await clock.settle();
    expect(pending.done).toBe(false);
    controller.abort();
    await clock.settle();
    expect(pending.done).toBe(true);
    expect(await pending.promise).toEqual([]);
  });

  it('a receive whose signal is already aborted does not wait', async () => {
    const { queue } = fixture();
    expect(await queue.receive(1, { ...longPoll, signal: AbortSignal.abort() })).toEqual([]);
  });
}
