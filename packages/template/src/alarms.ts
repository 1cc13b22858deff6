/**
 * The operational alarms (docs/alarms.md explains each): worker errors, the oldest message's
 * age, the queue's size, dead letters, memory and CPU. Every one notifies the notification topic.
 */
import type { BuildContext, Resources } from './build-context.js';
import { queueName } from './build-context.js';
import { CloudWatch, GetAtt } from './cloudform.js';
import type { Value } from './cloudform.js';
import type { LogicalName } from './logical-ids.js';
import { workerErrorsMetricName, workerErrorsNamespace } from './logs.js';
import type { AlarmName } from './resolved-options.js';

/** What one alarm watches. */
interface AlarmMetric {
  readonly logicalName: LogicalName;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly { Name: string; Value: Value<string> }[];
  readonly statistic: 'Sum' | 'Maximum' | 'Average';
}

/** What each alarm measures. */
function describeAlarms({ options, ids, clusterName }: BuildContext): Record<AlarmName, AlarmMetric> {
  const service = options.serviceName;
  const queue = [{ Name: 'QueueName', Value: queueName(ids.Queue) }];
  const ecsService = [{ Name: 'ClusterName', Value: clusterName }, { Name: 'ServiceName', Value: GetAtt(ids.Service, 'Name') }];
  return {
    workerErrors: {
      logicalName: 'WorkerErrorsAlarm',
      description: `${service}: more failed jobs than the threshold ("[failure]" lines in the log group). Read the failures in the logs.`,
      namespace: workerErrorsNamespace,
      metricName: workerErrorsMetricName(service),
      dimensions: [],
      statistic: 'Sum',
    },
    oldestMessageAge: {
      logicalName: 'OldestMessageAlarm',
      description: `${service}: a message has waited longer than the threshold (seconds). Work is stuck or too slow.`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: queue,
      statistic: 'Maximum',
    },
    queueSize: {
      logicalName: 'QueueSizeAlarm',
      description: `${service}: more messages waiting than the threshold.`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: queue,
      statistic: 'Maximum',
    },
    deadLetters: {
      logicalName: 'DeadLetterAlarm',
      description: `${service}: messages are in the dead-letter queue: they failed every allowed attempt.`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ Name: 'QueueName', Value: queueName(ids.DeadLetterQueue) }],
      statistic: 'Maximum',
    },
    memoryUtilization: {
      logicalName: 'MemoryUtilizationAlarm',
      description: `${service}: a task's memory use passed the threshold (percent); workers risk being killed.`,
      namespace: 'AWS/ECS',
      metricName: 'MemoryUtilization',
      dimensions: ecsService,
      statistic: 'Maximum',
    },
    cpuUtilization: {
      logicalName: 'CpuUtilizationAlarm',
      description: `${service}: CPU use passed the threshold (percent) for the whole window; jobs slow down.`,
      namespace: 'AWS/ECS',
      metricName: 'CPUUtilization',
      dimensions: ecsService,
      statistic: 'Average',
    },
  };
}

/** The alarms the options switch on. */
export function buildAlarms(context: BuildContext): Resources {
  const resources: Resources = {};
  const metrics = describeAlarms(context);
  for (const [name, metric] of Object.entries(metrics) as [AlarmName, AlarmMetric][]) {
    const settings = context.options.alarms[name];
    if (settings === undefined) continue;
    resources[context.ids[metric.logicalName]] = new CloudWatch.Alarm({
      AlarmDescription: metric.description,
      Namespace: metric.namespace,
      MetricName: metric.metricName,
      ...(metric.dimensions.length > 0 && { Dimensions: metric.dimensions.map((dimension) => ({ ...dimension })) }),
      Statistic: metric.statistic,
      Period: settings.periodSeconds,
      EvaluationPeriods: settings.evaluationPeriods,
      Threshold: settings.threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      // No data means nothing happened (no logs, no tasks, an idle queue): not an alarm.
      TreatMissingData: 'notBreaching',
      AlarmActions: [context.notificationTopicArn],
    });
  }
  return resources;
}
