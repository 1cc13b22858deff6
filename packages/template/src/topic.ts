/**
 * The work topic (senders publish, the queue is subscribed) and the notification topic (alarms
 * and the watcher's rejection/failure notifications). FIFO stacks get no work topic: senders
 * send to the FIFO queue directly, as in the original.
 */
import type { BuildContext, Resources } from './build-context.js';
import { GetAtt, Ref, SNS, SQS } from './cloudform.js';

/** The work topic, its subscription, and a queue policy that admits that topic only. */
export function buildWorkTopic({ options, ids }: BuildContext): Resources {
  if (options.fifo) return {};
  return {
    [ids.Topic]: new SNS.Topic({ DisplayName: `Watchbot ${options.serviceName} work` }),
    [ids.TopicSubscription]: new SNS.Subscription({
      TopicArn: Ref(ids.Topic),
      Protocol: 'sqs',
      Endpoint: GetAtt(ids.Queue, 'Arn'),
      // Subscribe once the queue admits the topic, so no early message is refused.
    }).dependsOn(ids.QueuePolicy),
    [ids.QueuePolicy]: new SQS.QueuePolicy({
      Queues: [Ref(ids.Queue)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'WorkTopicSendsMessages',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: GetAtt(ids.Queue, 'Arn'),
            Condition: { ArnEquals: { 'aws:SourceArn': Ref(ids.Topic) } },
          },
        ],
      },
    }),
  };
}

/** A notification topic (unless an existing one was given), with the email subscription if asked. */
export function buildNotificationTopic({ options, ids }: BuildContext): Resources {
  if (options.notifications.topicArn !== undefined) return {};
  const resources: Resources = {
    [ids.NotificationTopic]: new SNS.Topic({ DisplayName: `Watchbot ${options.serviceName} notifications` }),
  };
  if (options.notifications.email !== undefined) {
    resources[ids.NotificationEmailSubscription] = new SNS.Subscription({
      TopicArn: Ref(ids.NotificationTopic),
      Protocol: 'email',
      Endpoint: options.notifications.email,
    });
  }
  return resources;
}
