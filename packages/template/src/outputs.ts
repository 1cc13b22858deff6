/**
 * The stack's outputs: stable keys (the prefix plus a fixed name, e.g. WatchbotQueueUrl) that
 * the CLI and other stacks find the queues and topics by, each exported as
 * `<serviceName>-<name>` (e.g. my-service-QueueUrl) for Fn::ImportValue.
 */
import type { BuildContext } from './build-context.js';
import { GetAtt, Ref } from './cloudform.js';
import type { Output, Value } from './cloudform.js';
import { sub } from './intrinsic.js';
import { hasTaskEventsQueue } from './task-events.js';
import { workerTaskDefinitionArn } from './task-mode.js';
import { webhookStageName } from './webhook.js';

/** The name of every output `template()` may create (without the prefix). */
export const outputNames = [
  'QueueUrl', 'QueueArn', 'DeadLetterQueueUrl', 'DeadLetterQueueArn', 'WorkTopicArn', 'NotificationTopicArn',
  'LogGroupName', 'ServiceName', 'ProgressTableName', 'JobTableName', 'TaskEventsQueueUrl', 'WorkerTaskDefinitionArn', 'WebhookUrl', 'WebhookApiKeyId',
] as const;

/** One of {@link outputNames}. */
export type OutputName = (typeof outputNames)[number];

/** The outputs for the options in `context`. */
export function buildOutputs(context: BuildContext): Record<string, Output> {
  const { options, ids } = context;
  const values: Partial<Record<OutputName, [Value<string>, string]>> = {
    QueueUrl: [Ref(ids.Queue), 'The URL of the queue the watcher reads'],
    QueueArn: [GetAtt(ids.Queue, 'Arn'), 'The ARN of the queue the watcher reads'],
    DeadLetterQueueUrl: [Ref(ids.DeadLetterQueue), 'The URL of the dead-letter queue'],
    DeadLetterQueueArn: [GetAtt(ids.DeadLetterQueue, 'Arn'), 'The ARN of the dead-letter queue'],
    NotificationTopicArn: [context.notificationTopicArn, 'The topic alarms and notifications go to'],
    LogGroupName: [Ref(ids.LogGroup), 'The log group of the watcher and its workers'],
    ServiceName: [GetAtt(ids.Service, 'Name'), 'The ECS service name'],
  };
  if (context.workTopicArn !== undefined) values.WorkTopicArn = [context.workTopicArn, 'The topic to publish work to'];
  if (options.reduceMode) values.ProgressTableName = [Ref(ids.ProgressTable), 'The reduce-mode progress table'];
  if (options.jobTracking !== undefined) values.JobTableName = [Ref(ids.JobTable), 'The job-history table'];
  if (hasTaskEventsQueue(options)) values.TaskEventsQueueUrl = [Ref(ids.TaskEventsQueue), 'The queue of ECS task (and Batch job) state changes'];
  if (options.taskMode !== undefined) values.WorkerTaskDefinitionArn = [workerTaskDefinitionArn(context), 'The task definition each message runs as in task mode'];
  if (options.webhook !== undefined) {
    values.WebhookUrl = [sub(`https://\${${ids.WebhookApi}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${webhookStageName}`), 'POST {"Message": …, "Subject"?: …} here with the x-api-key header'];
    values.WebhookApiKeyId = [Ref(ids.WebhookApiKey), 'The webhook API key id (aws apigateway get-api-key --include-value --api-key ID)'];
  }
  const outputs: Record<string, Output> = {};
  for (const name of outputNames) {
    const entry = values[name];
    if (entry === undefined) continue;
    outputs[`${options.prefix}${name}`] = { Description: entry[1], Value: entry[0], Export: { Name: `${options.serviceName}-${name}` } };
  }
  return outputs;
}
