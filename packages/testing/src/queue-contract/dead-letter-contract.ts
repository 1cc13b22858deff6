/** Contract tests for redrive: after maxReceives receives a message is dead-lettered. */
import { expect, it } from 'vitest';
import { bodiesOf, receiveNow, visibilitySeconds } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

/** Registers the dead-letter tests. */
export function describeDeadLetterContract(fixture: UseQueueFixture): void {
  it('a message received maxReceives times is dead-lettered instead of delivered again', async () => {
    const { queue, clock, maxReceives } = fixture();
    await queue.send([{ body: 'poison' }]);
    const counts: number[] = [];
    for (let i = 0; i < maxReceives; i++) {
      const [message] = await receiveNow(queue);
      counts.push(message?.receiveCount ?? 0);
      await clock.advance(visibilitySeconds * 1000);
    }
    expect(counts).toEqual(Array.from({ length: maxReceives }, (_, i) => i + 1));
    expect(await receiveNow(queue)).toEqual([]);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 1 });
  });

  it('a message on its last receive can still be deleted, and is not dead-lettered', async () => {
    const { queue, clock, maxReceives } = fixture();
    await queue.send([{ body: 'late success' }]);
    let last;
    for (let i = 0; i < maxReceives; i++) {
      [last] = await receiveNow(queue);
      if (i < maxReceives - 1) await clock.advance(visibilitySeconds * 1000);
    }
    expect(await queue.getCounts()).toMatchObject({ inFlight: 1, deadLettered: 0 });
    expect(await queue.deleteMessages([last?.receiptHandle ?? ''])).toEqual({ failed: [] });
    await clock.advance(visibilitySeconds * 1000);
    expect(await receiveNow(queue)).toEqual([]);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0, deadLettered: 0 });
  });

  it("dead-lettering a group's first message releases the group's next one in the same receive", async () => {
    const { queue, clock, maxReceives } = fixture();
    await queue.send([
      { body: 'poison', groupId: 'g' },
      { body: 'next', groupId: 'g' },
    ]);
    for (let i = 0; i < maxReceives; i++) {
      expect(bodiesOf(await receiveNow(queue))).toEqual(['poison']);
      await clock.advance(visibilitySeconds * 1000);
    }
    expect(bodiesOf(await receiveNow(queue))).toEqual(['next']);
    expect(await queue.getCounts()).toMatchObject({ deadLettered: 1 });
  });
}
