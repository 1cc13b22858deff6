/**
 * Application Auto Scaling for the service, from SQS metrics alone (no metric-publishing
 * Lambda):
 * - scale out when messages wait (visible > 0), adding tasks in proportion to the backlog and
 *   the workers per task (scaling-steps.ts);
 * - scale in to `minTasks` once nothing is visible, in flight or delayed for
 *   `scaleInAfterIdleMinutes` (metric math over the three queue metrics), so busy tasks are
 *   never stopped while work remains.
 */
import type { BuildContext, Resources } from './build-context.js';
import { queueName } from './build-context.js';
import { ApplicationAutoScaling, CloudWatch, GetAtt, Ref } from './cloudform.js';
import { sub } from './intrinsic.js';
import { planScaleOutSteps } from './scaling-steps.js';

/** A one-minute SQS metric of the work queue, as a metric-math input. */
function queueMetric(context: BuildContext, id: string, metricName: string): InstanceType<typeof CloudWatch.Alarm.MetricDataQuery> {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: 'AWS/SQS', MetricName: metricName, Dimensions: [{ Name: 'QueueName', Value: queueName(context.ids.Queue) }] },
      Period: 60,
      Stat: 'Maximum',
    },
    ReturnData: false,
  };
}

/** The scalable target, both policies and the two alarms that drive them. */
export function buildScaling(context: BuildContext): Resources {
  const { options, ids } = context;
  const steps = planScaleOutSteps(options.concurrency, options.maxTasks);
  return {
    [ids.ScalableTarget]: new ApplicationAutoScaling.ScalableTarget({
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      ResourceId: sub('service/${Cluster}/${Service}', { Cluster: context.clusterName, Service: GetAtt(ids.Service, 'Name') }),
      MinCapacity: options.minTasks,
      MaxCapacity: options.maxTasks,
      // No RoleARN: Application Auto Scaling uses its service-linked role for ECS.
    }),
    [ids.ScaleOutPolicy]: new ApplicationAutoScaling.ScalingPolicy({
      PolicyName: `${options.serviceName}-scale-out`,
      PolicyType: 'StepScaling',
      ScalingTargetId: Ref(ids.ScalableTarget),
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        // During the cooldown a repeated alarm adds only what a larger step adds beyond the first.
        Cooldown: options.scaleOutCooldownSeconds,
        MetricAggregationType: 'Maximum',
        StepAdjustments: steps.map((step) => ({
          MetricIntervalLowerBound: step.lowerBound,
          ...(step.upperBound !== undefined && { MetricIntervalUpperBound: step.upperBound }),
          ScalingAdjustment: step.addTasks,
        })),
      },
    }),
    [ids.ScaleOutAlarm]: new CloudWatch.Alarm({
      AlarmDescription: `Messages are waiting for ${options.serviceName}: add tasks (ceil(visible / ${options.concurrency}) of them).`,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: queueName(ids.Queue) }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [Ref(ids.ScaleOutPolicy)],
    }),
    [ids.ScaleInPolicy]: new ApplicationAutoScaling.ScalingPolicy({
      PolicyName: `${options.serviceName}-scale-in`,
      PolicyType: 'StepScaling',
      ScalingTargetId: Ref(ids.ScalableTarget),
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ExactCapacity',
        Cooldown: 60,
        MetricAggregationType: 'Maximum',
        StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: options.minTasks }],
      },
    }),
    [ids.ScaleInAlarm]: new CloudWatch.Alarm({
      AlarmDescription: `Nothing visible, in flight or delayed for ${options.scaleInAfterIdleMinutes} min: scale ${options.serviceName} in to ${options.minTasks} task(s).`,
      Metrics: [
        queueMetric(context, 'visible', 'ApproximateNumberOfMessagesVisible'),
        queueMetric(context, 'notVisible', 'ApproximateNumberOfMessagesNotVisible'),
        queueMetric(context, 'delayed', 'ApproximateNumberOfMessagesDelayed'),
        { Id: 'total', Expression: 'FILL(visible, 0) + FILL(notVisible, 0) + FILL(delayed, 0)', Label: 'Messages visible, in flight and delayed', ReturnData: true },
      ],
      EvaluationPeriods: options.scaleInAfterIdleMinutes,
      DatapointsToAlarm: options.scaleInAfterIdleMinutes,
      Threshold: 0,
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      // An idle queue stops reporting after hours; keep the last state rather than guess.
      TreatMissingData: 'ignore',
      AlarmActions: [Ref(ids.ScaleInPolicy)],
    }),
  };
}
