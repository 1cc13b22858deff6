/** Contract tests for plain delivery: what a receive returns, in what order, and how many. */
import { expect, it } from 'vitest';
import { bodiesOf, receiveNow, sendBodies } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

/** Registers the delivery tests. */
export function describeDeliveryContract(fixture: UseQueueFixture): void {
  it('a received message carries its id, body, a receipt handle, its receive count and its timestamps', async () => {
    const { queue, clock } = fixture();
    const sentAtMs = clock.now();
    const [id] = await queue.send([{ body: '{"job":42}' }]);
    await clock.advance(1_500);
    const [message, ...rest] = await receiveNow(queue);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ id, body: '{"job":42}', receiveCount: 1, sentAtMs, firstReceivedAtMs: sentAtMs + 1_500 });
    expect(message?.receiptHandle).toEqual(expect.any(String));
    expect(message?.receiptHandle).not.toBe('');
  });

  it('receive on an empty queue with waitMs 0 returns nothing at once', async () => {
    const { queue } = fixture();
    expect(await receiveNow(queue)).toEqual([]);
  });

  it('receive order is send order, within and across sends', async () => {
    const { queue } = fixture();
    await sendBodies(queue, 'one', 'two', 'three');
    await sendBodies(queue, 'four', 'five');
    expect(bodiesOf(await receiveNow(queue, 2))).toEqual(['one', 'two']);
    expect(bodiesOf(await receiveNow(queue, 10))).toEqual(['three', 'four', 'five']);
  });

  it('receive never returns more than asked, nor more than limits.maxReceiveBatch', async () => {
    const { queue } = fixture();
    const batch = queue.limits.maxReceiveBatch;
    await sendBodies(queue, ...Array.from({ length: batch + 5 }, (_, i) => `m${i}`));
    expect(await receiveNow(queue, 3)).toHaveLength(3);
    expect(await receiveNow(queue, batch + 100)).toHaveLength(batch);
    expect(await receiveNow(queue, batch + 100)).toHaveLength(2);
  });

  it('concurrent receives never hand out one message twice', async () => {
    const { queue } = fixture();
    const ids = await sendBodies(queue, ...Array.from({ length: 25 }, (_, i) => `m${i}`));
    const batches = await Promise.all(Array.from({ length: 6 }, () => receiveNow(queue, 10)));
    const received = batches.flat().map((message) => message.id);
    expect(new Set(received).size).toBe(received.length);
    expect([...received].sort()).toEqual([...ids].sort());
  });
}
