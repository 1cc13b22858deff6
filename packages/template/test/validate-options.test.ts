import { describe, expect, it } from 'vitest';
import type { WatchbotOptions } from '../src/index.js';
import { isTemplateError, optionNames, template, templateDefaults, validateOptions } from '../src/index.js';
import { minimalOptions } from './fixtures.js';

/** The error `validateOptions` throws for `options` over the minimal ones. */
function errorFor(options: Record<string, unknown>): { code: string; option: string | undefined; message: string } {
  try {
    validateOptions({ ...minimalOptions, ...options });
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    return { code: error.code, option: error.option, message: error.message };
  }
  throw new Error(`no error for ${JSON.stringify(options)}`);
}

describe('validateOptions', () => {
  it('applies every default to the minimal options', () => {
    const resolved = validateOptions(minimalOptions);
    expect(resolved).toMatchObject({
      prefix: templateDefaults.prefix,
      capacity: 'FARGATE',
      cpu: 256,
      memoryMiB: 512,
      cpuArchitecture: 'X86_64',
      concurrency: 1,
      minTasks: 0,
      maxTasks: 1,
      maxJobDurationSeconds: 0,
      stopTimeoutSeconds: 20,
      deadLetterThreshold: 10,
      messageRetentionSeconds: 1_209_600,
      fifo: false,
      readonlyRootFilesystem: true,
      writableFilesystem: false,
      logRetentionDays: 14,
      reduceMode: false,
      dashboard: true,
      notifications: {},
    });
    expect(resolved.jobTracking).toBeUndefined();
    expect(resolved.webhook).toBeUndefined();
    expect(resolved.alarms.queueSize).toBeUndefined();
    expect(resolved.alarms.workerErrors).toEqual({ threshold: 10, periodSeconds: 60, evaluationPeriods: 5 });
  });

  it('knows every option of the WatchbotOptions type, once', () => {
    expect(new Set(optionNames).size).toBe(optionNames.length);
    expect(optionNames).toHaveLength(41);
  });

  it.each([
    ['a missing serviceName', { serviceName: undefined }, 'serviceName', 'serviceName: undefined is not valid; expected a value: serviceName, cluster, image, command are required'],
    ['a serviceName with spaces', { serviceName: 'my service' }, 'serviceName', 'serviceName: "my service" is not valid; expected letters, digits and -, 1 to 40, starting with a letter'],
    ['an unknown option, suggesting the one meant', { concurrancy: 4 }, 'concurrancy', 'concurrancy: unknown option (did you mean concurrency?); the options here are: serviceName, cluster'],
    ['a prefix with a hyphen', { prefix: 'my-prefix' }, 'prefix', 'expected letters and digits, 1 to 64, starting with a letter'],
    ['a cluster that is neither name nor ARN', { cluster: 'arn:aws:s3:::bucket' }, 'cluster', 'expected an ECS cluster name'],
    ['an image object without a tag', { image: { repository: 'worker' } }, 'image.tag', 'image.tag: undefined is not valid; expected an image tag'],
    ['an image with a space', { image: 'my image' }, 'image', 'image: "my image" is not valid; expected an image URI'],
    ['an empty command', { command: '  ' }, 'command', 'command: "  " is not valid; expected the worker command'],
    ['a command list with a number', { command: ['node', 1] }, 'command', 'expected the worker command'],
    ['an environment variable Watchbot sets', { environment: { QueueUrl: 'x' } }, 'environment.QueueUrl', 'expected a name Watchbot does not set itself'],
    ['an environment value that is a number', { environment: { RETRIES: 3 } }, 'environment.RETRIES', 'environment.RETRIES: 3 is not valid; expected a string, or an intrinsic function'],
    ['a bad environment name', { environment: { '1ABC': 'x' } }, 'environment.1ABC', 'expected a variable name'],
    ['a secret without a source', { secrets: { TOKEN: { vault: 'x' } } }, 'secrets.TOKEN', 'expected {"ssmParameter": NAME_OR_ARN} or {"secretsManagerSecret"'],
    ['a secret also in environment', { environment: { TOKEN: 'x' }, secrets: { TOKEN: { ssmParameter: '/a' } } }, 'secrets.TOKEN', 'expected a name not also in environment'],
    ['a Secrets Manager name instead of an ARN', { secrets: { TOKEN: { secretsManagerSecret: 'my-secret' } } }, 'secrets.TOKEN.secretsManagerSecret', "expected the secret's complete ARN"],
    ['a secret with both version stage and id', { secrets: { T: { secretsManagerSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf', versionStage: 'AWSCURRENT', versionId: 'abc' } } }, 'secrets.T.versionId', 'expected no versionId when versionStage is given'],
    ['a KMS key that is not an ARN', { secretsKmsKeyArns: ['alias/my-key'] }, 'secretsKmsKeyArns[0]', 'expected a KMS key ARN'],
    ['an unknown capacity', { capacity: 'LAMBDA' }, 'capacity', 'capacity: "LAMBDA" is not valid; expected one of "EC2", "FARGATE", "FARGATE_SPOT"'],
    ['a Fargate cpu that is not a Fargate size', { cpu: 300 }, 'cpu', "cpu: 300 is not valid; expected one of Fargate's CPU sizes: 256, 512, 1024, 2048, 4096, 8192, 16384"],
    ['Fargate memory that does not suit the cpu', { cpu: 256, memoryMiB: 4096 }, 'memoryMiB', 'memoryMiB: 4096 is not valid; expected with cpu 256 on Fargate, one of 512, 1024, 2048 MiB'],
    ['EC2 memory below 6 MiB', { capacity: 'EC2', memoryMiB: 4 }, 'memoryMiB', 'memoryMiB: 4 is not valid; expected a whole number of MiB from 6 to 4194304'],
    ['a memory reservation above the memory', { memoryReservationMiB: 1024 }, 'memoryReservationMiB', 'memoryReservationMiB: 1024 is not valid; expected a whole number of MiB (at most memoryMiB) from 6 to 512'],
    ['ephemeral storage on EC2', { capacity: 'EC2', ephemeralStorageGiB: 50 }, 'ephemeralStorageGiB', 'expected no value on EC2'],
    ['ephemeral storage below 21 GiB', { ephemeralStorageGiB: 20 }, 'ephemeralStorageGiB', 'ephemeralStorageGiB: 20 is not valid; expected a whole number of GiB from 21 to 200'],
    ['an unknown architecture', { cpuArchitecture: 'arm64' }, 'cpuArchitecture', 'expected one of "X86_64", "ARM64"'],
    ['privileged on Fargate', { privileged: true }, 'privileged', 'expected false with capacity FARGATE (Fargate does not run privileged containers)'],
    ['a read-only root with writableFilesystem', { writableFilesystem: true, readonlyRootFilesystem: true }, 'readonlyRootFilesystem', 'expected false or absent when writableFilesystem is true'],
    ['a relative volume path', { volumes: [{ containerPath: 'data' }] }, 'volumes[0].containerPath', 'expected an absolute path other than /'],
    ['a volume at /tmp', { volumes: [{ containerPath: '/tmp/' }] }, 'volumes[0].containerPath', 'expected a path not already mounted (/tmp always is)'],
    ['a host path on Fargate', { volumes: [{ containerPath: '/data', hostPath: '/mnt' }] }, 'volumes[0].hostPath', 'expected no value on Fargate'],
    ['a read-only volume emptied after each job', { volumes: [{ containerPath: '/data', readOnly: true, emptiedAfterEachJob: true }] }, 'volumes[0].emptiedAfterEachJob', 'expected false for a read-only volume'],
    ['no subnets on Fargate', { subnets: undefined }, 'subnets', 'subnets: undefined is not valid; expected 1 to 16 subnet ids: capacity FARGATE needs awsvpc networking'],
    ['a subnet that is not a subnet id', { subnets: ['vpc-123'] }, 'subnets[0]', 'subnets[0]: "vpc-123" is not valid; expected a subnet id'],
    ['security groups without subnets on EC2', { capacity: 'EC2', subnets: undefined, securityGroups: ['sg-0123456789abcdef0'] }, 'securityGroups', 'expected no value without subnets'],
    ['concurrency 0', { concurrency: 0 }, 'concurrency', 'concurrency: 0 is not valid; expected a whole number from 1 to 1000'],
    ['a fractional concurrency', { concurrency: 1.5 }, 'concurrency', 'concurrency: 1.5 is not valid'],
    ['maxTasks below minTasks', { minTasks: 5, maxTasks: 2 }, 'maxTasks', 'maxTasks: 2 is not valid; expected a whole number of tasks (at least minTasks) from 5 to 1000'],
    ['a max job duration over 12 hours', { maxJobDurationSeconds: 43_201 }, 'maxJobDurationSeconds', 'expected a whole number of seconds from 0 to 43200'],
    ['a stop timeout ECS cannot honour', { stopTimeoutSeconds: 111 }, 'stopTimeoutSeconds', 'stopTimeoutSeconds: 111 is not valid; expected a whole number of seconds from 0 to 110'],
    ['a dead-letter threshold of 0', { deadLetterThreshold: 0 }, 'deadLetterThreshold', 'expected a whole number of receives from 1 to 1000'],
    ['a retention over 14 days', { messageRetentionSeconds: 1_209_601 }, 'messageRetentionSeconds', 'expected a whole number of seconds from 60 to 1209600'],
    ['fifo as a string', { fifo: 'true' }, 'fifo', 'fifo: "true" is not valid; expected true or false'],
    ['email and topic together', { notifications: { email: 'a@b.co', topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } }, 'notifications', 'expected either email (a topic is created and subscribed) or topicArn'],
    ['a bad email', { notifications: { email: 'ops' } }, 'notifications.email', 'notifications.email: "ops" is not valid; expected an email address'],
    ['a topic that is not an SNS ARN', { notifications: { topicArn: 'arn:aws:sqs:us-east-1:123456789012:q' } }, 'notifications.topicArn', 'expected an SNS topic ARN'],
    ['a log retention CloudWatch does not offer', { logRetentionDays: 13 }, 'logRetentionDays', "logRetentionDays: 13 is not valid; expected one of CloudWatch Logs' values: 1, 3, 5, 7, 14"],
    ['an unknown alarm', { alarms: { diskFull: false } }, 'alarms.diskFull', 'alarms.diskFull: unknown option; the options here are: workerErrors'],
    ['a percentage above 100', { alarms: { memoryUtilization: { threshold: 120 } } }, 'alarms.memoryUtilization.threshold', 'expected a number from 0 to 100 (percent)'],
    ['an alarm period that is not whole minutes', { alarms: { workerErrors: { periodSeconds: 90 } } }, 'alarms.workerErrors.periodSeconds', 'expected a multiple of 60 seconds'],
    ['an alarm window over a day', { alarms: { cpuUtilization: { periodSeconds: 3600, evaluationPeriods: 25 } } }, 'alarms.cpuUtilization.evaluationPeriods', 'from 1 to 24'],
    ['a queue-size alarm without a threshold', { alarms: { queueSize: {} } }, 'alarms.queueSize.threshold', 'this alarm has no default threshold'],
    ['reduceMode as a number', { reduceMode: 1 }, 'reduceMode', 'expected true or false'],
    ['job history kept 0 days', { jobTracking: { historyDays: 0 } }, 'jobTracking.historyDays', 'expected a whole number of days from 1 to 3650'],
    ['a webhook on a FIFO stack', { fifo: true, webhook: true }, 'webhook', 'expected false with fifo: true'],
    ['a webhook rate of 0', { webhook: { rateLimitPerSecond: 0 } }, 'webhook.rateLimitPerSecond', 'expected a whole number of requests per second from 1 to 10000'],
    ['a statement without a resource', { permissions: [{ Action: 's3:GetObject' }] }, 'permissions[0].Resource', 'permissions[0].Resource: undefined is not valid; expected an ARN, or "*"'],
    ['a statement with a malformed action', { permissions: [{ Action: 'GetObject', Resource: '*' }] }, 'permissions[0].Action', 'expected an IAM action such as "s3:GetObject"'],
    ['a statement with an unknown key', { permissions: [{ Action: 's3:GetObject', Resource: '*', Principal: '*' }] }, 'permissions[0].Principal', 'permissions[0].Principal: unknown option; the options here are: Sid, Effect, Action, Resource, Condition'],
    ['an empty permissions list', { permissions: [] }, 'permissions', 'permissions: [] is not valid; expected a list of 1 to 100 entries'],
    ['dashboard as a string', { dashboard: 'no' }, 'dashboard', 'expected true or false'],
  ])('refuses %s, naming the option and what is allowed', (_name, options, option, message) => {
    const error = errorFor(options);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.option).toBe(option);
    expect(error.message).toContain(message);
    expect(error.message.startsWith(`${option}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('refuses options that are not an object', () => {
    expect(() => validateOptions('serviceName=demo')).toThrow('options: "serviceName=demo" is not valid; expected an object with any of: serviceName');
    expect(() => validateOptions(null)).toThrow(/^options: null is not valid/);
  });

  it('refuses bad options before building anything', () => {
    expect(() => template({ ...minimalOptions, concurrency: -1 })).toThrow('concurrency: -1 is not valid');
  });

  it('accepts plain JSON intrinsics where a string may be computed at deploy time', () => {
    const resolved = validateOptions({ ...minimalOptions, cluster: { Ref: 'Cluster' }, subnets: [{ 'Fn::ImportValue': 'subnet-a' }] } as WatchbotOptions);
    expect(JSON.parse(JSON.stringify(resolved.cluster.name))).toEqual({ Ref: 'Cluster' });
    expect(JSON.parse(JSON.stringify(resolved.network?.subnets))).toEqual([{ 'Fn::ImportValue': 'subnet-a' }]);
  });

  it('takes the cluster name from a cluster ARN, and builds the ARN from a name', () => {
    expect(validateOptions({ ...minimalOptions, cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod' }).cluster).toEqual({
      name: 'prod',
      arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
    });
    expect(JSON.parse(JSON.stringify(validateOptions(minimalOptions).cluster.arn))).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/default' });
  });

  it('raises maxTasks to minTasks when only minTasks is given', () => {
    expect(validateOptions({ ...minimalOptions, minTasks: 3 }).maxTasks).toBe(3);
  });

  it('makes the root filesystem writable by default in writableFilesystem mode', () => {
    expect(validateOptions({ ...minimalOptions, writableFilesystem: true })).toMatchObject({ readonlyRootFilesystem: false, writableFilesystem: true });
  });
});
