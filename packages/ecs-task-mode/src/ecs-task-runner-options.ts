/**
 * The ECS task runner's options, their defaults and their validation: checked once, up front,
 * with errors that name the option, the value and what is allowed.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Clock, Logger, WorkMessage } from '@watchbot/core';
import { invalidOption } from '@watchbot/core';
import type { EcsTaskStateChange } from './state-change-event.js';
import type { TaskEventRouter } from './task-event-router.js';

/** Where a task runs when no capacity provider strategy is given. */
export type EcsLaunchType = 'FARGATE' | 'EC2' | 'EXTERNAL';

/** One capacity provider of a strategy (e.g. FARGATE_SPOT with weight 1). */
export interface CapacityProviderItem {
  /** The capacity provider's name: FARGATE, FARGATE_SPOT, or one of the cluster's own. */
  readonly capacityProvider: string;
  /** Its share of tasks relative to the others, 0 to 1000. Default 1. */
  readonly weight?: number;
  /** Tasks that always run on it before weights apply, 0 to 100000. Default 0. */
  readonly base?: number;
}

/** awsvpc networking for each task (required for Fargate). */
export interface TaskNetwork {
  /** Subnet ids, 1 to 16. */
  readonly subnets: readonly string[];
  /** Security group ids, at most 5. Default: the VPC's default group. */
  readonly securityGroups?: readonly string[];
  /** Give the task a public IP (a public subnet without NAT needs one to pull its image). Default false. */
  readonly assignPublicIp?: boolean;
}

/** How RunTask is retried when ECS cannot place the task yet or throttles the call. */
export interface CapacityRetryPolicy {
  /** The first pause, in ms. Default 2000. */
  readonly initialMs?: number;
  /** The longest pause, in ms (pauses double up to it, with jitter). Default 60000. */
  readonly maxMs?: number;
  /**
   * How long to keep trying before the message fails with PLACEMENT_TIMED_OUT, in ms; it is then
   * retried later by the queue like any failure. 0 = until the job is aborted. Default 1800000 (30 min).
   */
  readonly giveUpAfterMs?: number;
}

