/**
 * --stack: a Watchbot stack's resources from its CloudFormation outputs. No CloudFormation
 * emulator exists, so DescribeStacks is stubbed by command class (aws-sdk-client-mock); the
 * queues the outputs name are real, on the fauxqs emulator.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { Output, StackStatus } from '@aws-sdk/client-cloudformation';
import { errorCodes } from '@watchbot/core';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';
import { resolveStackResources } from '../src/stack-discovery.js';
import { stackErrorCodes } from '../src/stack-discovery-error.js';
import { captureIo } from './capture-io.js';

const cloudFormation = mockClient(CloudFormationClient);

/** DescribeStacks answers with one stack holding these outputs. */
function stackWith(outputs: Record<string, string>, status: StackStatus = 'CREATE_COMPLETE'): void {
  const Outputs: Output[] = Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue }));
  cloudFormation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'my-service', StackStatus: status, CreationTime: new Date(), Outputs }] });
}

/** An SDK-shaped service error. */
function serviceError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: 'client' });
}

const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/my-service-queue';
const deadLetterQueueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/my-service-dead-letters';

/** The outputs `template()` creates under `prefix`. */
function watchbotOutputs(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${prefix}QueueUrl`]: queueUrl,
    [`${prefix}QueueArn`]: 'arn:aws:sqs:us-east-1:123456789012:my-service-queue',
    [`${prefix}DeadLetterQueueUrl`]: deadLetterQueueUrl,
    [`${prefix}DeadLetterQueueArn`]: 'arn:aws:sqs:us-east-1:123456789012:my-service-dead-letters',
    [`${prefix}NotificationTopicArn`]: 'arn:aws:sns:us-east-1:123456789012:my-service-notify',
    [`${prefix}LogGroupName`]: 'my-service',
    ...extra,
  };
}

beforeEach(() => {
  cloudFormation.reset();
});

describe('resolveStackResources', () => {
  it("reads the queue, dead-letter queue and every other Watchbot output of a stack with the default prefix, in the region asked", async () => {
    stackWith(watchbotOutputs('Watchbot', { WatchbotJobTableName: 'my-service-jobs', WatchbotWorkTopicArn: 'arn:aws:sns:us-east-1:123456789012:work', SomethingElse: 'x' }));
    const resources = await resolveStackResources('my-service', 'us-east-1');
    expect(resources).toMatchObject({ stackName: 'my-service', stackStatus: 'CREATE_COMPLETE', region: 'us-east-1', prefix: 'Watchbot', queueUrl, deadLetterQueueUrl });
    expect(resources.outputs).toMatchObject({ JobTableName: 'my-service-jobs', WorkTopicArn: 'arn:aws:sns:us-east-1:123456789012:work', LogGroupName: 'my-service' });
    expect(Object.keys(resources.outputs)).not.toContain('SomethingElse');
    const call = cloudFormation.commandCalls(DescribeStacksCommand)[0];
    expect(call?.args[0].input).toEqual({ StackName: 'my-service' });
    expect(await call?.thisValue.config.region()).toBe('us-east-1');
  });

  it('finds any prefix by the output names, without being told it', async () => {
    stackWith(watchbotOutputs('Resize'));
    expect(await resolveStackResources('my-service', 'eu-west-1')).toMatchObject({ prefix: 'Resize', queueUrl, deadLetterQueueUrl });
  });

  it('refuses a stack holding two Watchbot systems unless a prefix chooses one', async () => {
    stackWith({ ...watchbotOutputs('Resize'), ...watchbotOutputs('Thumbs', { ThumbsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/thumbs' }) });
    await expect(resolveStackResources('my-service', 'us-east-1')).rejects.toMatchObject({
      code: stackErrorCodes.AMBIGUOUS_STACK,
      isUsage: true,
      message: '--stack: stack my-service holds 2 Watchbot systems (output prefixes Resize, Thumbs); choose one with --prefix',
    });
    expect(await resolveStackResources('my-service', 'us-east-1', { prefix: 'Thumbs' })).toMatchObject({ prefix: 'Thumbs', queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/thumbs' });
    await expect(resolveStackResources('my-service', 'us-east-1', { prefix: 'Watchbot' })).rejects.toMatchObject({
      code: stackErrorCodes.NOT_A_WATCHBOT_STACK,
      message: expect.stringContaining('its Watchbot prefixes: Resize, Thumbs'),
    });
  });

  it('refuses a stack without Watchbot outputs, naming its status and the outputs it has', async () => {
    stackWith({ BucketName: 'b', QueueUrl: queueUrl }, 'ROLLBACK_COMPLETE');
    await expect(resolveStackResources('my-service', 'us-east-1')).rejects.toMatchObject({
      code: stackErrorCodes.NOT_A_WATCHBOT_STACK,
      message: '--stack: stack my-service (ROLLBACK_COMPLETE) has no Watchbot outputs: expected <prefix>QueueUrl and <prefix>DeadLetterQueueUrl, e.g. WatchbotQueueUrl; its outputs: BucketName, QueueUrl',
    });
  });

  it('says there is no such stack, in which region, when CloudFormation does not know it', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(serviceError('ValidationError', 'Stack with id nope does not exist', 400));
    await expect(resolveStackResources('nope', 'us-west-2')).rejects.toMatchObject({
      code: stackErrorCodes.STACK_NOT_FOUND,
      isUsage: true,
      message: '--stack: there is no stack nope in us-west-2 (check the name and --region)',
    });
  });

  it('reports refused credentials as a runtime failure, not a usage error', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(serviceError('AccessDenied', 'User is not authorized to perform: cloudformation:DescribeStacks', 403));
    const error = await resolveStackResources('my-service', 'us-east-1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: stackErrorCodes.STACK_ACCESS_DENIED, isUsage: false, message: expect.stringContaining('cloudformation:DescribeStacks') });
  });

  it('refuses a malformed stack name before any call', async () => {
    await expect(resolveStackResources('my stack!', 'us-east-1')).rejects.toMatchObject({ code: errorCodes.INVALID_OPTION, message: expect.stringMatching(/^--stack: "my stack!" is not valid/) });
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });
});

describe('--stack on the command line', () => {
  let emulator: SqsEmulator;
  let queues: { work: string; dead: string };

  beforeAll(async () => {
    emulator = await startSqsEmulator();
    const dead = await emulator.createQueue('stack-dead-letters');
    const work = await emulator.createQueue('stack-work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dead.arn, maxReceiveCount: 1 }) });
    queues = { work: work.url, dead: dead.url };
  });
  afterAll(async () => {
    await emulator.stop();
  });
  beforeEach(() => {
    // The SQS clients the commands build reach the emulator through the SDK's standard variables.
    vi.stubEnv('AWS_ENDPOINT_URL_SQS', emulator.endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    stackWith({ WatchbotQueueUrl: queues.work, WatchbotDeadLetterQueueUrl: queues.dead });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('send and status find the queue from the stack; dead-letter list finds its dead-letter queue', async () => {
    const send = captureIo('/nonexistent', { AWS_REGION: 'us-east-1' });
    expect(await main(['send', '--stack', 'my-service', 'from the stack'], send)).toBe(0);
    expect(send.out()).toBe(`sent 1 message to ${queues.work}\n`);
    const status = captureIo('/nonexistent');
    expect(await main(['status', '--stack', 'my-service', '--region', 'us-east-1', '--json'], status)).toBe(0);
    expect(JSON.parse(status.out())).toMatchObject({ queue: queues.work, visible: 1 });
    const list = captureIo('/nonexistent');
    expect(await main(['dead-letter', 'list', '--stack', 'my-service', '--region', 'us-east-1'], list)).toBe(0);
    expect(list.out()).toBe(`no dead letters in ${queues.dead}\n`);
    const regions = await Promise.all(cloudFormation.commandCalls(DescribeStacksCommand).map((call) => call.thisValue.config.region()));
    expect(regions).toEqual(['us-east-1', 'us-east-1', 'us-east-1']);
  });

  it('a missing stack is a usage error: one line, exit 2', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(serviceError('ValidationError', 'Stack with id gone does not exist', 400));
    const io = captureIo('/nonexistent');
    expect(await main(['dead-letter', 'list', '--stack', 'gone', '--region', 'us-east-1'], io)).toBe(2);
    expect(io.err()).toBe("watchbot: --stack: there is no stack gone in us-east-1 (check the name and --region)\nRun 'watchbot dead-letter --help' for usage.\n");
  });

  it('refused credentials end with one line and exit 1', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(serviceError('ExpiredToken', 'The security token included in the request is expired', 403));
    const io = captureIo('/nonexistent');
    expect(await main(['status', '--stack', 'my-service', '--region', 'us-east-1'], io)).toBe(1);
    expect(io.err()).toMatch(/^watchbot: --stack: CloudFormation refused to describe stack my-service in us-east-1 .*ExpiredToken.*\n$/);
  });

  it('refuses --stack with --queue, and --region or --prefix without --stack, before any call', async () => {
    for (const [argv, message] of [
      [['status', '--stack', 'my-service', '--queue', 'jobs'], 'give --queue or --stack, not both'],
      [['send', '--region', 'us-east-1', 'hi'], '--region goes with --stack; without a stack, name the queue with --queue'],
      [['dead-letter', 'list', '--prefix', 'Resize'], '--prefix goes with --stack; without a stack, name the queue with --queue'],
      [['dead-letter', 'list', '--stack', 'my-service', '--dead-letter-queue', queues.dead], 'give --dead-letter-queue or --stack, not both (the stack names its dead-letter queue)'],
    ] as const) {
      const io = captureIo('/nonexistent');
      expect(await main([...argv], io)).toBe(2);
      expect(io.err().split('\n')[0]).toBe(`watchbot: ${message}`);
    }
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });
});
