import { describe, expect, it } from 'vitest';
import { jobTableActions, progressTableActions, watcherQueueActions } from '../src/index.js';
import type { PlainResource } from './fixtures.js';
import { ofType, render, statementsOf } from './fixtures.js';

/** Every IAM statement in every role of a rendered stack, with its role. */
function allStatements(resources: Record<string, PlainResource>): { role: string; statement: Record<string, any> }[] {
  return ofType(resources, 'AWS::IAM::Role').flatMap(([role]) => statementsOf(resources, role).map((statement) => ({ role, statement })));
}

const everything = {
  reduceMode: true,
  jobTracking: { ecsTaskEvents: true, batchJobQueues: ['arn:aws:batch:us-east-1:123456789012:job-queue/HighPriority'] },
  taskMode: true,
  webhook: true,
  secrets: { A: { ssmParameter: '/a' }, B: { secretsManagerSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:b-AbCdEf' } },
} as const;

describe('least privilege', () => {
  it('uses "*" only for ecr:GetAuthorizationToken, which accepts no resource', () => {
    const { resources } = render(everything);
    const wildcards = allStatements(resources).filter(({ statement }) => [statement.Resource].flat().includes('*'));
    expect(wildcards.map(({ statement }) => statement.Action)).toEqual(['ecr:GetAuthorizationToken']);
  });

  it('names a resource in every statement of every role', () => {
    const { resources } = render(everything);
    for (const { role, statement } of allStatements(resources)) {
      expect(statement.Resource, `${role} ${JSON.stringify(statement.Action)}`).toBeDefined();
      expect(statement.NotResource).toBeUndefined();
      expect(statement.NotAction).toBeUndefined();
    }
  });

  it('grants the task role exactly the queue actions the watcher calls, on the queue only', () => {
    const { resources } = render();
    const queue = statementsOf(resources, 'WatchbotTaskRole').find((s) => s.Sid === 'ProcessQueue')!;
    expect([...queue.Action].sort()).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'sqs:SendMessage']);
    expect(queue.Action).toEqual([...watcherQueueActions]);
    expect(queue.Resource).toEqual({ 'Fn::GetAtt': ['WatchbotQueue', 'Arn'] });
  });

  it('lets the task publish to the work and notification topics and nothing else', () => {
    const { resources } = render();
    const publish = statementsOf(resources, 'WatchbotTaskRole').find((s) => s.Sid === 'PublishToTopics')!;
    expect(publish).toMatchObject({ Action: 'sns:Publish', Resource: [{ Ref: 'WatchbotTopic' }, { Ref: 'WatchbotNotificationTopic' }] });
    const existing = render({ notifications: { topicArn: 'arn:aws:sns:us-east-1:123456789012:ops' }, fifo: true });
    expect(statementsOf(existing.resources, 'WatchbotTaskRole').find((s) => s.Sid === 'PublishToTopics')!.Resource).toEqual(['arn:aws:sns:us-east-1:123456789012:ops']);
  });

  it('grants the execution role exactly the secrets the options name', () => {
    const { resources } = render({
      secrets: {
        DB: { ssmParameter: '/demo/db' },
        TOKEN: { ssmParameter: 'arn:aws:ssm:us-east-1:123456789012:parameter/demo/token' },
        API: { secretsManagerSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf', jsonKey: 'key' },
      },
      secretsKmsKeyArns: ['arn:aws:kms:us-east-1:123456789012:key/abcd-1234'],
    });
    const statements = statementsOf(resources, 'WatchbotExecutionRole');
    expect(statements.find((s) => s.Sid === 'ReadParameters')).toEqual({
      Sid: 'ReadParameters',
      Effect: 'Allow',
      Action: 'ssm:GetParameters',
      Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/demo/db' }, 'arn:aws:ssm:us-east-1:123456789012:parameter/demo/token'],
    });
    expect(statements.find((s) => s.Sid === 'ReadSecrets')!.Resource).toEqual(['arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf']);
    expect(statements.find((s) => s.Sid === 'DecryptSecrets')!.Resource).toEqual(['arn:aws:kms:us-east-1:123456789012:key/abcd-1234']);
    const container = resources.WatchbotTaskDefinition!.Properties.ContainerDefinitions[0];
    expect(container.Secrets).toEqual([
      { Name: 'DB', ValueFrom: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/demo/db' } },
      { Name: 'TOKEN', ValueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/demo/token' },
      { Name: 'API', ValueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf:key::' },
    ]);
  });

  it('grants no secret access when there are no secrets', () => {
    const sids = statementsOf(render().resources, 'WatchbotExecutionRole').map((s) => s.Sid);
    expect(sids).toEqual(['WriteLogs', 'PullImage', 'AuthorizeRegistry']);
  });

  it('lets the execution role pull only from the image repository, and not at all from other registries', () => {
    const ecr = statementsOf(render({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/worker:1.2.3' }).resources, 'WatchbotExecutionRole');
    expect(ecr.find((s) => s.Sid === 'PullImage')!.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:ecr:eu-west-1:123456789012:repository/team/worker' });
    const dockerHub = statementsOf(render({ image: 'docker.io/library/alpine:3' }).resources, 'WatchbotExecutionRole');
    expect(dockerHub.map((s) => s.Sid)).toEqual(['WriteLogs']);
  });

  it('grants the reduce-mode table to the task (the original created it and granted nothing)', () => {
    const statement = statementsOf(render({ reduceMode: true }).resources, 'WatchbotTaskRole').find((s) => s.Sid === 'TrackProgress')!;
    expect(statement).toEqual({ Sid: 'TrackProgress', Effect: 'Allow', Action: [...progressTableActions], Resource: { 'Fn::GetAtt': ['WatchbotProgressTable', 'Arn'] } });
  });

  it('grants the job table and its index, and the task events queue, only when tracking asks for them', () => {
    const tracked = statementsOf(render({ jobTracking: { ecsTaskEvents: true } }).resources, 'WatchbotTaskRole');
    expect(tracked.find((s) => s.Sid === 'RecordJobs')).toEqual({
      Sid: 'RecordJobs',
      Effect: 'Allow',
      Action: [...jobTableActions],
      Resource: [{ 'Fn::GetAtt': ['WatchbotJobTable', 'Arn'] }, { 'Fn::Sub': ['${Table}/index/*', { Table: { 'Fn::GetAtt': ['WatchbotJobTable', 'Arn'] } }] }],
    });
    expect(tracked.find((s) => s.Sid === 'ReadTaskEvents')!.Resource).toEqual({ 'Fn::GetAtt': ['WatchbotTaskEventsQueue', 'Arn'] });
    expect(statementsOf(render().resources, 'WatchbotTaskRole').map((s) => s.Sid)).toEqual(['ProcessQueue', 'PublishToTopics']);
  });

  it('appends the extra statements to the task role as given', () => {
    const statements = statementsOf(render({ permissions: [{ Sid: 'Uploads', Action: 's3:GetObject', Resource: ['arn:aws:s3:::uploads/*'] }] }).resources, 'WatchbotTaskRole');
    expect(statements.at(-1)).toEqual({ Sid: 'Uploads', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::uploads/*'] });
  });

  it('lets only this account\'s ECS tasks assume the task role', () => {
    const trust = render().resources.WatchbotTaskRole!.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    expect(trust.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  });

  it('lets the webhook publish to the work topic only', () => {
    const statements = statementsOf(render({ webhook: true }).resources, 'WatchbotWebhookRole');
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'WatchbotTopic' } }]);
  });
});
