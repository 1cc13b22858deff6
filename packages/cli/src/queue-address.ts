/**
 * Queue addresses: what `--queue` (and `listen`'s `QueueUrl`) may name, and where that is.
 *
 * | written as                          | means                              |
 * | ----------------------------------- | ---------------------------------- |
 * | (omitted)                           | `./.watchbot/default.db`           |
 * | `jobs` (letters, digits, - _; ≤ 80) | `./.watchbot/jobs.db`              |
 * | `sqlite:PATH`, `a/b`, `jobs.db`     | that SQLite file                   |
 * | `https://sqs.…/123/jobs`            | an SQS queue (see open-queue.ts)   |
 *
 * Relative paths are resolved against the current directory.
 */
import { join, resolve } from 'node:path';
import { invalidOption } from '@watchbot/core';

/** A queue name that maps to `./.watchbot/<name>.db`. */
const queueNamePattern = /^[A-Za-z0-9_-]{1,80}$/;

/** An SQS queue URL: any host (regional endpoints, VPC endpoints, emulators), then /<account>/<name>. */
const sqsQueueUrlPattern = /^https?:\/\/[^/\s]+\/\d{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?\/?$/;

/** The name used when no queue is given. */
export const defaultQueueName = 'default';

/** The folder, under the current directory, that holds named queues. */
export const queueDirectoryName = '.watchbot';

/** An embedded SQLite queue. */
export interface SqliteQueueAddress {
  readonly kind: 'sqlite';
  /** The absolute path of the database file. */
  readonly path: string;
  /** How to name it to the user: the queue name for named queues, else the path as given. */
  readonly label: string;
}

/** An SQS queue, named by its URL. */
export interface SqsQueueAddress {
  readonly kind: 'sqs';
  /** The queue URL as given. */
  readonly url: string;
  /** The URL, for messages. */
  readonly label: string;
}

/** Where a queue lives. */
export type QueueAddress = SqliteQueueAddress | SqsQueueAddress;

/**
 * Parses a queue address.
 * @param value the address as written; undefined means the default queue.
 * @param cwd the directory relative paths and named queues are resolved against.
 * @param option the flag or variable it came from, for the error message. Default "--queue".
 * @throws WatchbotError INVALID_OPTION naming `option`, the value and what is accepted.
 */
export function parseQueueAddress(value: string | undefined, cwd: string, option = '--queue'): QueueAddress {
  if (value === undefined) return namedQueue(defaultQueueName, cwd);
  if (/^https?:\/\//i.test(value)) {
    if (!sqsQueueUrlPattern.test(value)) {
      throw invalidOption(option, value, 'an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    }
    return { kind: 'sqs', url: value, label: value };
  }
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.trim() === '') throw invalid(option, value);
    return { kind: 'sqlite', path: resolve(cwd, path), label: path };
  }
  if (queueNamePattern.test(value)) return namedQueue(value, cwd);
  if (value.trim() !== '' && !value.includes('\0') && (value.includes('/') || value.endsWith('.db'))) {
    return { kind: 'sqlite', path: resolve(cwd, value), label: value };
  }
  throw invalid(option, value);
}

function namedQueue(name: string, cwd: string): SqliteQueueAddress {
  return { kind: 'sqlite', path: join(resolve(cwd), queueDirectoryName, `${name}.db`), label: name };
}

function invalid(option: string, value: string): Error {
  return invalidOption(
    option,
    value,
    'a queue name (letters, digits, - and _, up to 80), a .db path, sqlite:PATH or an SQS queue URL',
  );
}

/**
 * The address as workers receive it in `QueueUrl`: the SQS URL, or `sqlite:<absolute path>`,
 * which `watchbot send --queue "$QueueUrl"` accepts from any directory.
 */
export function toQueueUrl(address: QueueAddress): string {
  return address.kind === 'sqs' ? address.url : `sqlite:${address.path}`;
}
