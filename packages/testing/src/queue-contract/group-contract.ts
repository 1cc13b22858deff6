/** Contract tests for message groups: one message of a group at a time, in send order. */
import { expect, it } from 'vitest';
import { bodiesOf, receiveNow } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

/** Registers the message-group tests. */
export function describeGroupContract(fixture: UseQueueFixture): void {
  it('never hands out two messages of one group at once', async () => {
    const { queue } = fixture();
    await queue.send([
      { body: 'a1', groupId: 'a' },
      { body: 'a2', groupId: 'a' },
      { body: 'b1', groupId: 'b' },
      { body: 'free' },
      { body: 'b2', groupId: 'b' },
    ]);
    const first = await receiveNow(queue);
    expect(bodiesOf(first)).toEqual(['a1', 'b1', 'free']);
    expect(await receiveNow(queue)).toEqual([]);
    await queue.deleteMessages(first.filter((message) => message.groupId === 'a').map((message) => message.receiptHandle));
    expect(bodiesOf(await receiveNow(queue))).toEqual(['a2']);
  });

  it("a group's next message waits while its first backs off after being returned", async () => {
    const { queue, clock } = fixture();
    await queue.send([
      { body: 'first', groupId: 'g' },
      { body: 'second', groupId: 'g' },
    ]);
    const [first] = await receiveNow(queue);
    await queue.changeVisibility([{ receiptHandle: first?.receiptHandle ?? '', visibilityTimeoutSeconds: 30, returned: true }]);
    expect(await receiveNow(queue)).toEqual([]);
    await clock.advance(30_000);
    expect(await receiveNow(queue)).toMatchObject([{ body: 'first', receiveCount: 2 }]);
  });

  it("a group's next message waits while its first is in flight, even past other groups' traffic", async () => {
    const { queue, clock } = fixture();
    await queue.send([
      { body: 'g1', groupId: 'g' },
      { body: 'g2', groupId: 'g' },
    ]);
    expect(bodiesOf(await receiveNow(queue, 1, 60))).toEqual(['g1']);
    await queue.send([{ body: 'h1', groupId: 'h' }]);
    await clock.advance(30_000);
    expect(bodiesOf(await receiveNow(queue, 10, 60))).toEqual(['h1']);
    await clock.advance(30_000);
    expect(await receiveNow(queue)).toMatchObject([{ body: 'g1', receiveCount: 2 }]);
  });
}
