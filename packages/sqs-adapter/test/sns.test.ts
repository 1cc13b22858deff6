/**
 * Publishing to SNS (PublishBatch chunks, subjects, FIFO topics) and the rate-limited notifier,
 * read back through SQS queues subscribed to the topics.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { LogEntry, Notification } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnsNotifier, createSnsPublisher } from '../src/index.js';
import type { SqsQueue } from '../src/index.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';
import { createTopic, subscribeQueue } from './support/sns-topics.js';
import { openTestQueue } from './support/test-queues.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

/** An SNS client that records how many entries each PublishBatch call carried. */
function recordingSnsClient(): { client: SNSClient; batchSizes: number[] } {
  const client = emulator.snsClient();
  const batchSizes: number[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PublishBatchCommand') batchSizes.push((args.input as { PublishBatchRequestEntries: unknown[] }).PublishBatchRequestEntries.length);
      return next(args);
    },
    { step: 'initialize', name: 'recordPublishBatches' },
  );
  return { client, batchSizes };
}

/** A topic with a queue subscribed to it (raw delivery unless told otherwise). */
async function topicWithQueue(prefix: string, options: { fifo?: boolean; raw?: boolean } = {}): Promise<{ topicArn: string; queue: SqsQueue }> {
  const topicArn = await createTopic(emulator, prefix, options.fifo);
  const { queue, arn } = await openTestQueue(emulator, { prefix: `${prefix}-inbox`, fifo: options.fifo ?? false });
  await subscribeQueue(emulator, topicArn, arn, options.raw ?? true);
  return { topicArn, queue };
}

/** Receives and deletes everything in `queue`. */
async function drain(queue: SqsQueue): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const batch = await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 30 });
    if (batch.length === 0) return bodies;
    bodies.push(...batch.map((message) => message.body));
    await queue.deleteMessages(batch.map((message) => message.receiptHandle));
  }
}

