/**
 * Renders stacks across the whole option matrix and validates every one with AWS's offline
 * validator, plus our own reference check for what the validator misses.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardDiagnostic } from '@aws/cloudformation-validate';
import type { Capacity, WatchbotOptions } from '../src/index.js';
import { findBrokenReferences, parseConfig, toJson, toYaml } from '../src/index.js';
import type { AwsValidator } from './aws-validator.js';
import { createAwsValidator, describeDiagnostic, isBlocking } from './aws-validator.js';
import { minimalOptions, renderStack } from './fixtures.js';

const capacities: Capacity[] = ['EC2', 'FARGATE', 'FARGATE_SPOT'];
const notificationChoices = {
  none: undefined,
  email: { email: 'ops@example.com' },
  topic: { topicArn: 'arn:aws:sns:us-east-1:123456789012:ops-alerts' },
} as const;

interface MatrixCase {
  readonly name: string;
  readonly options: WatchbotOptions;
}

/** Every capacity × FIFO × reduce mode × tracking × notifications: 3 × 2 × 2 × 2 × 3 = 72 stacks. */
function fullMatrix(): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const capacity of capacities) {
    for (const fifo of [false, true]) {
      for (const reduceMode of [false, true]) {
        for (const tracking of [false, true]) {
          for (const [notificationName, notifications] of Object.entries(notificationChoices)) {
            cases.push({
              name: `${capacity} fifo=${fifo} reduce=${reduceMode} tracking=${tracking} notifications=${notificationName}`,
              options: {
                ...minimalOptions,
                capacity,
                fifo,
                reduceMode,
                jobTracking: tracking,
                ...(notifications !== undefined && { notifications }),
                // EC2 stacks alternate between bridge and awsvpc networking.
                ...(capacity === 'EC2' && !reduceMode && { subnets: undefined }),
              } as WatchbotOptions,
            });
          }
        }
      }
    }
  }
  return cases;
}

