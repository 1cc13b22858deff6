/** Contract tests for getCounts: where each message is counted as it moves through the queue. */
import { expect, it } from 'vitest';
import { receiveNow } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

/** Registers the count tests. */
export function describeCountContract(fixture: UseQueueFixture): void {
  it('counts zero everywhere on an empty queue', async () => {
    const { queue } = fixture();
    const counts = await queue.getCounts();
    expect(counts).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    expect(counts.deadLettered ?? 0).toBe(0);
  });

  it('counts a sent message as visible, a received one as in flight and a send-delayed one as delayed', async () => {
    const { queue, clock } = fixture();
    await queue.send([{ body: 'a' }, { body: 'b' }, { body: 'later', delaySeconds: 60 }]);
    expect(await queue.getCounts()).toMatchObject({ visible: 2, inFlight: 0, delayed: 1 });
    await receiveNow(queue, 1);
    expect(await queue.getCounts()).toMatchObject({ visible: 1, inFlight: 1, delayed: 1 });
    await clock.advance(60_000);
    expect(await queue.getCounts()).toMatchObject({ visible: 3, inFlight: 0, delayed: 0 });
  });

  it('a returned message counts as delayed, an extended one as in flight', async () => {
    const { queue, clock } = fixture();
    await queue.send([{ body: 'returned' }, { body: 'extended' }]);
    const [returned, extended] = await receiveNow(queue);
    await queue.changeVisibility([
      { receiptHandle: returned?.receiptHandle ?? '', visibilityTimeoutSeconds: 120, returned: true },
      { receiptHandle: extended?.receiptHandle ?? '', visibilityTimeoutSeconds: 120 },
    ]);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 1, delayed: 1 });
    await clock.advance(120_000);
    expect(await queue.getCounts()).toMatchObject({ visible: 2, inFlight: 0, delayed: 0 });
  });

  it('a returned message counts as in flight again once it is received again', async () => {
    const { queue } = fixture();
    await queue.send([{ body: 'retry' }]);
    const [message] = await receiveNow(queue);
    await queue.changeVisibility([{ receiptHandle: message?.receiptHandle ?? '', visibilityTimeoutSeconds: 0, returned: true }]);
    await receiveNow(queue);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 1, delayed: 0 });
  });
}
