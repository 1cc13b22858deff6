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

/** The variables `listen` reads, with what each one means. */
export const listenVariables = {
  QueueUrl: 'the queue to watch (required): an SQS queue URL, or an embedded queue name, .db path or sqlite:PATH',
  maxJobDuration: 'seconds a worker may run before it is ended as a failure, 0 = no limit (default 0)',
  Volumes: 'comma-separated absolute paths emptied after every job (default: none)',
  structuredLogging: 'true for JSON log lines, false for readable text (default false)',
  writableFilesystem: 'true to process one message and exit, so the container is replaced (default false)',
  Fifo: 'true when the queue is a FIFO queue (default false)',
  concurrency: 'workers at once, 1 to 1000 (default 1)',
  WorkTopic: 'the SNS topic ARN, passed to workers (optional)',
  LogGroup: 'the CloudWatch log group, passed to workers (optional)',
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
  /** The SNS topic ARN for workers (from `WorkTopic`). */
  readonly workTopic?: string;
  /** The log group for workers (from `LogGroup`). */
  readonly logGroup?: string;
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
  const workTopic = nonEmpty(env.WorkTopic);
  const logGroup = nonEmpty(env.LogGroup);
  return {
    address: parseQueueAddress(queueUrl, cwd, 'QueueUrl'),
    maxJobDurationSeconds: maxJobDuration === undefined ? 0 : parseWholeNumber('maxJobDuration', maxJobDuration, watcherRanges.maxJobDurationSeconds),
    volumes: parseVolumes(env.Volumes),
    logFormat: parseBooleanVariable('structuredLogging', env.structuredLogging, false) ? 'json' : 'text',
    writableFilesystem: parseBooleanVariable('writableFilesystem', env.writableFilesystem, false),
    fifo: parseBooleanVariable('Fifo', env.Fifo, false),
    concurrency: concurrency === undefined ? 1 : parseWholeNumber('concurrency', concurrency, watcherRanges.concurrency),
    ...(workTopic !== undefined && { workTopic }),
    ...(logGroup !== undefined && { logGroup }),
  };
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
