/**
 * Job tracking's optional ECS task events: an EventBridge rule delivering the cluster's
 * "ECS Task State Change" events to a queue the watcher reads (ECS-task mode, `watchbot track`).
 */
import type { BuildContext, Resources } from './build-context.js';
import { Events, GetAtt, Ref, SQS } from './cloudform.js';
import { withDeletePolicy } from './deletion-policy.js';

/** The events queue, the rule, and a queue policy admitting that rule only. */
export function buildTaskEvents({ options, ids }: BuildContext): Resources {
  if (options.jobTracking?.ecsTaskEvents !== true) return {};
  return {
    [ids.TaskEventsQueue]: withDeletePolicy(new SQS.Queue({ MessageRetentionPeriod: 345_600, SqsManagedSseEnabled: true, ReceiveMessageWaitTimeSeconds: 20 })),
    [ids.TaskEventsRule]: new Events.Rule({
      Description: `ECS task state changes of ${options.serviceName}'s cluster, for Watchbot job tracking`,
      State: 'ENABLED',
      EventPattern: { source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { clusterArn: [options.cluster.arn] } },
      Targets: [{ Id: 'watchbot-task-events', Arn: GetAtt(ids.TaskEventsQueue, 'Arn') }],
    }),
    [ids.TaskEventsQueuePolicy]: new SQS.QueuePolicy({
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
            Condition: { ArnEquals: { 'aws:SourceArn': GetAtt(ids.TaskEventsRule, 'Arn') } },
          },
        ],
      },
    }),
  };
}
