/**
 * ECS-task mode's settings as `run` takes them (`--task-mode` and the `--task-*` flags) and as
 * `listen` reads them (the `WatchbotTask*` variables the template sets). Both go through
 * @watchbot/ecs-task-mode's one reader, so both accept exactly the same values; a bad flag is
 * reported under the flag's own name. The package is loaded only when task mode is asked for.
 */
import { WatchbotError, errorCodes, isWatchbotError } from '@watchbot/core';
import type { TaskModeSettings } from '@watchbot/ecs-task-mode';
import { parseBooleanVariable } from './boolean-variable.js';
import type { ParsedArguments } from './command-definition.js';
import { readBoolean, readString } from './parsed-arguments.js';
import type { QueueAddress } from './queue-address.js';
import { parseQueueAddress } from './queue-address.js';
import { UsageError } from './usage-error.js';

/** Task mode, checked: where task events arrive, and what each message runs as. */
export interface TaskModeConfig {
  /** The queue the tasks' state changes arrive on. */
  readonly eventsQueue: QueueAddress;
  /** The flag or variable that named it, for messages. */
  readonly eventsQueueOption: string;
  /** The ECS settings: cluster, task definition, container, launch type or capacity providers, network, startedBy. */
  readonly runner: TaskModeSettings['runner'];
}

/** `run`'s task-mode flags, each with the variable it stands for. */
export const taskModeFlags = {
  'task-cluster': 'WatchbotTaskCluster',
  'task-definition': 'WatchbotTaskDefinition',
  'task-container': 'WatchbotTaskContainer',
  'task-events-queue': 'WatchbotTaskEventsQueueUrl',
  'task-launch-type': 'WatchbotTaskLaunchType',
  'task-capacity-provider': 'WatchbotTaskCapacityProviders',
  'task-subnets': 'WatchbotTaskSubnets',
  'task-security-groups': 'WatchbotTaskSecurityGroups',
  'task-public-ip': 'WatchbotTaskAssignPublicIp',
} as const;

/** The yargs options of task mode, for `run`. */
export const taskModeOptions = {
  'task-mode': { type: 'boolean', describe: 'run each message as its own ECS task (no worker command: the task definition has it)' },
  'task-cluster': { requiresArg: true, describe: 'task mode: the ECS cluster, name or ARN' },
  'task-definition': { requiresArg: true, describe: 'task mode: the task definition each message runs, family[:revision] or ARN' },
  'task-container': { requiresArg: true, describe: 'task mode: the container whose exit code settles the message' },
  'task-events-queue': { requiresArg: true, describe: "task mode: the queue the tasks' state changes arrive on (the stack's WatchbotTaskEventsQueueUrl)" },
  'task-launch-type': { requiresArg: true, describe: 'task mode: FARGATE, EC2 or EXTERNAL (not with --task-capacity-provider)', defaultDescription: "the cluster's default" },
  'task-capacity-provider': { requiresArg: true, describe: 'task mode: NAME[:WEIGHT[:BASE]], repeatable, e.g. FARGATE_SPOT:4 --task-capacity-provider FARGATE:1:2' },
  'task-subnets': { requiresArg: true, describe: 'task mode: comma-separated subnet ids (awsvpc; required on Fargate)' },
  'task-security-groups': { requiresArg: true, describe: 'task mode: comma-separated security group ids (with --task-subnets)' },
  'task-public-ip': { type: 'boolean', describe: 'task mode: give each task a public IP (with --task-subnets)' },
} as const;

/** The flags task mode cannot do without, besides the events queue. */
const requiredFlags = {
  'task-cluster': 'the ECS cluster tasks run in, name or ARN',
  'task-definition': 'the task definition each message runs, family[:revision] or ARN',
  'task-container': 'the container in it whose exit code settles the message',
} as const;

type Environment = Readonly<Record<string, string | undefined>>;

