/**
 * A CloudWatch dashboard of the stack: the queue (waiting, in flight, delayed, oldest age), dead
 * letters, worker errors, the service's CPU and memory, and throughput (sent, deleted). Its
 * body is JSON with ${…} placeholders that Fn::Sub fills with the stack's names at deploy time.
 */
import type { BuildContext, Resources } from './build-context.js';
import { CloudWatch, GetAtt } from './cloudform.js';
import { sub } from './intrinsic.js';
import { workerErrorsMetricName, workerErrorsNamespace } from './logs.js';

/** One metric widget. */
function widget(title: string, metrics: unknown[][], position: { x: number; y: number }, stat = 'Maximum'): Record<string, unknown> {
  return {
    type: 'metric',
    ...position,
    width: 12,
    height: 6,
    properties: { title, region: '${AWS::Region}', stat, period: 60, view: 'timeSeries', metrics },
  };
}

/** The dashboard, unless switched off. */
export function buildDashboard({ options, ids, clusterName }: BuildContext): Resources {
  if (!options.dashboard) return {};
  const queue = ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', '${Queue}'];
  const body = {
    widgets: [
      widget('Messages', [queue, ['.', 'ApproximateNumberOfMessagesNotVisible', '.', '.'], ['.', 'ApproximateNumberOfMessagesDelayed', '.', '.']], { x: 0, y: 0 }),
      widget('Age of the oldest message (s)', [['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', '${Queue}']], { x: 12, y: 0 }),
      widget('Dead letters', [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', '${DeadLetterQueue}']], { x: 0, y: 6 }),
      widget('Worker errors', [[workerErrorsNamespace, workerErrorsMetricName(options.serviceName)]], { x: 12, y: 6 }, 'Sum'),
      widget(
        'Service CPU and memory (%)',
        [
          ['AWS/ECS', 'CPUUtilization', 'ClusterName', '${Cluster}', 'ServiceName', '${Service}'],
          ['.', 'MemoryUtilization', '.', '.', '.', '.'],
        ],
        { x: 0, y: 12 },
        'Average',
      ),
      widget('Throughput (messages per minute)', [['AWS/SQS', 'NumberOfMessagesSent', 'QueueName', '${Queue}'], ['.', 'NumberOfMessagesDeleted', '.', '.']], { x: 12, y: 12 }, 'Sum'),
    ],
  };
  return {
    [ids.Dashboard]: new CloudWatch.Dashboard({
      DashboardBody: sub(JSON.stringify(body), {
        Queue: GetAtt(ids.Queue, 'QueueName'),
        DeadLetterQueue: GetAtt(ids.DeadLetterQueue, 'QueueName'),
        Cluster: clusterName,
        Service: GetAtt(ids.Service, 'Name'),
      }),
    }),
  };
}
