/**
 * `watchbot listen` is configured from the environment, as the original's container was:
 * every variable is read and checked here, once, before anything starts, and a bad one is
 * reported in one line naming the variable, the value and what is allowed.
 */
import { isAbsolute, normalize } from 'node:path';
import { WatchbotError, errorCodes, invalidOption } from '@watchbot/core';
import { parseBooleanVariable } from './boolean-variable.js';
import type { LogFormat } from './cli-logger.js';
import type { QueueAddress } from './queue-address.js';
import { parseQueueAddress } from './queue-address.js';
import { parseWholeNumber, watcherRanges } from './whole-number-option.js';
import { checkTableName, jobHistoryDaysRange } from './job-history-options.js';
import { checkWebhookOption } from './webhook-option.js';

/** The variables `listen` reads, with what each one means. */
export const listenVariables = {
  QueueUrl: 'the queue to watch (required): an SQS queue URL, or an embedded queue name, .db path or sqlite:PATH',
  maxJobDuration: 'seconds a worker may run before it is ended as a failure, 0 = no limit (default 0)',
  Volumes: 'comma-separated absolute paths emptied after every job (default: none)',
  structuredLogging: 'true for JSON log lines, false for readable text (default false)',
  writableFilesystem: 'true to process one message and exit, so the container is replaced (default false)',
  Fifo: 'true when the queue is a FIFO queue (default false)',
  concurrency: 'workers at once, 1 to 1000 (default 1)',
  stopTimeout: 'seconds running workers get to finish after SIGTERM before they are ended and their messages released, 0 to 3600 (default 20)',
  WorkTopic: 'the SNS topic ARN, passed to workers (optional)',
  NotificationTopic: 'the SNS topic ARN that rejections, failures and dead letters are published to (optional; SQS queues only)',
  LogGroup: 'the CloudWatch log group, passed to workers (optional)',
  WatchbotJobTable: 'the DynamoDB table job history is recorded in (set by the template with jobTracking; default: a .jobs.db file beside an embedded queue, none for SQS)',
  WatchbotJobHistoryDays: 'days job history is kept, 1 to 3650 (default 14)',
  NotificationWebhook: 'an http(s) URL rejections, failures and dead letters are also POSTed to as JSON (optional)',
} as const;

/** `listen`'s configuration, read from the environment. */
export interface ListenConfig {
  /** The queue to watch (from `QueueUrl`). */
  readonly address: QueueAddress;
  /** Seconds a worker may run; 0 = no limit (from `maxJobDuration`). */
  readonly maxJobDurationSeconds: number;
  /** Folders emptied after every job, absolute and normalised (from `Volumes`). */
  readonly volumes: readonly string[];
  /** Log form (from `structuredLogging`: true → json). */
  readonly logFormat: LogFormat;
  /** Process one message, then exit (from `writableFilesystem`). */
  readonly writableFilesystem: boolean;
  /** Whether the queue is FIFO (from `Fifo`). */
  readonly fifo: boolean;
  /** Workers at once (from `concurrency`). */
  readonly concurrency: number;
  /** Seconds workers get to finish after SIGTERM (from `stopTimeout`). */
  readonly stopTimeoutSeconds: number;
  /** The SNS topic ARN for workers (from `WorkTopic`). */
  readonly workTopic?: string;
  /** The SNS topic ARN for notifications (from `NotificationTopic`). */
  readonly notificationTopic?: string;
  /** The log group for workers (from `LogGroup`). */
  readonly logGroup?: string;
  /** The DynamoDB job-history table (from `WatchbotJobTable`). */
  readonly jobTable?: string;
  /** Days job history is kept (from `WatchbotJobHistoryDays`). */
  readonly jobHistoryDays?: number;
  /** The webhook notifications are also posted to (from `NotificationWebhook`). */
  readonly notificationWebhook?: string;
}

/**
 * Reads and checks `listen`'s variables.
 * @param cwd the directory embedded queue paths are resolved against.
 * @throws WatchbotError INVALID_OPTION naming the first bad variable.
 */