/** Every value a repeatable flag was given, in order. */
function readAll(args: ParsedArguments, name: string): string[] {
  const given = args[name];
  const values = Array.isArray(given) ? given : given === undefined ? [] : [given];
  return values.map(String);
}

/** Reads the variables through the package's reader, naming flags instead of variables when `flags` says so. */
async function readSettings(env: Environment, flags: boolean): Promise<TaskModeSettings | undefined> {
  const { readTaskModeEnvironment } = await import('@watchbot/ecs-task-mode');
  try {
    return readTaskModeEnvironment(env);
  } catch (error) {
    if (!flags || !isWatchbotError(error, errorCodes.INVALID_OPTION)) throw error;
    const renamed = Object.entries(taskModeFlags).reduce((text, [flag, variable]) => text.replaceAll(variable, `--${flag}`), error.message);
    throw new WatchbotError(errorCodes.INVALID_OPTION, renamed, { cause: error });
  }
}

/**
 * `run`'s task mode from its flags.
 * @param hasCommand whether a worker command was given (task mode takes none).
 * @returns undefined without `--task-mode`.
 * @throws UsageError for a task flag without --task-mode, a worker command, or a missing events
 *   queue; WatchbotError INVALID_OPTION naming the flag for a bad value.
 */
export async function readRunTaskMode(args: ParsedArguments, cwd: string, hasCommand: boolean): Promise<TaskModeConfig | undefined> {
  const given = Object.keys(taskModeFlags).filter((flag) => args[flag] !== undefined && args[flag] !== false);
  if (!readBoolean(args, 'task-mode')) {
    if (given.length > 0) throw new UsageError(`run: --${given[0]} goes with --task-mode`);
    return undefined;
  }
  if (hasCommand) {
    throw new UsageError('run: --task-mode runs each message as an ECS task of --task-definition, whose container has the command; give no worker command after --');
  }
  const eventsQueue = readString(args, 'task-events-queue');
  if (eventsQueue === undefined) {
    throw new UsageError("run: --task-mode needs --task-events-queue: the queue the tasks' state changes arrive on (the stack's WatchbotTaskEventsQueueUrl output)");
  }
  for (const [flag, what] of Object.entries(requiredFlags)) {
    if (readString(args, flag) === undefined) throw new UsageError(`run: --task-mode needs --${flag}: ${what}`);
  }
  const env: Record<string, string> = { WatchbotTaskMode: 'true' };
  for (const [flag, variable] of Object.entries(taskModeFlags)) {
    if (flag === 'task-public-ip') continue;
    const values = flag === 'task-capacity-provider' ? readAll(args, flag) : [readString(args, flag)].filter((value) => value !== undefined);
    if (values.length > 0) env[variable] = values.join(',');
  }
  if (readBoolean(args, 'task-public-ip')) env.WatchbotTaskAssignPublicIp = 'true';
  const settings = await readSettings(env, true);
  if (settings === undefined) return undefined;
  return { eventsQueue: parseQueueAddress(eventsQueue, cwd, '--task-events-queue'), eventsQueueOption: '--task-events-queue', runner: settings.runner };
}

/**
 * `listen`'s task mode from its environment (`WatchbotTaskMode=true` and the `WatchbotTask*` variables).
 * @returns undefined unless `WatchbotTaskMode` is true.
 * @throws WatchbotError INVALID_OPTION naming the first bad variable.
 */
export async function readListenTaskMode(env: Environment, cwd: string): Promise<TaskModeConfig | undefined> {
  // Checked here first, so the package (and the AWS SDK with it) is loaded only in task mode.
  if (!parseBooleanVariable('WatchbotTaskMode', env.WatchbotTaskMode, false)) return undefined;
  const settings = await readSettings(env, false);
  if (settings === undefined) return undefined;
  return { eventsQueue: parseQueueAddress(settings.eventsQueueUrl, cwd, 'WatchbotTaskEventsQueueUrl'), eventsQueueOption: 'WatchbotTaskEventsQueueUrl', runner: settings.runner };
}
