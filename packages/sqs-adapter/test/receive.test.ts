/**
 * Receives over the wire: what is asked of SQS, what a message carries (subject, SNS envelope,
 * raw delivery), and that an aborted or closed long poll never hides a message.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import { unwrapSnsEnvelope } from '@watchbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqsQueue } from '../src/index.js';
import { startEmulator } from './support/fauxqs-emulator.js';
import type { Emulator } from './support/fauxqs-emulator.js';
import { createTopic, subscribeQueue } from './support/sns-topics.js';
import { openTestQueue, sendNumbered } from './support/test-queues.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

const now = { waitMs: 0, visibilityTimeoutSeconds: 30 };

describe('receive', () => {
  it('asks for min(n, 10) messages, a long poll of ceil(waitMs / 1000) s up to 20, the visibility, the system attributes and Subject', async () => {
    const { queue, client } = await openTestQueue(emulator, { prefix: 'receive-wire' });
    const inputs: Record<string, unknown>[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ReceiveMessageCommand') inputs.push(args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize', name: 'captureReceives' },
    );
    await sendNumbered(queue, 15);
    await queue.receive(25, { waitMs: 0, visibilityTimeoutSeconds: 45 });
    await queue.receive(3, { waitMs: 1_500, visibilityTimeoutSeconds: 30 });
    await queue.receive(1, { waitMs: 60_000, visibilityTimeoutSeconds: 30 });
    expect(inputs.map((input) => [input['MaxNumberOfMessages'], input['WaitTimeSeconds'], input['VisibilityTimeout']])).toEqual([
      [10, 0, 45],
      [3, 2, 30],
      [1, 20, 30],
    ]);
    expect(inputs[0]).toMatchObject({
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp', 'MessageGroupId'],
      MessageAttributeNames: ['Subject'],
    });
    await queue.close();
  });

  it('a received message carries its receive count, its timestamps and the subject it was sent with', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'receive-fields' });
    const before = Date.now();
    const [id] = await queue.send([{ body: 'payload', subject: 'nightly import' }]);
    const [message] = await queue.receive(1, now);
    expect(message).toMatchObject({ id, body: 'payload', subject: 'nightly import', receiveCount: 1 });
    expect(message?.sentAtMs).toBeGreaterThanOrEqual(before);
    expect(message?.firstReceivedAtMs).toBeGreaterThanOrEqual(message?.sentAtMs ?? Infinity);
    expect(message?.groupId).toBeUndefined();
    expect(message?.decodeWarnings).toBeUndefined();
    await queue.close();
  });

  it('a message published through SNS arrives as the SNS envelope, which core unwraps to the payload and subject', async () => {
    const { queue, arn } = await openTestQueue(emulator, { prefix: 'receive-envelope' });
    const topicArn = await createTopic(emulator, 'envelope');
    await subscribeQueue(emulator, topicArn, arn);
    await emulator.snsClient().send(new PublishCommand({ TopicArn: topicArn, Message: '{"job":7}', Subject: 'from SNS' }));
    const [message] = await queue.receive(1, now);
    expect(JSON.parse(message?.body ?? '{}')).toMatchObject({ Type: 'Notification', TopicArn: topicArn, Message: '{"job":7}', Subject: 'from SNS' });
    expect(unwrapSnsEnvelope(message?.body ?? '')).toMatchObject({ message: '{"job":7}', subject: 'from SNS', wasEnvelope: true });
    await queue.close();
  });

  it('with RawMessageDelivery a message published through SNS arrives as the bare payload', async () => {
    const { queue, arn } = await openTestQueue(emulator, { prefix: 'receive-raw' });
    const topicArn = await createTopic(emulator, 'raw');
    await subscribeQueue(emulator, topicArn, arn, true);
    await emulator.snsClient().send(new PublishCommand({ TopicArn: topicArn, Message: '{"job":8}' }));
    expect(await queue.receive(1, now)).toMatchObject([{ body: '{"job":8}' }]);
    await queue.close();
  });
});

describe('a long poll that ends early never hides a message', () => {
  it('an aborted long poll resolves with nothing at once; a message that then reaches its request is handed back, visible again', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'abort' });
    const controller = new AbortController();
    const pending = queue.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 300, signal: controller.signal });
    const abortedAtMs = performance.now();
    controller.abort();
    expect(await pending).toEqual([]);
    expect(performance.now() - abortedAtMs).toBeLessThan(50);
    // The request is still waiting on the server: this message goes to it, and comes straight back.
    const [id] = await sendNumbered(queue, 1);
    const [again] = await queue.receive(1, { waitMs: 5_000, visibilityTimeoutSeconds: 30 });
    expect(again).toMatchObject({ id, receiveCount: 2 });
    expect(queue.requestCounts()['ChangeMessageVisibilityBatch']).toBe(1);
    await queue.close();
  });

  it('close() ends a waiting receive with nothing, then waits for its request and hands back what it brings', async () => {
    const { queue, url } = await openTestQueue(emulator, { prefix: 'close' });
    const pending = queue.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 300 });
    const closing = queue.close();
    expect(await pending).toEqual([]);
    const sender = await openSqsQueue({ queueUrl: url, client: emulator.sqsClient() });
    const [id] = await sender.send([{ body: 'arrives while closing' }]);
    await closing;
    expect(await sender.receive(1, { waitMs: 5_000, visibilityTimeoutSeconds: 30 })).toMatchObject([{ id, receiveCount: 2 }]);
    await expect(queue.receive(1, now)).rejects.toThrow(/closed/);
    await sender.close();
  });

  it('close() waits no longer than closeWaitMs for a long poll in flight', async () => {
    const { queue } = await openTestQueue(emulator, { prefix: 'close-wait', closeWaitMs: 100 });
    const pending = queue.receive(1, { waitMs: 20_000, visibilityTimeoutSeconds: 300 });
    const startedMs = performance.now();
    await queue.close();
    expect(await pending).toEqual([]);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(90);
    expect(performance.now() - startedMs).toBeLessThan(2_000);
  });
});