/** Stacks exercising the options the matrix leaves at their defaults. */
const featureCases: MatrixCase[] = [
  {
    name: 'everything on (Fargate, webhook, task events, secrets, volumes, permissions, every alarm)',
    options: {
      ...minimalOptions,
      prefix: 'Jobs',
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/worker@sha256:' + 'a'.repeat(64),
      command: ['node', 'worker.js', '--fast'],
      environment: { STAGE: 'production', BUCKET: { Ref: 'AWS::StackName' } },
      secrets: {
        DB_PASSWORD: { ssmParameter: '/demo/db-password' },
        TOKEN: { ssmParameter: 'arn:aws:ssm:us-east-1:123456789012:parameter/demo/token' },
        API_KEY: { secretsManagerSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/api-AbCdEf', jsonKey: 'key', versionStage: 'AWSCURRENT' },
      },
      secretsKmsKeyArns: ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      cpu: 1024,
      memoryMiB: 4096,
      memoryReservationMiB: 2048,
      ephemeralStorageGiB: 100,
      cpuArchitecture: 'ARM64',
      volumes: [{ containerPath: '/data' }, { containerPath: '/cache', emptiedAfterEachJob: false }],
      securityGroups: ['sg-0123456789abcdef0'],
      assignPublicIp: true,
      concurrency: 8,
      minTasks: 1,
      maxTasks: 200,
      maxJobDurationSeconds: 3600,
      stopTimeoutSeconds: 110,
      deadLetterThreshold: 3,
      messageRetentionSeconds: 86_400,
      logRetentionDays: 90,
      alarms: { queueSize: { threshold: 1000 }, workerErrors: { threshold: 1, periodSeconds: 300, evaluationPeriods: 1 } },
      reduceMode: true,
      jobTracking: { historyDays: 7, ecsTaskEvents: true },
      webhook: { rateLimitPerSecond: 10, burstLimit: 20 },
      permissions: [{ Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::demo-bucket/*' }],
    },
  },
  {
    name: 'EC2 with host volumes, privileged, ARM64, an intrinsic cluster, image and subnets, alarms off',
    options: {
      ...minimalOptions,
      capacity: 'EC2',
      cluster: { 'Fn::ImportValue': 'shared-cluster-name' },
      image: { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/worker:latest' },
      subnets: [{ 'Fn::ImportValue': 'private-subnet-a' }],
      privileged: true,
      writableFilesystem: true,
      cpuArchitecture: 'ARM64',
      memoryMiB: 2048,
      volumes: [{ containerPath: '/mnt/shared', hostPath: '/mnt/efs', readOnly: true }],
      jobTracking: { ecsTaskEvents: true },
      dashboard: false,
      alarms: { workerErrors: false, oldestMessageAge: false, deadLetters: false, memoryUtilization: false, cpuUtilization: false },
    },
  },
  { name: 'Fargate Spot with a public image and the largest size', options: { ...minimalOptions, capacity: 'FARGATE_SPOT', image: 'public.ecr.aws/docker/library/node:24-slim', cpu: 16384, memoryMiB: 122880, webhook: true } },
  {
    name: 'task mode on Fargate with job tracking of the cluster and of Batch queues, reduce mode, secrets, volumes and permissions',
    options: {
      ...minimalOptions,
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      taskMode: true,
      concurrency: 50,
      cpu: 1024,
      memoryMiB: 2048,
      ephemeralStorageGiB: 50,
      maxJobDurationSeconds: 7200,
      environment: { STAGE: 'production' },
      secrets: { DB_PASSWORD: { ssmParameter: '/demo/db-password' } },
      volumes: [{ containerPath: '/data' }],
      securityGroups: ['sg-0123456789abcdef0'],
      assignPublicIp: true,
      reduceMode: true,
      jobTracking: { ecsTaskEvents: true, batchJobQueues: ['arn:aws:batch:us-east-1:123456789012:job-queue/HighPriority', 'arn:aws:batch:us-east-1:123456789012:job-queue/Low'] },
      permissions: [{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-bucket/*' }],
    },
  },
  {
    name: 'task mode on Fargate Spot, FIFO, with intrinsic subnets and security groups, tracking only task-mode tasks',
    options: {
      ...minimalOptions,
      capacity: 'FARGATE_SPOT',
      fifo: true,
      taskMode: true,
      subnets: [{ 'Fn::ImportValue': 'private-subnet-a' }, { 'Fn::ImportValue': 'private-subnet-b' }],
      securityGroups: [{ 'Fn::ImportValue': 'worker-sg' }],
      jobTracking: true,
    },
  },
  {
    name: 'task mode on EC2 with bridge networking and an existing task definition and its roles',
    options: {
      ...minimalOptions,
      capacity: 'EC2',
      subnets: undefined,
      memoryMiB: 1024,
      taskMode: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/batch-worker:7',
        containerName: 'main',
        roleArns: ['arn:aws:iam::123456789012:role/batch-task', 'arn:aws:iam::123456789012:role/batch-execution'],
      },
    } as unknown as WatchbotOptions,
  },
  {
    name: 'task mode on EC2 awsvpc ARM64 with an intrinsic cluster and task definition, and Batch events only',
    options: {
      ...minimalOptions,
      capacity: 'EC2',
      cpuArchitecture: 'ARM64',
      cluster: { 'Fn::ImportValue': 'shared-cluster-name' },
      taskMode: { taskDefinitionArn: { 'Fn::ImportValue': 'shared-worker-task-definition' }, containerName: 'worker', roleArns: [{ 'Fn::ImportValue': 'shared-worker-role-arn' }] },
      jobTracking: { batchJobQueues: [{ 'Fn::ImportValue': 'shared-job-queue-arn' }] },
    },
  },
];

let validator: AwsValidator;
const verdict: Record<string, number> = {};
let validated = 0;

// The validator's WASM engine takes ~2 s to start alone, far longer beside other test files on a busy machine.
beforeAll(() => {
  validator = createAwsValidator();
}, 120_000);

afterAll(() => {
  validator.free();
  // The verdict, for the record: diagnostics by severity over every template validated.
  console.info(`validated ${validated} templates; diagnostics by severity: ${JSON.stringify(verdict)}`);
});

function expectValid(name: string, text: string): StandardDiagnostic[] {
  const diagnostics = validator.validate(name, text);
  validated += 1;
  for (const diagnostic of diagnostics) verdict[diagnostic.severity] = (verdict[diagnostic.severity] ?? 0) + 1;
  expect(diagnostics.filter(isBlocking).map(describeDiagnostic), name).toEqual([]);
  return diagnostics;
}

describe('every stack in the option matrix', () => {
  const cases = fullMatrix();

  it('covers every value of every dimension (72 stacks)', () => {
    expect(cases).toHaveLength(72);
  });

  it.each(cases.map((c) => [c.name, c.options] as const))('%s passes the AWS validator and the reference check', (name, options) => {
    const stack = renderStack(options);
    expectValid(`${name}.json`, toJson(stack));
    expect(findBrokenReferences(stack)).toEqual([]);
  });
});

describe('feature stacks', () => {
  it.each(featureCases.map((c) => [c.name, c.options] as const))('%s passes the AWS validator and the reference check', (name, options) => {
    const stack = renderStack(options);
    expectValid(`${name}.json`, toJson(stack));
    expect(findBrokenReferences(stack)).toEqual([]);
  });

  it('validates the YAML form of a full stack as well as its JSON', () => {
    const stack = renderStack(featureCases[0]!.options);
    expectValid('everything.yaml', toYaml(stack));
  });
});

describe('the example in examples/template', () => {
  it('renders from its config file and validates', () => {
    const path = new URL('../../../examples/template/watchbot.config.json', import.meta.url);
    const options = parseConfig(readFileSync(path, 'utf8'), 'watchbot.config.json') as WatchbotOptions;
    const stack = renderStack(options);
    expectValid('example.json', toJson(stack));
    expect(findBrokenReferences(stack)).toEqual([]);
  });
});

describe('the gate itself', () => {
  it('fails a template with a FATAL finding even though the report says OK', () => {
    const diagnostics = validator.validate('bad.json', JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { Bogus: 1 } } } }));
    expect(diagnostics.some((d) => d.severity === 'FATAL' && isBlocking(d))).toBe(true);
  });

  it('fails a value outside an enum (W3030), which the validator only warns about', () => {
    const diagnostics = validator.validate('enum.json', JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 13 } } } }));
    expect(diagnostics.filter(isBlocking).map((d) => d.ruleId)).toEqual(['W3030']);
  });
});
