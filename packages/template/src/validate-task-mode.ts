/**
 * Validation of `taskMode`: `true` (the template makes the worker task definition), or an
 * existing task definition with its worker container and the roles the watcher may pass.
 */
import { readArray, readObject, readString, readStringValue } from './option-readers.js';
import type { ResolvedTaskMode } from './resolved-options.js';
import { invalidOption } from './template-error.js';

/** The worker container's name in the task definition the template makes. */
export const workerContainerName = 'worker';

const taskDefinitionArnPattern = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}(?::\d+)?$/;
const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** `taskMode`: true, or settings naming an existing task definition. */
export function readTaskMode(value: unknown): ResolvedTaskMode | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { containerName: workerContainerName, roleArns: [] };
  const settings = readObject('taskMode', value, ['taskDefinitionArn', 'containerName', 'roleArns']);
  if (settings.taskDefinitionArn === undefined) {
    for (const name of ['containerName', 'roleArns'] as const) {
      if (settings[name] !== undefined) throw invalidOption(`taskMode.${name}`, settings[name], 'no value without taskMode.taskDefinitionArn (the template knows its own worker task definition)');
    }
    return { containerName: workerContainerName, roleArns: [] };
  }
  const taskDefinitionArn = readStringValue(
    'taskMode.taskDefinitionArn',
    settings.taskDefinitionArn,
    taskDefinitionArnPattern,
    'a task definition ARN such as "arn:aws:ecs:us-east-1:123456789012:task-definition/worker:3"',
  );
  if (settings.containerName === undefined) throw invalidOption('taskMode.containerName', undefined, "the name of the worker's container in taskMode.taskDefinitionArn");
  const containerName = readString('taskMode.containerName', settings.containerName, /^[A-Za-z0-9_-]{1,255}$/, 'a container name: letters, digits, - and _, up to 255');
  if (settings.roleArns === undefined) {
    throw invalidOption('taskMode.roleArns', undefined, 'the IAM role ARNs taskMode.taskDefinitionArn uses (task role, execution role), or [] when it uses none');
  }
  const roleArns = Array.isArray(settings.roleArns) && settings.roleArns.length === 0 ? [] : readArray('taskMode.roleArns', settings.roleArns, 2, (path, item) =>
    readStringValue(path, item, roleArnPattern, 'an IAM role ARN such as "arn:aws:iam::123456789012:role/worker-task"'),
  );
  return { taskDefinitionArn, containerName, roleArns };
}
