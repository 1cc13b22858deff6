/** FIFO queues (groups, deduplication ids, no per-message delay) and redrive to a dead-letter queue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueNameFromUrl } from '../src/queue-url.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';
import { openTestQueue, uniqueQueueName } from './support/test-queues.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

const now = { waitMs: 0, visibilityTimeoutSeconds: 30 };

/** The messages fauxqs holds ready in a queue, read through its inspection endpoint. */
async function inspectReady(url: string): Promise<{ body: string; messageGroupId?: string; messageDeduplicationId?: string }[]> {
  const response = await fetch(`${emulator.endpoint}/_fauxqs/queues/${queueNameFromUrl(url)}`);
  const state = (await response.json()) as { messages: { ready: { body: string; messageGroupId?: string; messageDeduplicationId?: string }[] } };
  return state.messages.ready;
}

describe('FIFO queues', () => {
  it('groupId round-trips, each message of several groups gets a deduplication id, and the queue says it is FIFO', async () => {
    const { queue, url } = await openTestQueue(emulator, { prefix: 'fifo', fifo: true });
    expect(queue.isFifo).toBe(true);
    await queue.send([
      { body: 'a1', groupId: 'a' },
      { body: 'b1', groupId: 'b' },
      { body: 'c1', groupId: 'c' },
    ]);
    const ready = await inspectReady(url);
    expect(ready.map((message) => message.messageGroupId)).toEqual(['a', 'b', 'c']);
    const dedupIds = ready.map((message) => message.messageDeduplicationId);
    expect(new Set(dedupIds).size).toBe(3);
    expect(dedupIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    const received = await queue.receive(10, now);
    expect(received.map((message) => [message.body, message.groupId])).toEqual([['a1', 'a'], ['b1', 'b'], ['c1', 'c']]);
    await queue.close();
  });

  it('two sends of the same body to the same group are both delivered, in order', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'fifo-same', fifo: true });
    const first = await queue.send([{ body: 'same', groupId: 'g' }]);
    const second = await queue.send([{ body: 'same', groupId: 'g' }]);
    expect(first[0]).not.toBe(second[0]);
    const [one] = await queue.receive(10, now);
    await queue.deleteMessages([one?.receiptHandle ?? '']);
    const [two] = await queue.receive(10, now);
    expect([one?.id, two?.id]).toEqual([first[0], second[0]]);
    await queue.close();
  });

  it('a message sent without a group travels in a group of its own and is received as ungrouped', async () => {
    const { queue, url } = await openTestQueue(emulator, { prefix: 'fifo-ungrouped', fifo: true });
    await queue.send([{ body: 'free 1' }, { body: 'free 2' }]);
    const groups = (await inspectReady(url)).map((message) => message.messageGroupId);
    expect(new Set(groups).size).toBe(2);
    const received = await queue.receive(10, now);
    expect(received.map((message) => [message.body, message.groupId])).toEqual([['free 1', undefined], ['free 2', undefined]]);
    await queue.close();
  });

  it('a per-message delay is refused with INVALID_MESSAGE before any request', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'fifo-delay', fifo: true });
    await expect(queue.send([{ body: 'now', groupId: 'g' }, { body: 'later', groupId: 'g', delaySeconds: 5 }])).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
      message: expect.stringMatching(/message 2 of 2: delaySeconds 5 is not allowed: FIFO queues/),
    });
    expect(queue.requestCounts()['SendMessageBatch']).toBeUndefined();
    await queue.close();
  });
});

describe('redrive to a dead-letter queue', () => {
  it('reads maxReceives and the dead-letter queue URL on open, and counts the message SQS moves there on the third receive', async () => {
    const dlq = await emulator.createQueue(uniqueQueueName('redrive-dlq'));
    const { queue, arn } = await openTestQueue(emulator, {
      prefix: 'redrive',
      attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) },
    });
    expect(queue).toMatchObject({ queueArn: arn, maxReceives: 2, deadLetterQueueUrl: dlq.url, isFifo: false });
    await queue.send([{ body: 'poison' }]);
    const handBack = { waitMs: 0, visibilityTimeoutSeconds: 0 };
    expect(await queue.receive(1, handBack)).toMatchObject([{ body: 'poison', receiveCount: 1 }]);
    expect(await queue.receive(1, handBack)).toMatchObject([{ body: 'poison', receiveCount: 2 }]);
    expect(await queue.receive(1, handBack)).toEqual([]);
    expect(await queue.getCounts()).toEqual({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 1 });
    await queue.close();
  });

  it('a queue without a redrive policy has no maxReceives, no dead-letter queue and no deadLettered count', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'no-redrive' });
    expect(queue.maxReceives).toBeUndefined();
    expect(queue.deadLetterQueueUrl).toBeUndefined();
    expect(await queue.getCounts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    await queue.close();
  });
});
