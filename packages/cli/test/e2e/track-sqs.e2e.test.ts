/**
 * `watchbot track` on SQS: the fauxqs emulator runs in this test process on 127.0.0.1 and the
 * real CLI reaches it through AWS_ENDPOINT_URL. Events are read from an SQS events queue, and a
 * failure is published to the notification topic (read back from a queue subscribed to it).
 */
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureJobs, readStateChange } from '../state-change-fixtures.js';
import { makeTempDir, runCli } from './cli-process.js';

let emulator: SqsEmulator;
let env: Record<string, string>;
let dir: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  emulator = await startSqsEmulator();
  env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

describe('watchbot track on SQS', () => {
  it('records the events of an SQS events queue, deletes them, and publishes failures to the notification topic', async () => {
    const events = await emulator.createQueue('track-events');
    const alerts = await emulator.createQueue('track-alerts');
    const sns = emulator.snsClient();
    const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'track-notifications' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: alerts.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const sqs = emulator.sqsClient();
    for (const name of ['batch-job-runnable.json', 'batch-job-failed-after-retry.json', 'sns-wrapped-ecs-task-b-stopped-exit-0.json'] as const) {
      await sqs.send(new SendMessageCommand({ QueueUrl: events.url, MessageBody: readStateChange(name) }));
    }

    const tracked = await runCli(['track', '--queue', events.url, '--job-history', 'history.db', '--notification-topic', TopicArn, '--exit-when-empty'], { cwd: dir.path, env });

    expect(tracked.stderr).toBe('');
    expect(tracked.code).toBe(0);
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: events.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    const shown = JSON.parse((await runCli(['jobs', 'show', fixtureJobs.batchX, '--job-history', 'history.db', '--json'], { cwd: dir.path })).stdout) as { events: { type: string }[] };
    expect(shown.events.map((event) => event.type)).toEqual(['RUNNABLE', 'FAILED']);

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: alerts.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect(Messages).toHaveLength(1);
    const published = JSON.parse(Messages[0]?.Body ?? '{}') as { kind: string; messageId: string; history: string };
    expect(published).toMatchObject({ kind: 'failed', messageId: fixtureJobs.batchX, history: `watchbot jobs show ${fixtureJobs.batchX} --job-history ${dir.path}/history.db` });
  });
});
