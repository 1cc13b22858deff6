/**
 * What `watchbot dead-letter` was asked to do: the action, the ids and the options, each checked
 * before any queue is opened, so a mistake costs one line and no request.
 */
import { invalidOption } from '@watchbot/core';
import type { CliIo } from './cli-io.js';
import type { ParsedArguments } from './command-definition.js';
import { readBoolean, readRest, readString, readWholeNumber } from './parsed-arguments.js';
import { parseQueueAddress } from './queue-address.js';
import { UsageError } from './usage-error.js';

/** The actions, in the order the help lists them. */
export const deadLetterActions = ['list', 'show', 'replay', 'delete', 'purge', 'write-out', 'triage'] as const;

/** One of {@link deadLetterActions}. */
export type DeadLetterAction = (typeof deadLetterActions)[number];

/** The most dead letters one `list` shows. */
export const maxListLimit = 10_000;

/** The options that belong to one action or a few; any other action refuses them. */
const actionOptions = { limit: ['list'], json: ['list', 'show'], all: ['replay'], yes: ['purge'], file: ['write-out'] } as const satisfies Record<string, readonly DeadLetterAction[]>;

/** A checked request. */
export interface DeadLetterRequest {
  readonly action: DeadLetterAction;
  /** The message ids (show: exactly one; replay without --all, delete: at least one; others: none). */
  readonly ids: readonly string[];
  /** list: how many to show (default 50). */
  readonly limit: number;
  /** list, show: print JSON. */
  readonly json: boolean;
  /** replay: everything. */
  readonly all: boolean;
  /** purge: do not ask. */
  readonly yes: boolean;
  /** write-out: the new file to write, as given. */
  readonly file?: string;
  /** SQS: the dead-letter queue named with --dead-letter-queue. */
  readonly deadLetterQueueUrl?: string;
}

/**
 * Reads and checks the request.
 * @throws UsageError or WatchbotError INVALID_OPTION: one line naming what is wrong.
 */
export function readDeadLetterRequest(args: ParsedArguments, io: CliIo): DeadLetterRequest {
  const action = readAction(args);
  const ids = readRest(args, 'ids');
  for (const [option, actions] of Object.entries(actionOptions)) {
    const given = args[option] !== undefined && args[option] !== false;
    if (given && !(actions as readonly string[]).includes(action)) {
      throw new UsageError(`dead-letter ${action}: --${option} does not apply here; it goes with ${actions.join(' and ')}`);
    }
  }
  const blank = ids.find((id) => id.trim() === '');
  if (blank !== undefined) throw invalidOption('ID', blank, 'a message id');
  const all = readBoolean(args, 'all');
  if (action === 'show' && ids.length !== 1) throw new UsageError(`dead-letter show: give one message id (got ${ids.length})`);
  if (action === 'replay' && all === ids.length > 0) {
    throw new UsageError(all ? 'dead-letter replay: give message ids or --all, not both' : 'dead-letter replay: give the ids of the messages to replay, or --all');
  }
  if (action === 'delete' && ids.length === 0) throw new UsageError('dead-letter delete: give the ids of the messages to delete (purge removes them all)');
  if (!['show', 'replay', 'delete'].includes(action) && ids.length > 0) {
    throw new UsageError(`dead-letter ${action} takes no message ids (got ${ids.join(' ')})`);
  }
  const file = readString(args, 'file');
  const deadLetterQueueUrl = readDeadLetterQueueUrl(args, io);
  return {
    action,
    ids,
    limit: readWholeNumber(args, 'limit', { min: 1, max: maxListLimit }, 50),
    json: readBoolean(args, 'json'),
    all,
    yes: readBoolean(args, 'yes'),
    ...(file !== undefined && { file }),
    ...(deadLetterQueueUrl !== undefined && { deadLetterQueueUrl }),
  };
}

function readAction(args: ParsedArguments): DeadLetterAction {
  const given = readString(args, 'action');
  if (given === undefined) return 'triage';
  if (!(deadLetterActions as readonly string[]).includes(given)) {
    throw new UsageError(`dead-letter: unknown action ${JSON.stringify(given)}; expected one of ${deadLetterActions.join(', ')}`);
  }
  return given as DeadLetterAction;
}

function readDeadLetterQueueUrl(args: ParsedArguments, io: CliIo): string | undefined {
  const value = readString(args, 'dead-letter-queue');
  if (value === undefined) return undefined;
  if (readString(args, 'stack') !== undefined) throw new UsageError('give --dead-letter-queue or --stack, not both (the stack names its dead-letter queue)');
  const address = parseQueueAddress(value, io.cwd, '--dead-letter-queue');
  if (address.kind !== 'sqs') throw invalidOption('--dead-letter-queue', value, 'an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dead-letter');
  if (readString(args, 'queue') === undefined) {
    throw new UsageError('--dead-letter-queue needs --queue: the SQS queue replayed messages go to');
  }
  return address.url;
}
