/**
 * Checks a whole options object once, up front, and applies the defaults. The input may come
 * from a JSON or YAML file, so nothing about its shape is trusted: the first bad option throws
 * one TemplateError (INVALID_OPTION) naming the option, the value and what is allowed.
 */
import { logRetentionDayValues, templateDefaults } from './defaults.js';
import { readBoolean, readInteger, readObject, readString } from './option-readers.js';
import type { WatchbotOptions } from './options.js';
import type { ResolvedOptions } from './resolved-options.js';
import { invalidOption } from './template-error.js';
import { readCompute, readFilesystem, readNetwork, readVolumes } from './validate-compute.js';
import { readCluster, readCommand, readEnvironment, readImage, readKmsKeyArns, readSecrets } from './validate-container.js';
import { readAlarms, readJobTracking, readNotifications, readPermissions, readWebhook } from './validate-features.js';
import { readTaskMode } from './validate-task-mode.js';

/** Every option `template()` accepts, in the order the docs list them. */
export const optionNames = [
  'serviceName', 'cluster', 'image', 'command', 'prefix', 'environment', 'secrets', 'secretsKmsKeyArns',
  'capacity', 'cpu', 'memoryMiB', 'memoryReservationMiB', 'ephemeralStorageGiB', 'cpuArchitecture', 'volumes',
  'privileged', 'readonlyRootFilesystem', 'writableFilesystem', 'subnets', 'securityGroups', 'assignPublicIp',
  'concurrency', 'minTasks', 'maxTasks', 'scaleOutCooldownSeconds', 'scaleInAfterIdleMinutes',
  'maxJobDurationSeconds', 'stopTimeoutSeconds', 'visibilityTimeoutSeconds', 'deadLetterThreshold',
  'messageRetentionSeconds', 'fifo', 'notifications', 'logRetentionDays', 'alarms', 'reduceMode',
  'jobTracking', 'taskMode', 'webhook', 'permissions', 'dashboard',
] as const satisfies readonly (keyof WatchbotOptions)[];

/**
 * Validates `input` as {@link WatchbotOptions} and applies every default.
 * @throws TemplateError INVALID_OPTION for the first bad option.
 */
export function validateOptions(input: WatchbotOptions | unknown): ResolvedOptions {
  const options = readObject('', input, optionNames);
  const required = ['serviceName', 'cluster', 'image', 'command'] as const;
  for (const name of required) {
    if (options[name] === undefined) throw invalidOption(name, undefined, `a value: ${required.join(', ')} are required`);
  }
  const serviceName = readString('serviceName', options.serviceName, /^[A-Za-z][A-Za-z0-9-]{0,39}$/, 'letters, digits and -, 1 to 40, starting with a letter');
  const prefix = options.prefix === undefined ? templateDefaults.prefix : readString('prefix', options.prefix, /^[A-Za-z][A-Za-z0-9]{0,63}$/, 'letters and digits, 1 to 64, starting with a letter');
  const environment = readEnvironment(options.environment);
  const compute = readCompute(options);
  const fifo = readBoolean('fifo', options.fifo, templateDefaults.fifo);
  const minTasks = readInteger('minTasks', options.minTasks, { min: 0, max: 1000 }, templateDefaults.minTasks);
  const maxTasks = readInteger('maxTasks', options.maxTasks, { min: Math.max(1, minTasks), max: 1000, unit: 'tasks (at least minTasks)' }, Math.max(templateDefaults.maxTasks, minTasks));
  const network = readNetwork(options, compute.capacity);
  const jobTracking = readJobTracking(options.jobTracking);
  const webhook = readWebhook(options.webhook, fifo);
  const taskMode = readTaskMode(options.taskMode);
  const logRetentionDays = readInteger('logRetentionDays', options.logRetentionDays, { min: 1, max: 3653, unit: 'days' }, templateDefaults.logRetentionDays);
  if (!(logRetentionDayValues as readonly number[]).includes(logRetentionDays)) {
    throw invalidOption('logRetentionDays', logRetentionDays, `one of CloudWatch Logs' values: ${logRetentionDayValues.join(', ')}`);
  }
  const resolved: ResolvedOptions = {
    serviceName,
    prefix,
    cluster: readCluster(options.cluster),
    image: readImage(options.image),
    command: readCommand(options.command),
    environment,
    secrets: readSecrets(options.secrets, environment),
    secretsKmsKeyArns: readKmsKeyArns(options.secretsKmsKeyArns),
    ...compute,
    volumes: readVolumes(options.volumes, compute.capacity),
    ...readFilesystem(options),
    ...(network !== undefined && { network }),
    concurrency: readInteger('concurrency', options.concurrency, { min: 1, max: 1000 }, templateDefaults.concurrency),
    minTasks,
    maxTasks,
    scaleOutCooldownSeconds: readInteger('scaleOutCooldownSeconds', options.scaleOutCooldownSeconds, { min: 0, max: 3600, unit: 'seconds' }, templateDefaults.scaleOutCooldownSeconds),
    scaleInAfterIdleMinutes: readInteger('scaleInAfterIdleMinutes', options.scaleInAfterIdleMinutes, { min: 1, max: 1440, unit: 'minutes' }, templateDefaults.scaleInAfterIdleMinutes),
    maxJobDurationSeconds: readInteger('maxJobDurationSeconds', options.maxJobDurationSeconds, { min: 0, max: 43_200, unit: 'seconds' }, templateDefaults.maxJobDurationSeconds),
    stopTimeoutSeconds: readInteger('stopTimeoutSeconds', options.stopTimeoutSeconds, { min: 0, max: 110, unit: 'seconds' }, templateDefaults.stopTimeoutSeconds),
    visibilityTimeoutSeconds: readInteger('visibilityTimeoutSeconds', options.visibilityTimeoutSeconds, { min: 30, max: 43_200, unit: 'seconds' }, templateDefaults.visibilityTimeoutSeconds),
    deadLetterThreshold: readInteger('deadLetterThreshold', options.deadLetterThreshold, { min: 1, max: 1000, unit: 'receives' }, templateDefaults.deadLetterThreshold),
    messageRetentionSeconds: readInteger('messageRetentionSeconds', options.messageRetentionSeconds, { min: 60, max: 1_209_600, unit: 'seconds' }, templateDefaults.messageRetentionSeconds),
    fifo,
    notifications: readNotifications(options.notifications),
    logRetentionDays,
    alarms: readAlarms(options.alarms),
    reduceMode: readBoolean('reduceMode', options.reduceMode, templateDefaults.reduceMode),
    ...(jobTracking !== undefined && { jobTracking }),
    ...(taskMode !== undefined && { taskMode }),
    ...(webhook !== undefined && { webhook }),
    permissions: readPermissions(options.permissions),
    dashboard: readBoolean('dashboard', options.dashboard, templateDefaults.dashboard),
  };
  if (resolved.taskMode !== undefined && resolved.writableFilesystem) {
    throw invalidOption('writableFilesystem', true, 'false with taskMode (every message already runs in a fresh task; readonlyRootFilesystem: false gives workers a writable root)');
  }
  return resolved;
}
