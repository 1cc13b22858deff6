/**
 * ECS-task mode's part of the stack: the worker task definition each message runs as (unless
 * an existing one is given), the variables that tell the watcher how to run tasks, and the
 * watcher's permissions to run, follow and stop exactly those tasks.
 */
import type { BuildContext, Resources } from './build-context.js';
import { ECS, GetAtt, Ref } from './cloudform.js';
import type { Value } from './cloudform.js';
import { join, sub } from './intrinsic.js';
import type { ResolvedString } from './options.js';
import { buildSharedContainerProperties, toTaskDefinition } from './task-definition-parts.js';
import { taskModeStartedBy } from './task-events.js';

/** An IAM statement as the role builders write it. */
type Statement = Record<string, unknown>;

/** The family of the worker task definition the template makes (its revisions are `family:N`). */
function workerFamily({ options }: BuildContext): string {
  return `\${AWS::StackName}-${options.prefix}Worker`;
}

/** The task definition each message runs: the given one, or the template's worker task definition. */
export function workerTaskDefinitionArn(context: BuildContext): Value<string> {
  return context.options.taskMode?.taskDefinitionArn ?? Ref(context.ids.WorkerTaskDefinition);
}

/** True when the template makes the worker task definition (task mode without an existing one). */
export function makesWorkerTaskDefinition({ options }: BuildContext): boolean {
  return options.taskMode !== undefined && options.taskMode.taskDefinitionArn === undefined;
}

/**
 * What the watcher passes to RunTask: the given task definition, or the worker family's name, so
 * that RunTask takes its latest ACTIVE revision. A deploy registers the new revision and then
 * deregisters the old one; a watcher still holding the old revision's ARN could run no task.
 */
function taskDefinitionToRun(context: BuildContext): Value<string> {
  return context.options.taskMode?.taskDefinitionArn ?? sub(workerFamily(context));
}

/** The variables `watchbot listen` reads to run each message as a task (the ecs-task-mode package reads them). */
export function buildTaskModeEnvironment(context: BuildContext): Record<string, Value<string>> {
  const { options } = context;
  const taskMode = options.taskMode;
  if (taskMode === undefined) return {};
  const network = options.network;
  const list = (items: readonly ResolvedString[]): Value<string> => (items.every((item) => typeof item === 'string') ? items.join(',') : join(',', items));
  return {
    WatchbotTaskMode: 'true',
    WatchbotTaskCluster: options.cluster.arn,
    WatchbotTaskDefinition: taskDefinitionToRun(context),
    WatchbotTaskContainer: taskMode.containerName,
    // Fargate Spot has no launch type: it is a capacity provider.
    ...(options.capacity === 'FARGATE_SPOT' ? { WatchbotTaskCapacityProviders: 'FARGATE_SPOT:1' } : { WatchbotTaskLaunchType: options.capacity }),
    ...(network !== undefined && {
      WatchbotTaskSubnets: list(network.subnets),
      ...(network.securityGroups.length > 0 && { WatchbotTaskSecurityGroups: list(network.securityGroups) }),
      WatchbotTaskAssignPublicIp: String(network.assignPublicIp),
    }),
    WatchbotTaskStartedBy: taskModeStartedBy(options),
  };
}

/**
 * The worker task definition: the stack's image running the command as `/bin/sh -c` (as the
 * watcher would), with the stack's size, secrets, volumes and logs, and the worker role.
 * The message arrives as container overrides when the watcher runs the task.
 */
export function buildWorkerTaskDefinition(context: BuildContext): Resources {
  const { options, ids } = context;
  if (options.taskMode === undefined || !makesWorkerTaskDefinition(context)) return {};
  const environment: Record<string, Value<string>> = {
    ...options.environment,
    QueueUrl: Ref(ids.Queue),
    ...(context.workTopicArn !== undefined && { WorkTopic: context.workTopicArn }),
    LogGroup: Ref(ids.LogGroup),
    ...(options.reduceMode && { WatchbotProgressTable: Ref(ids.ProgressTable) }),
  };
  const container = new ECS.TaskDefinition.ContainerDefinition({
    Name: options.taskMode.containerName,
    Image: options.image.uri,
    EntryPoint: ['/bin/sh', '-c'],
    Command: [options.command.join(' ')],
    Essential: true,
    Environment: Object.keys(environment).sort().map((name) => ({ Name: name, Value: environment[name]! })),
    ...(options.secrets.length > 0 && { Secrets: options.secrets.map((secret) => ({ Name: secret.name, ValueFrom: secret.valueFrom })) }),
    // The worker itself gets SIGTERM on a stop: it has the stop timeout a local worker would have.
    ...buildSharedContainerProperties(context, Math.max(2, options.stopTimeoutSeconds)),
  });
  return { [ids.WorkerTaskDefinition]: toTaskDefinition(context, container, GetAtt(ids.WorkerRole, 'Arn'), { Family: sub(workerFamily(context)) }) };
}

/** Task ARNs of the stack's cluster, for resource-level permissions. */
function clusterTaskArns({ options }: BuildContext): Value<string> {
  const arn = options.cluster.arn;
  if (typeof arn === 'string' && arn.includes(':cluster/')) return `${arn.replace(':cluster/', ':task/')}/*`;
  return sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/${Cluster}/*', { Cluster: options.cluster.name });
}

/** What RunTask may start: every revision of the worker family, or the given task definition. */
function runnableTaskDefinitions(context: BuildContext): Value<string> {
  const given = context.options.taskMode?.taskDefinitionArn;
  if (given === undefined) return sub(`arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:task-definition/${workerFamily(context)}:*`);
  // IAM matches RunTask against the ARN with its revision: an ARN without one means any revision.
  if (typeof given === 'string' && !/:\d+$/.test(given)) return `${given}:*`;
  return given;
}

/**
 * The watcher's task-mode permissions: RunTask of the worker task definition in the stack's
 * cluster only; tagging only the tasks RunTask creates; DescribeTasks and StopTask on the
 * cluster's tasks only; and passing only the worker's roles, only to ECS tasks.
 */
export function buildTaskModeStatements(context: BuildContext): Statement[] {
  const { options, ids } = context;
  if (options.taskMode === undefined) return [];
  const onCluster = { ArnEquals: { 'ecs:cluster': options.cluster.arn } };
  const taskArns = clusterTaskArns(context);
  const roles: Value<string>[] =
    options.taskMode.taskDefinitionArn === undefined ? [GetAtt(ids.WorkerRole, 'Arn'), GetAtt(ids.ExecutionRole, 'Arn')] : [...options.taskMode.roleArns];
  return [
    { Sid: 'RunTasks', Effect: 'Allow', Action: 'ecs:RunTask', Resource: runnableTaskDefinitions(context), Condition: onCluster },
    { Sid: 'TagTasks', Effect: 'Allow', Action: 'ecs:TagResource', Resource: taskArns, Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } } },
    { Sid: 'FollowTasks', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:StopTask'], Resource: taskArns, Condition: onCluster },
    ...(roles.length > 0 ? [{ Sid: 'PassTaskRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: roles, Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }] : []),
  ];
}