describe('the SNS publisher', () => {
  it('publishes 25 messages as PublishBatch calls of 10, 10 and 5, in order', async () => {
    const { topicArn, queue } = await topicWithQueue('publish');
    const { client, batchSizes } = recordingSnsClient();
    const publisher = createSnsPublisher({ topicArn, client });
    const ids = await publisher.publish(Array.from({ length: 25 }, (_, i) => ({ body: `event ${i}` })));
    expect(new Set(ids).size).toBe(25);
    expect(batchSizes).toEqual([10, 10, 5]);
    expect(await drain(queue)).toEqual(Array.from({ length: 25 }, (_, i) => `event ${i}`));
    await queue.close();
  });

  it('closes a batch before it passes 256 KiB, and sends a larger message on its own', async () => {
    const { topicArn, queue } = await topicWithQueue('publish-size');
    const { client, batchSizes } = recordingSnsClient();
    const publisher = createSnsPublisher({ topicArn, client });
    const body = 'x'.repeat(100_000);
    await publisher.publish([{ body }, { body }, { body }, { body: 'small' }]);
    expect(batchSizes).toEqual([2, 2]);
    expect(await drain(queue)).toHaveLength(4);
    await queue.close();
  });

  it('delivers the subject in the SNS envelope', async () => {
    const { topicArn, queue } = await topicWithQueue('publish-subject', { raw: false });
    await createSnsPublisher({ topicArn, client: emulator.snsClient() }).publish([{ body: 'hello', subject: 'greeting' }]);
    const [envelope] = await drain(queue);
    expect(JSON.parse(envelope ?? '{}')).toMatchObject({ Message: 'hello', Subject: 'greeting' });
    await queue.close();
  });

  it('refuses a subject SNS would refuse, and a delay, before publishing anything', async () => {
    const { topicArn, queue } = await topicWithQueue('publish-refuse');
    const { client, batchSizes } = recordingSnsClient();
    const publisher = createSnsPublisher({ topicArn, client });
    await expect(publisher.publish([{ body: 'a' }, { body: 'b', subject: 'two\nlines' }])).rejects.toMatchObject({ code: 'INVALID_MESSAGE', message: expect.stringContaining('message 2 of 2') });
    await expect(publisher.publish([{ body: 'a', delaySeconds: 5 }])).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    expect(batchSizes).toEqual([]);
    await queue.close();
  });

  it('gives FIFO-topic messages their group and a deduplication id, so identical bodies are both delivered', async () => {
    const { topicArn, queue } = await topicWithQueue('publish-fifo', { fifo: true });
    const publisher = createSnsPublisher({ topicArn, client: emulator.snsClient() });
    expect(publisher.isFifo).toBe(true);
    await publisher.publish([{ body: 'same', groupId: 'g' }]);
    await publisher.publish([{ body: 'same', groupId: 'g' }]);
    const [first] = await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 30 });
    expect(first).toMatchObject({ body: 'same', groupId: 'g' });
    await queue.deleteMessages([first?.receiptHandle ?? '']);
    expect(await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 30 })).toMatchObject([{ body: 'same', groupId: 'g' }]);
    await queue.close();
  });

  it('a topic ARN that is not one is refused with INVALID_OPTION', () => {
    expect(() => createSnsPublisher({ topicArn: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

function failure(i: number, overrides: Partial<Notification> = {}): Notification {
  return {
    kind: 'failed',
    messageId: `message-${i}`,
    exitCode: 1,
    signal: null,
    receiveCount: 2,
    outputTail: ['starting', 'boom'],
    summary: `[failure] worker exited 1 after 0.1 s (attempt 2)`,
    timeMs: Date.UTC(2026, 0, 1),
    ...overrides,
  };
}

describe('the SNS notifier', () => {
  it('publishes each notification as JSON with the subject "[watchbot] <kind>: <message id>"', async () => {
    const { topicArn, queue } = await topicWithQueue('notify', { raw: false });
    const notifier = createSnsNotifier({ topicArn, client: emulator.snsClient() });
    await notifier.notify(failure(1, { subject: 'nightly import', kind: 'rejected', exitCode: 3 }));
    const [envelope] = await drain(queue);
    const published = JSON.parse(envelope ?? '{}') as { Subject: string; Message: string };
    expect(published.Subject).toBe('[watchbot] rejected: message-1');
    expect(JSON.parse(published.Message)).toEqual({
      kind: 'rejected',
      messageId: 'message-1',
      subject: 'nightly import',
      exitCode: 3,
      signal: null,
      receiveCount: 2,
      outputTail: ['starting', 'boom'],
      summary: '[failure] worker exited 1 after 0.1 s (attempt 2)',
      time: '2026-01-01T00:00:00.000Z',
    });
    await notifier.close();
    await queue.close();
  });

  it('makes a subject SNS accepts out of any message id: ASCII, one line, under 100 characters', async () => {
    const { topicArn, queue } = await topicWithQueue('notify-subject', { raw: false });
    const notifier = createSnsNotifier({ topicArn, client: emulator.snsClient() });
    await notifier.notify(failure(1, { messageId: `né\n${'x'.repeat(200)}` }));
    const [envelope] = await drain(queue);
    const subject = (JSON.parse(envelope ?? '{}') as { Subject: string }).Subject;
    expect(subject).toMatch(/^\[watchbot\] failed: n\? x+\.\.\.$/);
    expect(subject.length).toBeLessThan(100);
    await notifier.close();
    await queue.close();
  });

  it('close() publishes a pending suppression summary at once', async () => {
    const { topicArn, queue } = await topicWithQueue('notify-close');
    const clock = createManualClock();
    const logs: LogEntry[] = [];
    const notifier = createSnsNotifier({ topicArn, client: emulator.snsClient(), clock, maxPerMinute: 5, logger: { log: (entry) => logs.push(entry) } });
    await Promise.all(Array.from({ length: 8 }, (_, i) => notifier.notify(failure(i))));
    expect(await drain(queue)).toHaveLength(5);
    await clock.advance(10_000);
    await notifier.close();
    expect((await drain(queue)).map((body) => JSON.parse(body) as Record<string, unknown>)).toMatchObject([{ kind: 'suppressed', suppressed: 3 }]);
    expect(logs.filter((entry) => entry.level === 'warn')).toMatchObject([{ msg: expect.stringContaining('exceed 5 per minute') }]);
    await queue.close();
  });

  it('100 failures at once publish maxPerMinute notifications, then one summary of the other 70 once the minute has passed', async () => {
    const { topicArn, queue } = await topicWithQueue('notify-refill');
    const clock = createManualClock();
    const notifier = createSnsNotifier({ topicArn, client: emulator.snsClient(), clock, maxPerMinute: 30 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => notifier.notify(failure(i))));
    expect(await drain(queue)).toHaveLength(30);
    await clock.advance(59_999);
    expect(await drain(queue)).toHaveLength(0);
    await clock.advance(1);
    await notifier.close();
    const [summary, ...rest] = (await drain(queue)).map((body) => JSON.parse(body) as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({ kind: 'suppressed', suppressed: 70, summary: '70 notifications were suppressed by the limit of 30 per minute' });
    await notifier.notify(failure(100));
    expect(await drain(queue)).toHaveLength(1);
    await queue.close();
  });

  it('logs a delivery error and does not throw', async () => {
    const logs: LogEntry[] = [];
    const notifier = createSnsNotifier({ topicArn: 'arn:aws:sns:us-east-1:000000000000:no-such-topic', client: emulator.snsClient(), logger: { log: (entry) => logs.push(entry) } });
    await expect(notifier.notify(failure(1))).resolves.toBeUndefined();
    expect(logs).toMatchObject([{ level: 'error', msg: expect.stringMatching(/could not publish the failed notification for message-1 .*does not exist/) }]);
  });
});
