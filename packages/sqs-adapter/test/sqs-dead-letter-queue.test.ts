/** What only the SQS dead-letter queue shows: duplicates over loss, batches of 10, receive counts, attributes, FIFO. */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { errorCodes } from '@watchbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqsDeadLetterQueue } from '../src/index.js';
import type { SqsQueue } from '../src/index.js';
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

const handBack = { waitMs: 0, visibilityTimeoutSeconds: 0 };

/** A work queue that dead-letters after one receive, and its dead-letter queue. */
async function makeQueues(prefix: string, fifo = false) {
  const dlq = await emulator.createQueue(uniqueQueueName(`${prefix}-dlq`, fifo), fifo ? { FifoQueue: 'true' } : {});
  const work = await openTestQueue(emulator, {
    prefix,
    fifo,
    attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) },
  });
  return { dlq, work };
}

/** Receives until the work queue has dead-lettered everything sent to it. */
async function redrive(queue: SqsQueue): Promise<void> {
  for (let round = 0; round < 30; round++) {
    if ((await queue.receive(10, handBack)).length === 0 && (await queue.getCounts()).visible === 0) return;
  }
}

/** The messages fauxqs holds in a queue, ready and in flight, read through its inspection endpoint. */
async function inspect(url: string) {
  const response = await fetch(`${emulator.endpoint}/_fauxqs/queues/${queueNameFromUrl(url)}`);
  type Held = { body: string; messageGroupId?: string; messageDeduplicationId?: string; messageAttributes?: Record<string, { StringValue?: string }> };
  const state = (await response.json()) as { messages: { ready: Held[]; inflight?: unknown[] } };
  return state.messages;
}

