/** Contract tests for visibility timeouts, visibility changes, deletes and receipt handles. */
import { errorCodes } from '@watchbot/core';
import { expect, it } from 'vitest';
import { expectWatchbotError, receiveNow, sendBodies, visibilitySeconds } from './queue-fixture.js';
import type { UseQueueFixture } from './queue-fixture.js';

/** Registers the visibility tests. */
export function describeVisibilityContract(fixture: UseQueueFixture): void {
  it('a received message stays invisible until its visibility timeout passes', async () => {
    const { queue, clock } = fixture();
    const [id] = await sendBodies(queue, 'job');
    expect(await receiveNow(queue, 1, 30)).toHaveLength(1);
    await clock.advance(29_999);
    expect(await receiveNow(queue)).toEqual([]);
    await clock.advance(1);
    const [again] = await receiveNow(queue);
    expect(again).toMatchObject({ id, body: 'job', receiveCount: 2 });
  });

  it('each receive gets a new receipt handle while firstReceivedAtMs stays at the first receive', async () => {
    const { queue, clock } = fixture();
    await sendBodies(queue, 'job');
    const firstAtMs = clock.now();
    const [first] = await receiveNow(queue);
    await clock.advance(visibilitySeconds * 1000);
    const [second] = await receiveNow(queue);
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
    expect(second).toMatchObject({ receiveCount: 2, firstReceivedAtMs: firstAtMs });
  });

  it('a deleted message is never delivered again, and its receipt handle then fails', async () => {
    const { queue, clock } = fixture();
    await sendBodies(queue, 'job');
    const [message] = await receiveNow(queue);
    const handle = message?.receiptHandle ?? '';
    expect(await queue.deleteMessages([handle])).toEqual({ failed: [] });
    await clock.advance(visibilitySeconds * 1000 * 10);
    expect(await receiveNow(queue)).toEqual([]);
    const again = await queue.deleteMessages([handle]);
    expect(again.failed.map((entry) => entry.receiptHandle)).toEqual([handle]);
    expectWatchbotError(again.failed[0]?.error, errorCodes.RECEIPT_EXPIRED);
    const change = await queue.changeVisibility([{ receiptHandle: handle, visibilityTimeoutSeconds: 0 }]);
    expectWatchbotError(change.failed[0]?.error, errorCodes.RECEIPT_EXPIRED);
  });

  it('a stale receipt handle fails only its own entry', async () => {
    const { queue, clock } = fixture();
    await sendBodies(queue, 'short', 'long');
    const [short] = await receiveNow(queue, 1, 10);
    const [long] = await receiveNow(queue, 1, 60);
    await clock.advance(10_000);
    const [shortAgain] = await receiveNow(queue);
    const stale = short?.receiptHandle ?? '';
    const deleted = await queue.deleteMessages([stale, long?.receiptHandle ?? '']);
    expect(deleted.failed.map((entry) => entry.receiptHandle)).toEqual([stale]);
    expectWatchbotError(deleted.failed[0]?.error, errorCodes.RECEIPT_EXPIRED);
    const changed = await queue.changeVisibility([
      { receiptHandle: stale, visibilityTimeoutSeconds: 0 },
      { receiptHandle: shortAgain?.receiptHandle ?? '', visibilityTimeoutSeconds: 0 },
    ]);
    expect(changed.failed.map((entry) => entry.receiptHandle)).toEqual([stale]);
    expectWatchbotError(changed.failed[0]?.error, errorCodes.RECEIPT_EXPIRED);
    // The valid change applied, the valid delete too: only "short" is left, visible again.
    expect((await receiveNow(queue)).map((message) => message.body)).toEqual(['short']);
  });

  it('changing visibility to 0 makes a message receivable at once', async () => {
    const { queue } = fixture();
    await sendBodies(queue, 'job');
    const [message] = await receiveNow(queue);
    await queue.changeVisibility([{ receiptHandle: message?.receiptHandle ?? '', visibilityTimeoutSeconds: 0, returned: true }]);
    expect(await receiveNow(queue)).toMatchObject([{ body: 'job', receiveCount: 2 }]);
  });

  it('extending visibility keeps a running message invisible past its first timeout, counted from the change', async () => {
    const { queue, clock } = fixture();
    await sendBodies(queue, 'job');
    const [message] = await receiveNow(queue, 1, 10);
    await clock.advance(5_000);
    await queue.changeVisibility([{ receiptHandle: message?.receiptHandle ?? '', visibilityTimeoutSeconds: 60 }]);
    await clock.advance(59_999);
    expect(await receiveNow(queue)).toEqual([]);
    await clock.advance(1);
    expect(await receiveNow(queue)).toMatchObject([{ body: 'job', receiveCount: 2 }]);
  });

  it('a message handed back can still be deleted with its receipt handle until it is received again', async () => {
    const { queue, clock } = fixture();
    await sendBodies(queue, 'job');
    const [message] = await receiveNow(queue);
    const handle = message?.receiptHandle ?? '';
    await queue.changeVisibility([{ receiptHandle: handle, visibilityTimeoutSeconds: 10, returned: true }]);
    expect(await queue.deleteMessages([handle])).toEqual({ failed: [] });
    await clock.advance(10_000);
    expect(await receiveNow(queue)).toEqual([]);
  });
}
