/**
 * `template(options)`: every resource of a Watchbot stack as a CloudFormation fragment, plus
 * references to what it made, ready to `merge()` with the caller's own template.
 */
import { buildAlarms } from './alarms.js';
import type { BuildContext, Resources } from './build-context.js';
import { createBuildContext } from './build-context.js';
import { GetAtt, Ref } from './cloudform.js';
import type { IntrinsicFunction, Output, Resource, Value } from './cloudform.js';
import { buildDashboard } from './dashboard.js';
import type { LogicalIds } from './logical-ids.js';
import { buildLogs } from './logs.js';
import type { WatchbotOptions } from './options.js';
import { buildOutputs } from './outputs.js';
import { buildQueues } from './queue.js';
import { buildExecutionRole, buildTaskRole, buildWorkerRole } from './roles.js';
import { buildScaling } from './scaling.js';
import { buildService } from './service.js';
import { buildJobTable, buildProgressTable } from './tables.js';
import { buildTaskDefinition } from './task-definition.js';
import { buildTaskEvents, hasTaskEventsQueue } from './task-events.js';
import { buildWorkerTaskDefinition } from './task-mode.js';
import { buildNotificationTopic, buildWorkTopic } from './topic.js';
import { validateOptions } from './validate-options.js';
import { buildWebhook } from './webhook.js';

/** References to what `template()` made, for the caller's own resources. */
export interface WatchbotRefs {
  /** Every logical id, by name (e.g. `logicalIds.Queue` is "WatchbotQueue"). */
  readonly logicalIds: LogicalIds;
  readonly queueUrl: IntrinsicFunction;
  readonly queueArn: IntrinsicFunction;
  readonly queueName: IntrinsicFunction;
  readonly deadLetterQueueUrl: IntrinsicFunction;
  readonly deadLetterQueueArn: IntrinsicFunction;
  /** The work topic's ARN; undefined for FIFO stacks, which have none. */
  readonly workTopic: IntrinsicFunction | undefined;
  /** The notification topic's ARN (created, or the one given). */
  readonly notificationTopic: Value<string>;
  readonly logGroup: IntrinsicFunction;
  readonly logGroupArn: IntrinsicFunction;
  /** The task role's name (attach more policies to it) and ARN. */
  readonly taskRole: IntrinsicFunction;
  readonly taskRoleArn: IntrinsicFunction;
  readonly executionRole: IntrinsicFunction;
  readonly service: IntrinsicFunction;
  readonly taskDefinition: IntrinsicFunction;
  /** The reduce-mode progress table's name; undefined unless reduceMode. */
  readonly progressTable: IntrinsicFunction | undefined;
  readonly progressTableArn: IntrinsicFunction | undefined;
  /** The job-history table's name; undefined unless jobTracking. */
  readonly jobTable: IntrinsicFunction | undefined;
  readonly jobTableArn: IntrinsicFunction | undefined;
  /** The task-events queue's URL; undefined unless jobTracking.ecsTaskEvents, jobTracking.batchJobQueues or taskMode. */
  readonly taskEventsQueueUrl: IntrinsicFunction | undefined;
  /** The task definition each message runs as in task mode (the template's, or the given one); undefined unless taskMode. */
  readonly workerTaskDefinition: Value<string> | undefined;
  /** The task-mode worker role's name (attach more policies to it); undefined unless taskMode makes the worker task definition. */
  readonly workerRole: IntrinsicFunction | undefined;
}

/** A CloudFormation fragment (cloudform-types' shapes) with the refs of what it made. */
export interface WatchbotTemplate {
  readonly Resources: Record<string, Resource>;
  readonly Outputs: Record<string, Output>;
  /** Not part of the CloudFormation template: `merge`, `toJson` and `toYaml` leave it out. */
  readonly refs: WatchbotRefs;
}

/** Every builder, in the order their resources appear in the template. */
const builders: readonly ((context: BuildContext) => Resources)[] = [
  buildQueues, buildWorkTopic, buildNotificationTopic, buildLogs, buildExecutionRole, buildTaskRole,
  buildTaskDefinition, buildService, buildScaling, buildAlarms, buildDashboard, buildProgressTable,
  buildJobTable, buildTaskEvents, buildWorkerRole, buildWorkerTaskDefinition, buildWebhook,
];

/**
 * Builds a whole Watchbot stack.
 * @throws TemplateError INVALID_OPTION naming the first bad option, before anything is built.
 */
export function template(options: WatchbotOptions): WatchbotTemplate {
  const context = createBuildContext(validateOptions(options));
  const resources: Record<string, Resource> = {};
  for (const build of builders) Object.assign(resources, build(context));
  return { Resources: resources, Outputs: buildOutputs(context), refs: toRefs(context) };
}

function toRefs({ ids, options, workTopicArn, notificationTopicArn }: BuildContext): WatchbotRefs {
  const tracking = options.jobTracking;
  return {
    logicalIds: ids,
    queueUrl: Ref(ids.Queue),
    queueArn: GetAtt(ids.Queue, 'Arn'),
    queueName: GetAtt(ids.Queue, 'QueueName'),
    deadLetterQueueUrl: Ref(ids.DeadLetterQueue),
    deadLetterQueueArn: GetAtt(ids.DeadLetterQueue, 'Arn'),
    workTopic: workTopicArn === undefined ? undefined : Ref(ids.Topic),
    notificationTopic: notificationTopicArn,
    logGroup: Ref(ids.LogGroup),
    logGroupArn: GetAtt(ids.LogGroup, 'Arn'),
    taskRole: Ref(ids.TaskRole),
    taskRoleArn: GetAtt(ids.TaskRole, 'Arn'),
    executionRole: Ref(ids.ExecutionRole),
    service: Ref(ids.Service),
    taskDefinition: Ref(ids.TaskDefinition),
    progressTable: options.reduceMode ? Ref(ids.ProgressTable) : undefined,
    progressTableArn: options.reduceMode ? GetAtt(ids.ProgressTable, 'Arn') : undefined,
    jobTable: tracking === undefined ? undefined : Ref(ids.JobTable),
    jobTableArn: tracking === undefined ? undefined : GetAtt(ids.JobTable, 'Arn'),
    taskEventsQueueUrl: hasTaskEventsQueue(options) ? Ref(ids.TaskEventsQueue) : undefined,
    workerTaskDefinition: options.taskMode === undefined ? undefined : (options.taskMode.taskDefinitionArn ?? Ref(ids.WorkerTaskDefinition)),
    workerRole: options.taskMode !== undefined && options.taskMode.taskDefinitionArn === undefined ? Ref(ids.WorkerRole) : undefined,
  };
}
