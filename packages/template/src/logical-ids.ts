/**
 * The logical ids of everything `template()` creates, each the prefix (default "Watchbot")
 * plus a fixed name, so two Watchbot stacks can share one template under different prefixes.
 */

const names = [
  'Queue', 'DeadLetterQueue', 'QueuePolicy', 'Topic', 'TopicSubscription', 'NotificationTopic',
  'NotificationEmailSubscription', 'LogGroup', 'WorkerErrorsMetricFilter', 'ExecutionRole', 'TaskRole',
  'TaskDefinition', 'Service', 'ScalableTarget', 'ScaleOutPolicy', 'ScaleOutAlarm', 'ScaleInPolicy',
  'ScaleInAlarm', 'WorkerErrorsAlarm', 'OldestMessageAlarm', 'QueueSizeAlarm', 'DeadLetterAlarm',
  'MemoryUtilizationAlarm', 'CpuUtilizationAlarm', 'Dashboard', 'ProgressTable', 'JobTable',
  'TaskEventsQueue', 'TaskEventsQueuePolicy', 'TaskEventsRule', 'BatchEventsRule', 'WorkerRole', 'WorkerTaskDefinition', 'WebhookApi', 'WebhookModel',
  'WebhookValidator', 'WebhookRole', 'WebhookMethod', 'WebhookDeployment', 'WebhookStage',
  'WebhookApiKey', 'WebhookUsagePlan', 'WebhookUsagePlanKey',
] as const;

/** A name from the list above. */
export type LogicalName = (typeof names)[number];

/** Every logical id, by name. */
export type LogicalIds = Readonly<Record<LogicalName, string>>;

/** The logical ids for `prefix`. */
export function toLogicalIds(prefix: string): LogicalIds {
  return Object.fromEntries(names.map((name) => [name, `${prefix}${name}`])) as Record<LogicalName, string>;
}