export function readListenEnvironment(env: Readonly<Record<string, string | undefined>>, cwd: string): ListenConfig {
  const queueUrl = nonEmpty(env.QueueUrl);
  if (queueUrl === undefined) {
    throw new WatchbotError(errorCodes.INVALID_OPTION, 'QueueUrl is not set; expected an SQS queue URL, or an embedded queue name, .db path or sqlite:PATH');
  }
  const maxJobDuration = nonEmpty(env.maxJobDuration);
  const concurrency = nonEmpty(env.concurrency);
  const stopTimeout = nonEmpty(env.stopTimeout);
  const workTopic = checkTopicArn('WorkTopic', nonEmpty(env.WorkTopic));
  const notificationTopic = checkTopicArn('NotificationTopic', nonEmpty(env.NotificationTopic));
  const logGroup = nonEmpty(env.LogGroup);
  const jobTable = nonEmpty(env.WatchbotJobTable);
  if (jobTable !== undefined) checkTableName('WatchbotJobTable', jobTable.trim());
  const jobHistoryDays = nonEmpty(env.WatchbotJobHistoryDays);
  const notificationWebhook = nonEmpty(env.NotificationWebhook);
  if (notificationWebhook !== undefined) checkWebhookOption('NotificationWebhook', notificationWebhook.trim());
  const address = parseQueueAddress(queueUrl, cwd, 'QueueUrl');
  const fifo = parseBooleanVariable('Fifo', env.Fifo, false);
  if (address.kind === 'sqs' && fifo !== address.url.replace(/\/$/, '').endsWith('.fifo')) {
    throw new WatchbotError(
      errorCodes.INVALID_OPTION,
      `Fifo: ${JSON.stringify(env.Fifo ?? '')} does not match QueueUrl ${queueUrl}; expected ${fifo ? 'false' : 'true'} (a FIFO queue's name ends in .fifo)`,
    );
  }
  if (notificationTopic !== undefined && address.kind !== 'sqs') {
    throw invalidOption('NotificationTopic', notificationTopic, 'unset for an embedded queue (its notifications are kept in the queue file)');
  }
  return {
    address,
    maxJobDurationSeconds: maxJobDuration === undefined ? 0 : parseWholeNumber('maxJobDuration', maxJobDuration, watcherRanges.maxJobDurationSeconds),
    volumes: parseVolumes(env.Volumes),
    logFormat: parseBooleanVariable('structuredLogging', env.structuredLogging, false) ? 'json' : 'text',
    writableFilesystem: parseBooleanVariable('writableFilesystem', env.writableFilesystem, false),
    fifo,
    concurrency: concurrency === undefined ? 1 : parseWholeNumber('concurrency', concurrency, watcherRanges.concurrency),
    stopTimeoutSeconds: stopTimeout === undefined ? 20 : parseWholeNumber('stopTimeout', stopTimeout, watcherRanges.stopTimeoutSeconds),
    ...(workTopic !== undefined && { workTopic }),
    ...(notificationTopic !== undefined && { notificationTopic }),
    ...(logGroup !== undefined && { logGroup }),
    ...(jobTable !== undefined && { jobTable: jobTable.trim() }),
    ...(jobHistoryDays !== undefined && { jobHistoryDays: parseWholeNumber('WatchbotJobHistoryDays', jobHistoryDays, jobHistoryDaysRange) }),
    ...(notificationWebhook !== undefined && { notificationWebhook: notificationWebhook.trim() }),
  };
}

/** An SNS topic ARN: arn:<partition>:sns:<region>:<account>:<name>. */
const topicArnPattern = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** Checks an optional topic ARN variable. @throws WatchbotError INVALID_OPTION */
export function checkTopicArn(variable: string, value: string | undefined): string | undefined {
  if (value !== undefined && !topicArnPattern.test(value)) {
    throw invalidOption(variable, value, 'an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:jobs');
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Unset or empty `Volumes` means none (the original crashed on a missing `Volumes`). */
function parseVolumes(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const volumes = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const volume of volumes) {
    if (!isAbsolute(volume) || normalize(volume) === '/' || volume.includes('\0')) {
      throw invalidOption('Volumes', raw, 'comma-separated absolute paths other than /, e.g. /tmp,/mnt/data');
    }
  }
  return [...new Set(volumes.map((volume) => normalize(volume).replace(/\/+$/, '')))];
}
