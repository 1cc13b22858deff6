/**
 * The task definition: one container whose main process is `watchbot listen <command>`,
 * configured through the environment contract listen reads (packages/cli's README).
 */
import type { BuildContext, Resources } from './build-context.js';
import { ECS, GetAtt, Ref } from './cloudform.js';
import type { Value } from './cloudform.js';
import { buildSharedContainerProperties, toTaskDefinition } from './task-definition-parts.js';
import { hasTaskEventsQueue } from './task-events.js';
import { buildTaskModeEnvironment, makesWorkerTaskDefinition } from './task-mode.js';

/** The container's name, for task overrides and log streams. */
export const containerName = 'watchbot';

/**
 * Seconds ECS waits between SIGTERM and SIGKILL beyond the watcher's own stop timeout: time to
 * return unfinished messages to the queue and exit after the workers are ended.
 */
export const stopTimeoutMarginSeconds = 10;

/** The variables `watchbot listen` and the workers read, as the task definition sets them. */
export function buildWatcherEnvironment(context: BuildContext): Record<string, Value<string>> {
  const { options, ids } = context;
  const volumes = ['/tmp', ...options.volumes.filter((volume) => volume.emptiedAfterEachJob).map((volume) => volume.containerPath)];
  return {
    QueueUrl: Ref(ids.Queue),
    ...(context.workTopicArn !== undefined && { WorkTopic: context.workTopicArn }),
    NotificationTopic: context.notificationTopicArn,
    LogGroup: Ref(ids.LogGroup),
    maxJobDuration: String(options.maxJobDurationSeconds),
    stopTimeout: String(options.stopTimeoutSeconds),
    Volumes: volumes.join(','),
    // JSON lines for CloudWatch Logs Insights; "[failure]" stays in the text, so the metric filter still counts.
    structuredLogging: 'true',
    writableFilesystem: String(options.writableFilesystem),
    Fifo: String(options.fifo),
    concurrency: String(options.concurrency),
    ...(options.reduceMode && { WatchbotProgressTable: Ref(ids.ProgressTable) }),
    ...(options.jobTracking !== undefined && { WatchbotJobTable: Ref(ids.JobTable), WatchbotJobHistoryDays: String(options.jobTracking.historyDays) }),
    ...(hasTaskEventsQueue(options) && { WatchbotTaskEventsQueueUrl: Ref(ids.TaskEventsQueue) }),
    ...buildTaskModeEnvironment(context),
  };
}

/** The task definition. */
export function buildTaskDefinition(context: BuildContext): Resources {
  const { options, ids } = context;
  const environment = { ...options.environment, ...buildWatcherEnvironment(context) };
  const container = new ECS.TaskDefinition.ContainerDefinition({
    Name: containerName,
    Image: options.image.uri,
    // Set the entry point, not just the command: it works whether the image installs the
    // watchbot binary or is built FROM the watcher image (whose entry point is the same).
    EntryPoint: ['watchbot', 'listen'],
    Command: [...options.command],
    Essential: true,
    Environment: Object.keys(environment).sort().map((name) => ({ Name: name, Value: environment[name]! })),
    ...(options.secrets.length > 0 && { Secrets: options.secrets.map((secret) => ({ Name: secret.name, ValueFrom: secret.valueFrom })) }),
    ...buildSharedContainerProperties(context, options.stopTimeoutSeconds + stopTimeoutMarginSeconds),
  });
  const taskDefinition = toTaskDefinition(context, container, GetAtt(ids.TaskRole, 'Arn'));
  // The watcher names the worker family, not the resource: make sure the family exists before a watcher starts.
  if (makesWorkerTaskDefinition(context)) taskDefinition.DependsOn = [ids.WorkerTaskDefinition];
  return { [ids.TaskDefinition]: taskDefinition };
}
