import { describe, expect, it } from 'vitest';
import type { ScaleOutStep } from '../src/index.js';
import { planScaleOutSteps } from '../src/index.js';
import { render } from './fixtures.js';

/** The tasks a step-scaling policy adds for `visible` waiting messages. */
function tasksAddedFor(steps: readonly ScaleOutStep[], visible: number): number {
  const step = steps.find((s) => visible >= s.lowerBound && (s.upperBound === undefined || visible < s.upperBound));
  return step?.addTasks ?? 0;
}

describe('planScaleOutSteps', () => {
  it('adds one task per waiting message at concurrency 1: 3 messages start 3 tasks, not maxSize/10', () => {
    const steps = planScaleOutSteps(1, 50);
    expect(tasksAddedFor(steps, 1)).toBe(1);
    expect(tasksAddedFor(steps, 3)).toBe(3);
  });

  it('sizes steps by the workers per task: ceil(visible / concurrency) tasks', () => {
    const steps = planScaleOutSteps(4, 10);
    expect([1, 4, 5, 8, 9, 16, 17, 40, 41, 1000].map((visible) => tasksAddedFor(steps, visible))).toEqual([1, 1, 2, 2, 3, 4, 5, 10, 10, 10]);
  });

  it('gives different steps for different concurrency', () => {
    expect(planScaleOutSteps(1, 5)).not.toEqual(planScaleOutSteps(10, 5));
    expect(tasksAddedFor(planScaleOutSteps(10, 5), 30)).toBe(3);
    expect(tasksAddedFor(planScaleOutSteps(1, 5), 30)).toBe(5);
  });

  it('never adds more than maxTasks, and adds one task at most when maxTasks is 1', () => {
    expect(planScaleOutSteps(1, 1)).toEqual([{ lowerBound: 0, addTasks: 1 }]);
    expect(Math.max(...planScaleOutSteps(2, 37).map((step) => step.addTasks))).toBe(37);
  });

  it('keeps within 20 steps up to 1000 tasks, contiguous from 0 with an open last step', () => {
    for (const maxTasks of [1, 9, 10, 11, 64, 999, 1000]) {
      const steps = planScaleOutSteps(3, maxTasks);
      expect(steps.length).toBeLessThanOrEqual(20);
      expect(steps[0]!.lowerBound).toBe(0);
      expect(steps.at(-1)!.upperBound).toBeUndefined();
      steps.slice(1).forEach((step, i) => expect(step.lowerBound).toBe(steps[i]!.upperBound));
      expect(steps.map((s) => s.addTasks)).toEqual([...steps.map((s) => s.addTasks)].sort((a, b) => a - b));
    }
  });

  it('rounds down between steps above ten tasks, so it never overshoots the backlog', () => {
    const steps = planScaleOutSteps(1, 1000);
    for (const visible of [7, 11, 13, 100, 500, 999]) expect(tasksAddedFor(steps, visible)).toBeLessThanOrEqual(visible);
  });
});

describe('the scaling resources', () => {
  it('scales out on waiting messages with the planned steps, per concurrency', () => {
    const { resources } = render({ concurrency: 5, maxTasks: 4 });
    const policy = resources.WatchbotScaleOutPolicy!.Properties.StepScalingPolicyConfiguration;
    expect(policy.AdjustmentType).toBe('ChangeInCapacity');
    expect(policy.StepAdjustments).toEqual([
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 6, ScalingAdjustment: 1 },
      { MetricIntervalLowerBound: 6, MetricIntervalUpperBound: 11, ScalingAdjustment: 2 },
      { MetricIntervalLowerBound: 11, MetricIntervalUpperBound: 16, ScalingAdjustment: 3 },
      { MetricIntervalLowerBound: 16, ScalingAdjustment: 4 },
    ]);
    const alarm = resources.WatchbotScaleOutAlarm!.Properties;
    expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: 'WatchbotScaleOutPolicy' }] });
  });

  it('scales in to minTasks when visible, in-flight and delayed messages are all zero (metric math, no Lambda)', () => {
    const { resources } = render({ minTasks: 2, maxTasks: 8, scaleInAfterIdleMinutes: 10 });
    const alarm = resources.WatchbotScaleInAlarm!.Properties;
    expect(alarm.Metrics.map((m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat?.Metric.MetricName)).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
      undefined,
    ]);
    expect(alarm.Metrics[3].Expression).toBe('FILL(visible, 0) + FILL(notVisible, 0) + FILL(delayed, 0)');
    expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'LessThanOrEqualToThreshold', EvaluationPeriods: 10, DatapointsToAlarm: 10 });
    expect(resources.WatchbotScaleInPolicy!.Properties.StepScalingPolicyConfiguration).toMatchObject({
      AdjustmentType: 'ExactCapacity',
      StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 2 }],
    });
    expect(resources.WatchbotScalableTarget!.Properties).toMatchObject({ MinCapacity: 2, MaxCapacity: 8 });
    expect(Object.values(resources).some((r) => r.Type === 'AWS::Lambda::Function')).toBe(false);
  });

  it('leaves DesiredCount to scaling, so a deploy never resets the task count', () => {
    const { resources } = render({ minTasks: 3, maxTasks: 9 });
    expect(resources.WatchbotService!.Properties.DesiredCount).toBeUndefined();
    expect(resources.WatchbotService!.Properties.DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
  });
});
