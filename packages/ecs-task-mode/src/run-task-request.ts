/**
 * The RunTask request for one message: one task, the worker's variables as the container's
 * environment override, marked so the task can be found again. ECS limits a request's
 * overrides to 8192 characters of JSON in total, so a large body cannot travel this way: that
 * fails here, clearly, before any call.
 */
import type { KeyValuePair, RunTaskCommandInput, TaskOverride } from '@aws-sdk/client-ecs';
import type { WorkMessage } from '@watchbot/core';
import { toWorkerEnvironment } from '@watchbot/core';
import { EcsTaskModeError, ecsTaskModeErrorCodes } from './ecs-task-mode-error.js';
import type { ResolvedEcsTaskRunnerOptions } from './ecs-task-runner-options.js';

/** The most RunTask's `overrides` may hold, as JSON, in bytes (ECS: 8192 characters, JSON included). */
export const maxOverridesBytes = 8192;

/** The tag that names the message a task runs. */
export const messageIdTagKey = 'watchbot:message-id';

/** A RunTask request, and what could not be passed as usual (one line each). */
export interface RunTaskRequest {
  readonly input: RunTaskCommandInput;
  readonly warnings: readonly string[];
}

/**
 * Builds the request for `message`.
 * @param clientToken RunTask's idempotency token (1 to 64 printable ASCII characters).
 * @throws EcsTaskModeError OVERRIDES_TOO_LARGE when the variables do not fit the overrides.
 */
export function buildRunTaskRequest(options: ResolvedEcsTaskRunnerOptions, message: WorkMessage, clientToken: string): RunTaskRequest {
  const { overrides, warnings } = buildOverrides(options, message);
  const network = options.networkConfiguration;
  const input: RunTaskCommandInput = {
    cluster: options.cluster,
    taskDefinition: options.taskDefinition,
    count: 1,
    startedBy: options.startedBy,
    clientToken,
    overrides,
    ...(options.launchType !== undefined && { launchType: options.launchType }),
    ...(options.capacityProviderStrategy !== undefined && {
      capacityProviderStrategy: options.capacityProviderStrategy.map((item) => ({
        capacityProvider: item.capacityProvider,
        ...(item.weight !== undefined && { weight: item.weight }),
        ...(item.base !== undefined && { base: item.base }),
      })),
    }),
    ...(network !== undefined && {
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: [...network.subnets],
          ...(network.securityGroups !== undefined && network.securityGroups.length > 0 && { securityGroups: [...network.securityGroups] }),
          assignPublicIp: network.assignPublicIp === true ? 'ENABLED' : 'DISABLED',
        },
      },
    }),
    ...(options.platformVersion !== undefined && { platformVersion: options.platformVersion }),
    ...(options.group !== undefined && { group: options.group }),
    ...(options.tagTasks && { tags: [{ key: messageIdTagKey, value: toTagValue(message.id) }] }),
  };
  return { input, warnings };
}

function buildOverrides(options: ResolvedEcsTaskRunnerOptions, message: WorkMessage): { overrides: TaskOverride; warnings: string[] } {
  if (message.body.includes('\0')) {
    throw new EcsTaskModeError(ecsTaskModeErrorCodes.OVERRIDES_TOO_LARGE, 'the body contains a NUL byte, which no container environment variable can hold: it cannot run as an ECS task');
  }
  const warnings: string[] = [];
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.environment?.(message) ?? {})) {
    if (name === '' || name.includes('=') || name.includes('\0') || typeof value !== 'string' || value.includes('\0')) {
      warnings.push(`the extra variable ${JSON.stringify(name)} was left out: names may not be empty or hold "=", and no name or value may hold a NUL byte`);
      continue;
    }
    extra[name] = value;
  }
  const worker = toWorkerEnvironment(message, '');
  if (worker.variables.MessageOnlyInFile === 'true') throw tooLarge(Buffer.byteLength(message.body, 'utf8'), undefined);
  warnings.push(...worker.warnings);
  // A task has no file from the watcher: the body travels in Message alone.
  const { MessageFile: _file, MessageOnlyInFile: _onlyInFile, ...workerVariables } = worker.variables;
  const variables = { ...extra, ...workerVariables };
  const environment: KeyValuePair[] = Object.keys(variables)
    .sort()
    .map((name) => ({ name, value: variables[name]! }));
  const overrides: TaskOverride = { containerOverrides: [{ name: options.containerName, environment }] };
  const bytes = Buffer.byteLength(JSON.stringify(overrides), 'utf8');
  if (bytes > maxOverridesBytes) {
    const escapedBodyBytes = Buffer.byteLength(JSON.stringify(message.body), 'utf8') - 2;
    throw tooLarge(bytes, Math.max(0, maxOverridesBytes - (bytes - escapedBodyBytes)));
  }
  return { overrides, warnings };
}

function tooLarge(bytes: number, roomBytes: number | undefined): EcsTaskModeError {
  const room = roomBytes === undefined ? '' : `; with this message's other variables the body may hold about ${roomBytes} bytes (JSON-escaped)`;
  return new EcsTaskModeError(
    ecsTaskModeErrorCodes.OVERRIDES_TOO_LARGE,
    `the message is too large for an ECS task: its variables need ${bytes} bytes of RunTask overrides and ECS accepts at most ${maxOverridesBytes}${room}. ` +
      'Send a reference (an S3 key, say) instead of the content',
  );
}

/** A tag value ECS accepts: letters, digits, spaces and + - = . _ : / @, at most 256 characters. */
function toTagValue(value: string): string {
  return value.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_').slice(0, 256);
}
