/**
 * The task-events queue: EventBridge rules delivering "ECS Task State Change" events of the
 * cluster (job tracking's ecsTaskEvents, ECS-task mode) and "Batch Job State Change" events of
 * chosen job queues (for `watchbot track`) to one queue the watcher reads.
 */
import type { BuildContext, Resources } from './build-context.js';
import { Events, GetAtt, Ref, SQS } from './cloudform.js';
import { withDeletePolicy } from './deletion-policy.js';
import type { ResolvedOptions } from './resolved-options.js';

/** True when some option needs the task-events queue. */
export function hasTaskEventsQueue(options: ResolvedOptions): boolean {
  return hasEcsTaskEventsRule(options) || (options.jobTracking?.batchJobQueues.length ?? 0) > 0;
}

/** True when ECS task events are routed: for job tracking, or for task mode. */
function hasEcsTaskEventsRule(options: ResolvedOptions): boolean {
  return options.jobTracking?.ecsTaskEvents === true || options.taskMode !== undefined;
}

/**
 * The `startedBy` of every task-mode task: task mode alone routes only these tasks' events;
 * job tracking's ecsTaskEvents routes the whole cluster's.
 */
export function taskModeStartedBy(options: ResolvedOptions): string {
  return `watchbot/${options.serviceName}`;
}

/** The events queue, its rules, and a queue policy admitting those rules only. */
export function buildTaskEvents({ options, ids }: BuildContext): Resources {
  if (!hasTaskEventsQueue(options)) return {};
  const resources: Resources = {
    [ids.TaskEventsQueue]: withDeletePolicy(new SQS.Queue({ MessageRetentionPeriod: 345_600, SqsManagedSseEnabled: true, ReceiveMessageWaitTimeSeconds: 20 })),
  };
  const rules: string[] = [];
  if (hasEcsTaskEventsRule(options)) {
    const wholeCluster = options.jobTracking?.ecsTaskEvents === true;
    resources[ids.TaskEventsRule] = new Events.Rule({
      Description: wholeCluster
        ? `ECS task state changes of ${options.serviceName}'s cluster, for Watchbot job tracking`
        : `State changes of the ECS tasks ${options.serviceName} runs in task mode`,
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.ecs'],
        'detail-type': ['ECS Task State Change'],
        detail: { clusterArn: [options.cluster.arn], ...(!wholeCluster && { startedBy: [taskModeStartedBy(options)] }) },
      },
      Targets: [{ Id: 'watchbot-task-events', Arn: GetAtt(ids.TaskEventsQueue, 'Arn') }],
    });
    rules.push(ids.TaskEventsRule);
  }
  const batchJobQueues = options.jobTracking?.batchJobQueues ?? [];
  if (batchJobQueues.length > 0) {
    resources[ids.BatchEventsRule] = new Events.Rule({
      Description: `AWS Batch job state changes of ${batchJobQueues.length} job queue(s), for Watchbot job tracking`,
      State: 'ENABLED',
      EventPattern: { source: ['aws.batch'], 'detail-type': ['Batch Job State Change'], detail: { jobQueue: [...batchJobQueues] } },
      Targets: [{ Id: 'watchbot-batch-events', Arn: GetAtt(ids.TaskEventsQueue, 'Arn') }],
    });
    rules.push(ids.BatchEventsRule);
  }
  resources[ids.TaskEventsQueuePolicy] = new SQS.QueuePolicy({
    Queues: [Ref(ids.TaskEventsQueue)],
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TaskEventsRuleSendsMessages',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: GetAtt(ids.TaskEventsQueue, 'Arn'),
          Condition: { ArnEquals: { 'aws:SourceArn': rules.length === 1 ? GetAtt(rules[0]!, 'Arn') : rules.map((rule) => GetAtt(rule, 'Arn')) } },
        },
      ],
    },
  });
  return resources;
}