/** Everything {@link createEcsTaskRunner} needs. */
export interface EcsTaskRunnerOptions {
  /** The ECS client (region and credentials are the caller's). */
  readonly ecs: ECSClient;
  /** The cluster: its name or ARN. */
  readonly cluster: string;
  /** The task definition: family, family:revision or ARN. */
  readonly taskDefinition: string;
  /** The container in that task definition that runs the worker: its exit code settles the message. */
  readonly containerName: string;
  /** Where tasks run; not with `capacityProviderStrategy`. Default: the cluster's default strategy. */
  readonly launchType?: EcsLaunchType;
  /** Capacity providers to run tasks on; not with `launchType`. */
  readonly capacityProviderStrategy?: readonly CapacityProviderItem[];
  /** awsvpc networking (required for Fargate and awsvpc task definitions). */
  readonly networkConfiguration?: TaskNetwork;
  /** Fargate platform version, e.g. "LATEST" or "1.4.0". Default: ECS's LATEST. */
  readonly platformVersion?: string;
  /** The task group, for placement spread. Default: ECS's ("family:<family>"). */
  readonly group?: string;
  /** Marks every task, so ListTasks can find them: letters, digits, -, _ and /, 1 to 128. Default "watchbot". */
  readonly startedBy?: string;
  /** Tag each task with `watchbot:message-id` (needs ecs:TagResource on RunTask). Default true. */
  readonly tagTasks?: boolean;
  /** Where the tasks' state-change events arrive. */
  readonly taskEvents: TaskEventRouter;
  /** Time and timers. */
  readonly clock: Clock;
  /** Where the runner's own lines go (task started, DescribeTasks problems). */
  readonly logger: Logger;
  /** Ask DescribeTasks about a task when no event has arrived for it this long, in ms, 1000 to 3600000. Default 60000. */
  readonly describeAfterMs?: number;
  /** After a timeout's StopTask, how long to wait for the task to stop, in ms, 0 to 600000. Default 60000. */
  readonly stopWaitMs?: number;
  /** RunTask retries when the task cannot be placed yet. */
  readonly capacityRetry?: CapacityRetryPolicy;
  /** Extra variables for the task, per message; the worker variables (Message, MessageId …) win a clash. */
  readonly environment?: (message: WorkMessage) => Readonly<Record<string, string>>;
  /** Called with every newer state of a message's task, for job history. Guarded: a throw is logged. */
  readonly onTaskState?: (messageId: string, change: EcsTaskStateChange) => void;
  /** A source of numbers in [0, 1) for retry jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/** {@link EcsTaskRunnerOptions} with every default filled in. */
export interface ResolvedEcsTaskRunnerOptions extends EcsTaskRunnerOptions {
  readonly startedBy: string;
  readonly tagTasks: boolean;
  readonly describeAfterMs: number;
  readonly stopWaitMs: number;
  readonly capacityRetry: Required<CapacityRetryPolicy>;
  readonly random: () => number;
}

/** The defaults of every optional setting. */
export const ecsTaskRunnerDefaults = {
  startedBy: 'watchbot',
  tagTasks: true,
  describeAfterMs: 60_000,
  stopWaitMs: 60_000,
  capacityRetry: { initialMs: 2000, maxMs: 60_000, giveUpAfterMs: 1_800_000 },
} as const;

const startedByPattern = /^[A-Za-z0-9_/-]{1,128}$/;

function checkInteger(option: string, value: number, min: number, max: number, unit: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw invalidOption(option, value, `a whole number${unit} from ${min} to ${max}`);
}

function checkText(option: string, value: unknown, allowed: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw invalidOption(option, value, allowed);
}

/**
 * Fills in defaults and checks every value.
 * @throws WatchbotError INVALID_OPTION naming the first bad option.
 */
export function resolveEcsTaskRunnerOptions(options: EcsTaskRunnerOptions): ResolvedEcsTaskRunnerOptions {
  checkText('cluster', options.cluster, 'a cluster name or ARN');
  checkText('taskDefinition', options.taskDefinition, 'a task definition family, family:revision or ARN');
  checkText('containerName', options.containerName, "the name of the worker's container in the task definition");
  if (options.launchType !== undefined && options.capacityProviderStrategy !== undefined) {
    throw invalidOption('launchType', options.launchType, 'no value with capacityProviderStrategy (ECS accepts one or the other)');
  }
  if (options.launchType !== undefined && !['FARGATE', 'EC2', 'EXTERNAL'].includes(options.launchType)) {
    throw invalidOption('launchType', options.launchType, 'FARGATE, EC2 or EXTERNAL');
  }
  if (options.capacityProviderStrategy !== undefined) {
    const strategy = options.capacityProviderStrategy;
    if (strategy.length < 1 || strategy.length > 20) throw invalidOption('capacityProviderStrategy', `${strategy.length} items`, '1 to 20 capacity providers');
    strategy.forEach((item, index) => {
      checkText(`capacityProviderStrategy[${index}].capacityProvider`, item.capacityProvider, 'a capacity provider name such as FARGATE_SPOT');
      if (item.weight !== undefined) checkInteger(`capacityProviderStrategy[${index}].weight`, item.weight, 0, 1000, '');
      if (item.base !== undefined) checkInteger(`capacityProviderStrategy[${index}].base`, item.base, 0, 100_000, '');
    });
  }
  const network = options.networkConfiguration;
  if (network !== undefined) {
    if (network.subnets.length < 1 || network.subnets.length > 16) throw invalidOption('networkConfiguration.subnets', network.subnets.join(','), '1 to 16 subnet ids');
    network.subnets.forEach((subnet, index) => checkText(`networkConfiguration.subnets[${index}]`, subnet, 'a subnet id'));
    if ((network.securityGroups?.length ?? 0) > 5) throw invalidOption('networkConfiguration.securityGroups', network.securityGroups?.join(','), 'at most 5 security group ids');
    network.securityGroups?.forEach((group, index) => checkText(`networkConfiguration.securityGroups[${index}]`, group, 'a security group id'));
  }
  const startedBy = options.startedBy ?? ecsTaskRunnerDefaults.startedBy;
  if (!startedByPattern.test(startedBy)) throw invalidOption('startedBy', startedBy, 'letters, digits, -, _ and /, 1 to 128');
  const describeAfterMs = options.describeAfterMs ?? ecsTaskRunnerDefaults.describeAfterMs;
  checkInteger('describeAfterMs', describeAfterMs, 1000, 3_600_000, ' of ms');
  const stopWaitMs = options.stopWaitMs ?? ecsTaskRunnerDefaults.stopWaitMs;
  checkInteger('stopWaitMs', stopWaitMs, 0, 600_000, ' of ms');
  const capacityRetry = { ...ecsTaskRunnerDefaults.capacityRetry, ...definedOnly(options.capacityRetry ?? {}) };
  checkInteger('capacityRetry.initialMs', capacityRetry.initialMs, 100, 600_000, ' of ms');
  checkInteger('capacityRetry.maxMs', capacityRetry.maxMs, capacityRetry.initialMs, 3_600_000, ' of ms (at least initialMs)');
  checkInteger('capacityRetry.giveUpAfterMs', capacityRetry.giveUpAfterMs, 0, 43_200_000, ' of ms');
  return {
    ...options,
    startedBy,
    tagTasks: options.tagTasks ?? ecsTaskRunnerDefaults.tagTasks,
    describeAfterMs,
    stopWaitMs,
    capacityRetry,
    random: options.random ?? Math.random,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
