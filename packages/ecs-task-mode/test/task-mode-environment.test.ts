import { describe, expect, it } from 'vitest';
import { readTaskModeEnvironment } from '../src/index.js';

/** The variables the CloudFormation template sets on the watcher in task mode (packages/template). */
const fromTemplate = {
  WatchbotTaskMode: 'true',
  WatchbotTaskEventsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/demo-WatchbotTaskEventsQueue-abc',
  WatchbotTaskCluster: 'watchbot',
  WatchbotTaskDefinition: 'demo-stack-WatchbotWorker',
  WatchbotTaskContainer: 'worker',
  WatchbotTaskLaunchType: 'FARGATE',
  WatchbotTaskSubnets: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
  WatchbotTaskSecurityGroups: 'sg-0123456789abcdef0',
  WatchbotTaskAssignPublicIp: 'false',
  WatchbotTaskStartedBy: 'watchbot/demo',
};

describe('task mode from the environment', () => {
  it('is off unless WatchbotTaskMode is true', () => {
    expect(readTaskModeEnvironment({})).toBeUndefined();
    expect(readTaskModeEnvironment({ ...fromTemplate, WatchbotTaskMode: 'false' })).toBeUndefined();
  });

  it('reads what the template sets into the runner options and the events queue', () => {
    expect(readTaskModeEnvironment(fromTemplate)).toEqual({
      eventsQueueUrl: fromTemplate.WatchbotTaskEventsQueueUrl,
      runner: {
        cluster: 'watchbot',
        taskDefinition: fromTemplate.WatchbotTaskDefinition,
        containerName: 'worker',
        launchType: 'FARGATE',
        networkConfiguration: { subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: false },
        startedBy: 'watchbot/demo',
      },
    });
  });

  it('reads a capacity provider strategy', () => {
    const { WatchbotTaskLaunchType: _launchType, ...rest } = fromTemplate;
    const settings = readTaskModeEnvironment({ ...rest, WatchbotTaskCapacityProviders: 'FARGATE_SPOT:4,FARGATE:1:2' });
    expect(settings?.runner.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 4 },
      { capacityProvider: 'FARGATE', weight: 1, base: 2 },
    ]);
    expect(settings?.runner.launchType).toBeUndefined();
  });

  it.each([
    [{ WatchbotTaskCluster: '' }, 'WatchbotTaskCluster is not set; expected the cluster tasks run in: name or ARN (required in task mode)'],
    [{ WatchbotTaskMode: 'yes' }, 'WatchbotTaskMode: "yes" is not valid; expected true or false'],
    [{ WatchbotTaskLaunchType: 'SPOT' }, 'WatchbotTaskLaunchType: "SPOT" is not valid; expected FARGATE, EC2 or EXTERNAL'],
    [{ WatchbotTaskCapacityProviders: 'FARGATE_SPOT' }, 'WatchbotTaskLaunchType: "FARGATE" is not valid; expected unset when WatchbotTaskCapacityProviders is set (ECS accepts one or the other)'],
    [{ WatchbotTaskSubnets: 'subnet-0123,vpc-1' }, 'WatchbotTaskSubnets: "subnet-0123,vpc-1" is not valid; expected comma-separated subnet ids such as subnet-0123456789abcdef0'],
    [{ WatchbotTaskSubnets: '' }, 'WatchbotTaskSubnets: "" is not valid; expected subnet ids when WatchbotTaskSecurityGroups or WatchbotTaskAssignPublicIp is set'],
  ])('refuses %j with one line naming the variable', (change, message) => {
    expect(() => readTaskModeEnvironment({ ...fromTemplate, ...change })).toThrow(message);
  });
});
