/**
 * The execution role (what ECS needs to start the task: pull the image, write logs, read the
 * secrets) and the task role (what the watcher and workers may do). Least privilege: every
 * statement names its resources; the one "*" is ecr:GetAuthorizationToken, an account-level
 * action that accepts no resource.
 */
import type { BuildContext, Resources } from './build-context.js';
import { GetAtt, IAM, Ref } from './cloudform.js';
import type { Value } from './cloudform.js';
import { sub } from './intrinsic.js';
import type { ResolvedStatement } from './resolved-options.js';
import { hasTaskEventsQueue } from './task-events.js';
import { buildTaskModeStatements } from './task-mode.js';

/** An IAM statement as this module writes it. */
type Statement = Record<string, unknown>;

/**
 * The SQS actions the watcher calls. IAM authorizes DeleteMessageBatch with sqs:DeleteMessage
 * and ChangeMessageVisibilityBatch with sqs:ChangeMessageVisibility: there are no batch actions.
 */
export const watcherQueueActions = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:SendMessage'] as const;

/** What the reduce-mode store does to its table. */
export const progressTableActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'] as const;

/** What the job-history store does to its table and its index. */
export const jobTableActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query'] as const;

const ecsTasksTrust = (condition?: Record<string, unknown>): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', ...(condition !== undefined && { Condition: condition }) }],
});

/** The execution role: logs, image pulls, and exactly the secrets the options name. */
export function buildExecutionRole({ options, ids }: BuildContext): Resources {
  const statements: Statement[] = [
    { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: GetAtt(ids.LogGroup, 'Arn') },
  ];
  if (options.image.ecrRepositoryArn !== undefined) {
    statements.push(
      { Sid: 'PullImage', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: options.image.ecrRepositoryArn },
      { Sid: 'AuthorizeRegistry', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    );
  }
  const ssm = options.secrets.filter((secret) => secret.service === 'ssm').map((secret) => secret.arn);
  if (ssm.length > 0) statements.push({ Sid: 'ReadParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ssm });
  const secretsManager = options.secrets.filter((secret) => secret.service === 'secretsmanager').map((secret) => secret.arn);
  if (secretsManager.length > 0) statements.push({ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretsManager });
  if (options.secretsKmsKeyArns.length > 0) statements.push({ Sid: 'DecryptSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: [...options.secretsKmsKeyArns] });
  return {
    [ids.ExecutionRole]: new IAM.Role({
      AssumeRolePolicyDocument: ecsTasksTrust(),
      Policies: [{ PolicyName: 'watchbot-execution', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    }),
  };
}

/** The task role: the queue, the topics, the tables, the events queue, and the extra statements. */
export function buildTaskRole(context: BuildContext): Resources {
  const { options, ids } = context;
  const topics: Value<string>[] = [context.notificationTopicArn];
  if (context.workTopicArn !== undefined) topics.unshift(context.workTopicArn);
  const statements: (Statement | ResolvedStatement)[] = [
    { Sid: 'ProcessQueue', Effect: 'Allow', Action: [...watcherQueueActions], Resource: GetAtt(ids.Queue, 'Arn') },
    { Sid: 'PublishToTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: topics },
  ];
  if (options.reduceMode) {
    statements.push({ Sid: 'TrackProgress', Effect: 'Allow', Action: [...progressTableActions], Resource: GetAtt(ids.ProgressTable, 'Arn') });
  }
  if (options.jobTracking !== undefined) {
    statements.push({
      Sid: 'RecordJobs',
      Effect: 'Allow',
      Action: [...jobTableActions],
      Resource: [GetAtt(ids.JobTable, 'Arn'), sub('${Table}/index/*', { Table: GetAtt(ids.JobTable, 'Arn') })],
    });
  }
  if (hasTaskEventsQueue(options)) {
    statements.push({
      Sid: 'ReadTaskEvents',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      Resource: GetAtt(ids.TaskEventsQueue, 'Arn'),
    });
  }
  statements.push(...buildTaskModeStatements(context));
  statements.push(...options.permissions);
  return {
    [ids.TaskRole]: new IAM.Role({
      // Only ECS tasks of this account may assume it (the confused-deputy guard ECS documents).
      AssumeRolePolicyDocument: ecsTasksTrust({
        ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*') },
        StringEquals: { 'aws:SourceAccount': Ref('AWS::AccountId') },
      }),
      Policies: [{ PolicyName: 'watchbot-task', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    }),
  };
}

/**
 * ECS-task mode's worker role, for the tasks the watcher runs with the template's worker task
 * definition: what a worker does in a local watcher's container — send to the queue (reduce
 * mode fans out), publish to the topics, use the progress table — plus the extra statements;
 * none of the watcher's own rights (receiving, deleting, running tasks).
 */
export function buildWorkerRole(context: BuildContext): Resources {
  const { options, ids } = context;
  if (options.taskMode === undefined || options.taskMode.taskDefinitionArn !== undefined) return {};
  const topics: Value<string>[] = [context.notificationTopicArn];
  if (context.workTopicArn !== undefined) topics.unshift(context.workTopicArn);
  const statements: (Statement | ResolvedStatement)[] = [
    { Sid: 'SendToQueue', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: GetAtt(ids.Queue, 'Arn') },
    { Sid: 'PublishToTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: topics },
  ];
  if (options.reduceMode) {
    statements.push({ Sid: 'TrackProgress', Effect: 'Allow', Action: [...progressTableActions], Resource: GetAtt(ids.ProgressTable, 'Arn') });
  }
  statements.push(...options.permissions);
  return {
    [ids.WorkerRole]: new IAM.Role({
      AssumeRolePolicyDocument: ecsTasksTrust({
        ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*') },
        StringEquals: { 'aws:SourceAccount': Ref('AWS::AccountId') },
      }),
      Policies: [{ PolicyName: 'watchbot-worker', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    }),
  };
}
