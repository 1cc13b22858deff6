/**
 * Task mode's settings as the CloudFormation template passes them to the watcher container: one
 * environment variable each, read and checked here once, so that `watchbot listen` wires task
 * mode in a few lines. A bad variable is one line naming it, its value and what is allowed.
 */
import { WatchbotError, errorCodes, invalidOption } from '@watchbot/core';
import type { CapacityProviderItem, EcsLaunchType, EcsTaskRunnerOptions } from './ecs-task-runner-options.js';

/** The variables task mode reads, with what each one means. */
export const taskModeVariables = {
  WatchbotTaskMode: 'true to run each message as its own ECS task (default false)',
  WatchbotTaskEventsQueueUrl: "the queue EventBridge delivers the tasks' state changes to (required in task mode)",
  WatchbotTaskCluster: 'the cluster tasks run in: name or ARN (required in task mode)',
  WatchbotTaskDefinition: 'the task definition each message runs: family, family:revision or ARN (required in task mode)',
  WatchbotTaskContainer: 'the container whose exit code settles the message (required in task mode)',
  WatchbotTaskLaunchType: 'FARGATE, EC2 or EXTERNAL (optional; not with WatchbotTaskCapacityProviders)',
  WatchbotTaskCapacityProviders: 'comma-separated name[:weight[:base]], e.g. FARGATE_SPOT:1 (optional)',
  WatchbotTaskSubnets: 'comma-separated subnet ids for awsvpc networking (optional)',
  WatchbotTaskSecurityGroups: 'comma-separated security group ids (optional, with WatchbotTaskSubnets)',
  WatchbotTaskAssignPublicIp: 'true to give each task a public IP (default false)',
  WatchbotTaskStartedBy: 'the startedBy mark of every task (default "watchbot")',
} as const;

/** What the variables configure: the events queue, and the runner's ECS settings. */
export interface TaskModeSettings {
  /** The task-events queue URL (from `WatchbotTaskEventsQueueUrl`). */
  readonly eventsQueueUrl: string;
  /** The runner options the environment sets; the caller adds `ecs`, `taskEvents`, `clock` and `logger`. */
  readonly runner: Pick<EcsTaskRunnerOptions, 'cluster' | 'taskDefinition' | 'containerName' | 'launchType' | 'capacityProviderStrategy' | 'networkConfiguration' | 'startedBy'>;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads task mode's variables.
 * @returns undefined when `WatchbotTaskMode` is unset or false.
 * @throws WatchbotError INVALID_OPTION naming the first bad variable.
 */
export function readTaskModeEnvironment(env: Environment): TaskModeSettings | undefined {
  if (!readBoolean(env, 'WatchbotTaskMode')) return undefined;
  const launchType = present(env.WatchbotTaskLaunchType);
  const providers = present(env.WatchbotTaskCapacityProviders);
  if (launchType !== undefined && providers !== undefined) {
    throw invalidOption('WatchbotTaskLaunchType', launchType, 'unset when WatchbotTaskCapacityProviders is set (ECS accepts one or the other)');
  }
  if (launchType !== undefined && !['FARGATE', 'EC2', 'EXTERNAL'].includes(launchType)) throw invalidOption('WatchbotTaskLaunchType', launchType, 'FARGATE, EC2 or EXTERNAL');
  const subnets = readList(env, 'WatchbotTaskSubnets', /^subnet-[0-9a-f]+$/, 'comma-separated subnet ids such as subnet-0123456789abcdef0');
  const securityGroups = readList(env, 'WatchbotTaskSecurityGroups', /^sg-[0-9a-f]+$/, 'comma-separated security group ids such as sg-0123456789abcdef0');
  const assignPublicIp = readBoolean(env, 'WatchbotTaskAssignPublicIp');
  if (subnets.length === 0 && (securityGroups.length > 0 || assignPublicIp)) {
    throw invalidOption('WatchbotTaskSubnets', env.WatchbotTaskSubnets ?? '', 'subnet ids when WatchbotTaskSecurityGroups or WatchbotTaskAssignPublicIp is set');
  }
  const startedBy = present(env.WatchbotTaskStartedBy);
  return {
    eventsQueueUrl: required(env, 'WatchbotTaskEventsQueueUrl'),
    runner: {
      cluster: required(env, 'WatchbotTaskCluster'),
      taskDefinition: required(env, 'WatchbotTaskDefinition'),
      containerName: required(env, 'WatchbotTaskContainer'),
      ...(launchType !== undefined && { launchType: launchType as EcsLaunchType }),
      ...(providers !== undefined && { capacityProviderStrategy: readCapacityProviders(providers) }),
      ...(subnets.length > 0 && { networkConfiguration: { subnets, ...(securityGroups.length > 0 && { securityGroups }), assignPublicIp } }),
      ...(startedBy !== undefined && { startedBy }),
    },
  };
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function required(env: Environment, name: keyof typeof taskModeVariables): string {
  const value = present(env[name]);
  if (value === undefined) throw new WatchbotError(errorCodes.INVALID_OPTION, `${name} is not set; expected ${taskModeVariables[name]}`);
  return value;
}

function readBoolean(env: Environment, name: keyof typeof taskModeVariables): boolean {
  const value = present(env[name]);
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidOption(name, value, 'true or false');
  return lower === 'true';
}

function readList(env: Environment, name: keyof typeof taskModeVariables, pattern: RegExp, allowed: string): string[] {
  const value = present(env[name]);
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => !pattern.test(item))) throw invalidOption(name, value, allowed);
  return items;
}

function readCapacityProviders(value: string): CapacityProviderItem[] {
  const allowed = 'comma-separated name[:weight[:base]] such as FARGATE_SPOT:1 or FARGATE_SPOT:4,FARGATE:1:2';
  return value.split(',').map((item) => {
    const match = /^([A-Za-z0-9_-]{1,255})(?::(\d{1,4}))?(?::(\d{1,6}))?$/.exec(item.trim());
    if (match === null) throw invalidOption('WatchbotTaskCapacityProviders', value, allowed);
    return {
      capacityProvider: match[1]!,
      ...(match[2] !== undefined && { weight: Number(match[2]) }),
      ...(match[3] !== undefined && { base: Number(match[3]) }),
    };
  });
}