describe('the SQS dead-letter queue', () => {
  it('a replay cut off between the send and the delete leaves the message in both queues — duplicated, never lost — and a second replay completes it', async () => {
    const { dlq, work } = await makeQueues('crash');
    const [sentId] = await work.queue.send([{ body: 'precious' }]);
    await redrive(work.queue);
    const crashing = await openSqsDeadLetterQueue({
      queueUrl: work.url,
      client: emulator.sqsClient(),
      onReplaySent: () => {
        throw new Error('killed after the send');
      },
    });
    await expect(crashing.replay([sentId ?? ''])).rejects.toThrow('killed after the send');
    await crashing.close();
    expect((await inspect(work.url)).ready.map((message) => message.body)).toEqual(['precious']);
    const deadLetters = await openSqsDeadLetterQueue({ queueUrl: work.url, client: emulator.sqsClient() });
    expect(deadLetters.deadLetterQueueUrl).toBe(dlq.url);
    expect(await deadLetters.get(sentId ?? '')).toMatchObject({ body: 'precious' });
    expect((await deadLetters.replay([sentId ?? ''])).done).toEqual([sentId]);
    expect(await deadLetters.count()).toBe(0);
    expect((await inspect(work.url)).ready.map((message) => message.body)).toEqual(['precious', 'precious']);
    await deadLetters.close();
    await work.queue.close();
  });

  it('batches every call by 10: 25 dead letters are listed, replayed and purged in calls of at most 10, without PurgeQueue', async () => {
    const { work } = await makeQueues('batches');
    await work.queue.send(Array.from({ length: 25 }, (_, i) => ({ body: `m${i}` })));
    await redrive(work.queue);
    const client = emulator.sqsClient();
    const deadLetters = await openSqsDeadLetterQueue({ queueUrl: work.url, client });
    const before = deadLetters.requestCounts();
    expect(await deadLetters.list(100)).toHaveLength(25);
    const listing = deadLetters.requestCounts();
    // Three receives of 10, 10 and 5, and one that comes back empty: the end of the queue.
    expect((listing['ReceiveMessage'] ?? 0) - (before['ReceiveMessage'] ?? 0)).toBe(4);
    expect((listing['ChangeMessageVisibilityBatch'] ?? 0) - (before['ChangeMessageVisibilityBatch'] ?? 0)).toBe(3);
    const replayed = await deadLetters.replayAll();
    expect(replayed.done).toHaveLength(25);
    const counts = deadLetters.requestCounts();
    expect(counts['SendMessageBatch']).toBe(3);
    expect(counts['DeleteMessageBatch']).toBe(3);
    await redrive(work.queue);
    expect(await deadLetters.purge()).toBe(25);
    expect(deadLetters.requestCounts()['DeleteMessageBatch']).toBe(6);
    expect(deadLetters.requestCounts()['PurgeQueue']).toBeUndefined();
    await deadLetters.close();
    await work.queue.close();
  });

  it('listing receives each dead letter once more: its ApproximateReceiveCount grows with every list', async () => {
    const { work } = await makeQueues('counts');
    await work.queue.send([{ body: 'seen' }]);
    await redrive(work.queue);
    const deadLetters = await openSqsDeadLetterQueue({ queueUrl: work.url, client: emulator.sqsClient() });
    const [first] = await deadLetters.list(10);
    const [second] = await deadLetters.list(10);
    expect((second?.receiveCount ?? 0) - (first?.receiveCount ?? 0)).toBe(1);
    await deadLetters.close();
    await work.queue.close();
  });

  it('a replay keeps every message attribute, and on a FIFO queue the group, with a fresh deduplication id', async () => {
    const { work } = await makeQueues('attributes', true);
    const sqs = emulator.sqsClient();
    const original = await sqs.send(
      new SendMessageCommand({
        QueueUrl: work.url,
        MessageBody: 'with attributes',
        MessageGroupId: 'tenant-1',
        MessageDeduplicationId: 'original-dedup',
        MessageAttributes: { Subject: { DataType: 'String', StringValue: 'resize' }, traceparent: { DataType: 'String', StringValue: '00-abc-def-01' } },
      }),
    );
    await redrive(work.queue);
    const deadLetters = await openSqsDeadLetterQueue({ queueUrl: work.url, client: emulator.sqsClient() });
    expect(deadLetters.isFifo).toBe(true);
    expect(await deadLetters.get(original.MessageId ?? '')).toMatchObject({ subject: 'resize', groupId: 'tenant-1' });
    await deadLetters.replay([original.MessageId ?? '']);
    const [copy] = (await inspect(work.url)).ready;
    expect(copy).toMatchObject({ body: 'with attributes', messageGroupId: 'tenant-1' });
    expect(copy?.messageDeduplicationId).not.toBe('original-dedup');
    expect(copy?.messageAttributes?.['traceparent']?.StringValue).toBe('00-abc-def-01');
    expect(copy?.messageAttributes?.['Subject']?.StringValue).toBe('resize');
    await deadLetters.close();
    await work.queue.close();
  });

  it('replayAll leaves a copy that is dead-lettered again during the call, so a worker that still fails cannot make it loop', async () => {
    const { work } = await makeQueues('again');
    await work.queue.send(Array.from({ length: 12 }, (_, i) => ({ body: `again ${i}` })));
    await redrive(work.queue);
    let firstBatch = true;
    const deadLetters = await openSqsDeadLetterQueue({
      queueUrl: work.url,
      client: emulator.sqsClient(),
      onReplaySent: async () => {
        if (!firstBatch) return;
        firstBatch = false;
        // A watcher receives the first copies and fails them: the redrive moves them back at once.
        await redrive(work.queue);
      },
    });
    const result = await deadLetters.replayAll();
    expect(result.done).toHaveLength(12);
    expect(result.failed).toEqual([]);
    expect(await deadLetters.count()).toBe(10);
    await deadLetters.close();
    await work.queue.close();
  });

  it('opening fails with one line: no dead-letter queue, a dead-letter queue that does not exist, a bad option', async () => {
    const plain = await openTestQueue(emulator, { prefix: 'no-redrive' });
    await expect(openSqsDeadLetterQueue({ queueUrl: plain.url, client: emulator.sqsClient() })).rejects.toMatchObject({
      code: errorCodes.QUEUE_NOT_FOUND,
      message: expect.stringContaining('has no dead-letter queue'),
    });
    const missing = plain.url.replace(/[^/]+$/, 'no-such-dlq');
    await expect(openSqsDeadLetterQueue({ queueUrl: plain.url, deadLetterQueueUrl: missing, client: emulator.sqsClient() })).rejects.toMatchObject({
      code: errorCodes.QUEUE_NOT_FOUND,
      message: expect.stringContaining('no-such-dlq'),
    });
    await expect(openSqsDeadLetterQueue({ queueUrl: plain.url, holdSeconds: 0 })).rejects.toMatchObject({
      code: errorCodes.INVALID_OPTION,
      message: 'holdSeconds: 0 is not valid; expected a whole number of seconds from 1 to 43,200',
    });
    await expect(openSqsDeadLetterQueue({ queueUrl: 'not a url' })).rejects.toMatchObject({ code: errorCodes.INVALID_OPTION, message: expect.stringMatching(/^queueUrl: "not a url"/) });
    await plain.queue.close();
  });

  it('a dead-letter queue named outright serves a queue without a redrive policy', async () => {
    const dlq = await emulator.createQueue(uniqueQueueName('named-dlq'));
    const plain = await openTestQueue(emulator, { prefix: 'named' });
    const sqs = emulator.sqsClient();
    await sqs.send(new SendMessageCommand({ QueueUrl: dlq.url, MessageBody: 'parked by hand' }));
    const deadLetters = await openSqsDeadLetterQueue({ queueUrl: plain.url, deadLetterQueueUrl: dlq.url, client: emulator.sqsClient() });
    expect(await deadLetters.replayAll()).toMatchObject({ done: [expect.any(String)], failed: [] });
    expect((await plain.queue.receive(1, handBack)).map((message) => message.body)).toEqual(['parked by hand']);
    await deadLetters.close();
    await plain.queue.close();
  });
});
