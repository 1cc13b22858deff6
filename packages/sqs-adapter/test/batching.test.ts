/**
 * Deletes and visibility changes from concurrent callers share batch calls of 10, a lone one
 * waits no longer than the batch window, and a failed entry fails alone. Time moves only on the
 * manual clock (the emulator's Date follows it).
 */
import { createManualClock } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkEmulatorTime } from './support/emulator-clock.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';
import { trackRequests } from './support/request-tracker.js';
import { openTestQueue, sendNumbered } from './support/test-queues.js';
import type { TestQueue } from './support/test-queues.js';

let emulator: Emulator;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
  vi.useRealTimers();
});

async function openWithClock(batchWindowMs = 10): Promise<TestQueue & { clock: ManualClock }> {
  const clock = createManualClock();
  const opened = await openTestQueue(emulator, { prefix: 'batching', clock, batchWindowMs });
  linkEmulatorTime(clock, trackRequests(opened.client));
  return { ...opened, clock };
}

async function receiveAll(opened: TestQueue, count: number, visibilityTimeoutSeconds = 60) {
  const received = [];
  while (received.length < count) received.push(...(await opened.queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds })));
  return received;
}

describe('batching deletes and visibility changes', () => {
  it('25 concurrent single-message deletes go out as 3 DeleteMessageBatch requests', async () => {
    const opened = await openWithClock();
    const { queue, clock } = opened;
    await sendNumbered(queue, 25);
    const messages = await receiveAll(opened, 25);
    const deletes = Promise.all(messages.map((message) => queue.deleteMessages([message.receiptHandle])));
    await clock.advance(10);
    expect(await deletes).toEqual(Array.from({ length: 25 }, () => ({ failed: [] })));
    expect(queue.requestCounts()['DeleteMessageBatch']).toBe(3);
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 0 });
    await queue.close();
  });

  it('a lone delete waits for company no longer than the batch window while other messages are in progress', async () => {
    const opened = await openWithClock(10);
    const { queue, clock } = opened;
    await sendNumbered(queue, 2);
    const [message] = await receiveAll(opened, 2);
    let done = false;
    const deleting = queue.deleteMessages([message?.receiptHandle ?? '']).finally(() => (done = true));
    await clock.advance(9);
    expect(queue.requestCounts()['DeleteMessageBatch']).toBeUndefined();
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
    expect(await deleting).toEqual({ failed: [] });
    expect(queue.requestCounts()['DeleteMessageBatch']).toBe(1);
    await queue.close();
  });

  it('a delete goes at once when every message in progress here already has one pending: no other could join', async () => {
    const opened = await openWithClock(1_000);
    const { queue, clock } = opened;
    await sendNumbered(queue, 3);
    const messages = await receiveAll(opened, 3);
    const first = queue.deleteMessages([messages[0]?.receiptHandle ?? '']);
    await clock.settle();
    expect(queue.requestCounts()['DeleteMessageBatch']).toBeUndefined();
    const rest = queue.deleteMessages(messages.slice(1).map((message) => message.receiptHandle));
    await clock.settle();
    expect(await Promise.all([first, rest])).toEqual([{ failed: [] }, { failed: [] }]);
    expect(queue.requestCounts()['DeleteMessageBatch']).toBe(1);
    await queue.close();
  });

  it('ten pending entries are sent at once, without waiting for the window', async () => {
    const opened = await openWithClock(1_000);
    const { queue, clock } = opened;
    await sendNumbered(queue, 10);
    const messages = await receiveAll(opened, 10);
    const deletes = Promise.all(messages.map((message) => queue.deleteMessages([message.receiptHandle])));
    await clock.settle();
    expect(await deletes).toHaveLength(10);
    expect(queue.requestCounts()['DeleteMessageBatch']).toBe(1);
    await queue.close();
  });

  it('a batch with one stale receipt fails only that entry; the others are deleted', async () => {
    const opened = await openWithClock();
    const { queue, clock } = opened;
    await sendNumbered(queue, 3);
    const [stale] = await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 5 });
    const others = await receiveAll(opened, 2);
    await clock.advance(5_000);
    const [again] = await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 60 });
    expect(again?.id).toBe(stale?.id);
    const handles = [stale?.receiptHandle ?? '', ...others.map((message) => message.receiptHandle)];
    const deleting = queue.deleteMessages(handles);
    await clock.advance(10);
    const result = await deleting;
    expect(result.failed.map((entry) => entry.receiptHandle)).toEqual([stale?.receiptHandle]);
    expect(result.failed[0]?.error).toMatchObject({ code: 'RECEIPT_EXPIRED' });
    expect(await queue.getCounts()).toMatchObject({ visible: 0, inFlight: 1 });
    await queue.close();
  });

  it('a visibility change SQS refuses for one entry (a receipt it does not know) fails only that entry', async () => {
    const opened = await openWithClock();
    const { queue, clock } = opened;
    await sendNumbered(queue, 1);
    const [message] = await receiveAll(opened, 1);
    const changing = queue.changeVisibility([
      { receiptHandle: 'not-a-receipt-this-queue-issued', visibilityTimeoutSeconds: 0 },
      { receiptHandle: message?.receiptHandle ?? '', visibilityTimeoutSeconds: 0 },
    ]);
    await clock.advance(10);
    const result = await changing;
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ receiptHandle: 'not-a-receipt-this-queue-issued', error: { code: 'RECEIPT_EXPIRED' } });
    expect(queue.requestCounts()['ChangeMessageVisibilityBatch']).toBe(1);
    expect(await queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 30 })).toMatchObject([{ id: message?.id, receiveCount: 2 }]);
    await queue.close();
  });

  it('handing a message back with `returned` costs one ChangeMessageVisibilityBatch entry and nothing more', async () => {
    const opened = await openWithClock();
    const { queue, clock } = opened;
    await sendNumbered(queue, 2);
    const [first, second] = await receiveAll(opened, 2);
    const before = queue.requestCounts();
    const changing = queue.changeVisibility([
      { receiptHandle: first?.receiptHandle ?? '', visibilityTimeoutSeconds: 120, returned: true },
      { receiptHandle: second?.receiptHandle ?? '', visibilityTimeoutSeconds: 120 },
    ]);
    await clock.advance(10);
    expect(await changing).toEqual({ failed: [] });
    const after = queue.requestCounts();
    expect(Object.keys(after).filter((action) => after[action] !== before[action])).toEqual(['ChangeMessageVisibilityBatch']);
    expect((after['ChangeMessageVisibilityBatch'] ?? 0) - (before['ChangeMessageVisibilityBatch'] ?? 0)).toBe(1);
    expect(await queue.getCounts()).toMatchObject({ inFlight: 1, delayed: 1 });
    await queue.close();
  });

  it('a visibility timeout outside 0 to 43,200 s fails its own entry with INVALID_OPTION, without a request', async () => {
    const opened = await openWithClock();
    const { queue } = opened;
    await sendNumbered(queue, 1);
    const [message] = await receiveAll(opened, 1);
    const result = await queue.changeVisibility([{ receiptHandle: message?.receiptHandle ?? '', visibilityTimeoutSeconds: 43_201 }]);
    expect(result.failed[0]?.error).toMatchObject({ code: 'INVALID_OPTION' });
    expect(queue.requestCounts()['ChangeMessageVisibilityBatch']).toBeUndefined();
    await queue.close();
  });
});
