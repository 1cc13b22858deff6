import { describe, expect, it } from 'vitest';
import { isTemplateError, reservedVariables, template, validateOptions } from '../src/index.js';
import type { PlainResource } from './fixtures.js';
import { minimalOptions, ofType, render, statementsOf } from './fixtures.js';

/** A container's environment as an object. */
function environmentOf(resources: Record<string, PlainResource>, taskDefinition: string): Record<string, unknown> {
  const container = resources[taskDefinition]!.Properties.ContainerDefinitions[0];
  return Object.fromEntries(container.Environment.map((entry: { Name: string; Value: unknown }) => [entry.Name, entry.Value]));
}

function errorFor(options: Record<string, unknown>): string {
  try {
    validateOptions({ ...minimalOptions, ...options });
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    return error.message;
  }
  throw new Error(`no error for ${JSON.stringify(options)}`);
}

const worker = 'WatchbotWorkerTaskDefinition';

describe('taskMode: true', () => {
  it('makes a worker task definition running the command with /bin/sh -c, with its own role', () => {
    const { resources } = render({ taskMode: true, command: ['node', 'worker.js', '--fast'], environment: { STAGE: 'prod' }, reduceMode: true });
    const definition = resources[worker]!.Properties;
    const container = definition.ContainerDefinitions[0];
    expect(container).toMatchObject({ Name: 'worker', EntryPoint: ['/bin/sh', '-c'], Command: ['node worker.js --fast'], Essential: true, StopTimeout: 20 });
    expect(definition).toMatchObject({
      Family: { 'Fn::Sub': '${AWS::StackName}-WatchbotWorker' },
      TaskRoleArn: { 'Fn::GetAtt': ['WatchbotWorkerRole', 'Arn'] },
      ExecutionRoleArn: { 'Fn::GetAtt': ['WatchbotExecutionRole', 'Arn'] },
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: '256',
      Memory: '512',
    });
    expect(environmentOf(resources, worker)).toEqual({
      LogGroup: { Ref: 'WatchbotLogGroup' },
      QueueUrl: { Ref: 'WatchbotQueue' },
      STAGE: 'prod',
      WatchbotProgressTable: { Ref: 'WatchbotProgressTable' },
      WorkTopic: { Ref: 'WatchbotTopic' },
    });
  });

  it('tells the watcher how to run tasks, in the variables the ecs-task-mode package reads', () => {
    const { resources } = render({ taskMode: true, securityGroups: ['sg-0123456789abcdef0'] });
    const environment = environmentOf(resources, 'WatchbotTaskDefinition');
    const taskVariables = Object.fromEntries(Object.entries(environment).filter(([name]) => name.startsWith('WatchbotTask')));
    expect(taskVariables).toEqual({
      WatchbotTaskMode: 'true',
      WatchbotTaskEventsQueueUrl: { Ref: 'WatchbotTaskEventsQueue' },
      WatchbotTaskCluster: { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/default' },
      WatchbotTaskDefinition: { 'Fn::Sub': '${AWS::StackName}-WatchbotWorker' },
      WatchbotTaskContainer: 'worker',
      WatchbotTaskLaunchType: 'FARGATE',
      WatchbotTaskSubnets: 'subnet-0123456789abcdef0',
      WatchbotTaskSecurityGroups: 'sg-0123456789abcdef0',
      WatchbotTaskAssignPublicIp: 'false',
      WatchbotTaskStartedBy: 'watchbot/demo',
    });
    for (const name of Object.keys(taskVariables)) expect(reservedVariables).toContain(name);
  });

  it('names the worker family, so a deploy never leaves a watcher holding a deregistered revision, and starts watchers after it exists', () => {
    const { resources } = render({ taskMode: true });
    expect(resources.WatchbotTaskDefinition!.DependsOn).toEqual([worker]);
    expect(render().resources.WatchbotTaskDefinition!.DependsOn).toBeUndefined();
  });

  it('runs Fargate Spot tasks through the capacity provider, and bridge-networked EC2 tasks without subnets', () => {
    const spot = environmentOf(render({ taskMode: true, capacity: 'FARGATE_SPOT' }).resources, 'WatchbotTaskDefinition');
    expect(spot.WatchbotTaskCapacityProviders).toBe('FARGATE_SPOT:1');
    expect(spot.WatchbotTaskLaunchType).toBeUndefined();
    const ec2 = render({ taskMode: true, capacity: 'EC2', subnets: undefined } as never);
    const environment = environmentOf(ec2.resources, 'WatchbotTaskDefinition');
    expect(environment.WatchbotTaskLaunchType).toBe('EC2');
    expect(environment.WatchbotTaskSubnets).toBeUndefined();
    expect(ec2.resources[worker]!.Properties).toMatchObject({ RequiresCompatibilities: ['EC2'], NetworkMode: 'bridge' });
  });

  it('joins subnets given as intrinsics', () => {
    const environment = environmentOf(render({ taskMode: true, subnets: [{ 'Fn::ImportValue': 'private-a' }, 'subnet-0123456789abcdef0'] }).resources, 'WatchbotTaskDefinition');
    expect(environment.WatchbotTaskSubnets).toEqual({ 'Fn::Join': [',', [{ 'Fn::ImportValue': 'private-a' }, 'subnet-0123456789abcdef0']] });
  });

  it('routes only its own tasks\' events, unless job tracking asks for the whole cluster\'s', () => {
    const own = render({ taskMode: true }).resources.WatchbotTaskEventsRule!.Properties.EventPattern;
    expect(own.detail).toEqual({
      clusterArn: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:cluster/default' }],
      startedBy: ['watchbot/demo'],
    });
    const cluster = render({ taskMode: true, jobTracking: { ecsTaskEvents: true } }).resources.WatchbotTaskEventsRule!.Properties.EventPattern;
    expect(cluster.detail.startedBy).toBeUndefined();
  });

  it('outputs and refers to the worker task definition', () => {
    expect(render({ taskMode: true }).outputs.WatchbotWorkerTaskDefinitionArn).toMatchObject({ Value: { Ref: worker }, Export: { Name: 'demo-WorkerTaskDefinitionArn' } });
    const refs = template({ ...minimalOptions, taskMode: true }).refs;
    expect(JSON.parse(JSON.stringify([refs.workerTaskDefinition, refs.workerRole, refs.taskEventsQueueUrl]))).toEqual([{ Ref: worker }, { Ref: 'WatchbotWorkerRole' }, { Ref: 'WatchbotTaskEventsQueue' }]);
    expect(template(minimalOptions).refs.workerTaskDefinition).toBeUndefined();
  });
});

describe("task mode's permissions", () => {
  it('lets the watcher run the worker family in its cluster, tag, follow and stop its tasks, and pass the worker roles to ECS only', () => {
    const statements = statementsOf(render({ taskMode: true, cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' }).resources, 'WatchbotTaskRole');
    const bySid = Object.fromEntries(statements.map((statement) => [statement.Sid, statement]));
    const onCluster = { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/prod' } };
    expect(bySid.RunTasks).toEqual({
      Sid: 'RunTasks',
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${AWS::StackName}-WatchbotWorker:*' },
      Condition: onCluster,
    });
    expect(bySid.TagTasks).toEqual({ Sid: 'TagTasks', Effect: 'Allow', Action: 'ecs:TagResource', Resource: 'arn:aws:ecs:us-east-1:123456789012:task/prod/*', Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } } });
    expect(bySid.FollowTasks).toEqual({ Sid: 'FollowTasks', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:StopTask'], Resource: 'arn:aws:ecs:us-east-1:123456789012:task/prod/*', Condition: onCluster });
    expect(bySid.PassTaskRoles).toEqual({
      Sid: 'PassTaskRoles',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [{ 'Fn::GetAtt': ['WatchbotWorkerRole', 'Arn'] }, { 'Fn::GetAtt': ['WatchbotExecutionRole', 'Arn'] }],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    expect(bySid.ReadTaskEvents!.Resource).toEqual({ 'Fn::GetAtt': ['WatchbotTaskEventsQueue', 'Arn'] });
  });

  it("gives the worker role what a worker does, not the watcher's rights, plus the extra statements", () => {
    const permissions = [{ Sid: 'Uploads', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/*' }];
    const statements = statementsOf(render({ taskMode: true, permissions }).resources, 'WatchbotWorkerRole');
    expect(statements.map((statement) => statement.Sid)).toEqual(['SendToQueue', 'PublishToTopics', 'Uploads']);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action: string) => /^(ecs|iam):|ReceiveMessage|DeleteMessage/.test(action))).toEqual([]);
  });

  it('scopes everything to the given task definition and roles when one is given, and makes none', () => {
    const roleArns = ['arn:aws:iam::123456789012:role/batch-task', 'arn:aws:iam::123456789012:role/batch-execution'];
    const given = render({ taskMode: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/batch-worker:7', containerName: 'main', roleArns } });
    expect(ofType(given.resources, 'AWS::IAM::Role').map(([id]) => id)).not.toContain('WatchbotWorkerRole');
    expect(given.resources[worker]).toBeUndefined();
    const statements = Object.fromEntries(statementsOf(given.resources, 'WatchbotTaskRole').map((statement) => [statement.Sid, statement]));
    expect(statements.RunTasks!.Resource).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/batch-worker:7');
    expect(statements.PassTaskRoles!.Resource).toEqual(roleArns);
    const environment = environmentOf(given.resources, 'WatchbotTaskDefinition');
    expect([environment.WatchbotTaskDefinition, environment.WatchbotTaskContainer]).toEqual(['arn:aws:ecs:us-east-1:123456789012:task-definition/batch-worker:7', 'main']);

    const latest = render({ taskMode: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/batch-worker', containerName: 'main', roleArns: [] } });
    const latestStatements = statementsOf(latest.resources, 'WatchbotTaskRole');
    expect(latestStatements.find((statement) => statement.Sid === 'RunTasks')!.Resource).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/batch-worker:*');
    expect(latestStatements.find((statement) => statement.Sid === 'PassTaskRoles')).toBeUndefined();
  });

  it('grants nothing of the sort without task mode', () => {
    const sids = statementsOf(render({ jobTracking: { ecsTaskEvents: true } }).resources, 'WatchbotTaskRole').map((statement) => statement.Sid);
    expect(sids).toEqual(['ProcessQueue', 'PublishToTopics', 'RecordJobs', 'ReadTaskEvents']);
  });
});

describe('Batch job state changes', () => {
  const queueArn = 'arn:aws:batch:us-east-1:123456789012:job-queue/HighPriority';

  it('routes the chosen job queues\' events to the events queue, and admits that rule too', () => {
    const { resources, outputs } = render({ jobTracking: { ecsTaskEvents: true, batchJobQueues: [queueArn] } });
    expect(resources.WatchbotBatchEventsRule!.Properties).toMatchObject({
      EventPattern: { source: ['aws.batch'], 'detail-type': ['Batch Job State Change'], detail: { jobQueue: [queueArn] } },
      Targets: [{ Id: 'watchbot-batch-events', Arn: { 'Fn::GetAtt': ['WatchbotTaskEventsQueue', 'Arn'] } }],
    });
    expect(resources.WatchbotTaskEventsQueuePolicy!.Properties.PolicyDocument.Statement[0].Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': [{ 'Fn::GetAtt': ['WatchbotTaskEventsRule', 'Arn'] }, { 'Fn::GetAtt': ['WatchbotBatchEventsRule', 'Arn'] }] },
    });
    expect(outputs.WatchbotTaskEventsQueueUrl).toBeDefined();
  });

  it('creates the events queue for Batch events alone, without an ECS rule', () => {
    const { resources } = render({ jobTracking: { batchJobQueues: [queueArn] } });
    expect(resources.WatchbotTaskEventsQueue).toBeDefined();
    expect(resources.WatchbotTaskEventsRule).toBeUndefined();
    expect(environmentOf(resources, 'WatchbotTaskDefinition').WatchbotTaskEventsQueueUrl).toEqual({ Ref: 'WatchbotTaskEventsQueue' });
    expect(statementsOf(resources, 'WatchbotTaskRole').map((statement) => statement.Sid)).toContain('ReadTaskEvents');
  });
});

describe('task-mode options that are refused', () => {
  it.each([
    [{ taskMode: { containerName: 'main' } }, 'taskMode.containerName: "main" is not valid; expected no value without taskMode.taskDefinitionArn (the template knows its own worker task definition)'],
    [{ taskMode: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/w:1', roleArns: [] } }, "taskMode.containerName: undefined is not valid; expected the name of the worker's container in taskMode.taskDefinitionArn"],
    [{ taskMode: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/w:1', containerName: 'main' } }, 'taskMode.roleArns: undefined is not valid; expected the IAM role ARNs taskMode.taskDefinitionArn uses (task role, execution role), or [] when it uses none'],
    [{ taskMode: { taskDefinitionArn: 'worker:1', containerName: 'main', roleArns: [] } }, 'taskMode.taskDefinitionArn: "worker:1" is not valid; expected a task definition ARN such as "arn:aws:ecs:us-east-1:123456789012:task-definition/worker:3", or an intrinsic function such as {"Ref": "…"}'],
    [{ taskMode: { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/w:1', containerName: 'main', roleArns: ['worker-role'] } }, 'taskMode.roleArns[0]: "worker-role" is not valid; expected an IAM role ARN such as "arn:aws:iam::123456789012:role/worker-task", or an intrinsic function such as {"Ref": "…"}'],
    [{ taskMode: 'yes' }, 'taskMode: "yes" is not valid; expected an object with any of: taskDefinitionArn, containerName, roleArns'],
    [{ taskMode: true, writableFilesystem: true }, 'writableFilesystem: true is not valid; expected false with taskMode (every message already runs in a fresh task; readonlyRootFilesystem: false gives workers a writable root)'],
    [{ jobTracking: { batchJobQueues: ['HighPriority'] } }, 'jobTracking.batchJobQueues[0]: "HighPriority" is not valid; expected an AWS Batch job queue ARN such as "arn:aws:batch:us-east-1:123456789012:job-queue/HighPriority", or an intrinsic function such as {"Ref": "…"}'],
  ])('%j: one line naming the option', (options, message) => {
    expect(errorFor(options)).toBe(message);
  });
});
