/**
 * `watchbot dead-letter`: inspect the messages that failed too often, replay the ones a fix has
 * cured, delete the rest — on the embedded queue or on SQS, named by --queue or --stack. Without
 * an action, on a terminal: interactive triage, one message at a time.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { DeadLetterActionResult } from '@watchbot/core';
import type { CliIo } from '../cli-io.js';
import type { CommandDefinition, ParsedArguments } from '../command-definition.js';
import { maxListLimit, readDeadLetterRequest } from '../dead-letter-request.js';
import { formatDeadLetterDetails, formatDeadLetterTable, toDeadLetterRecord } from '../format-dead-letter.js';
import { createLineReader, isTerminal } from '../line-reader.js';
import { openDeadLetterQueue } from '../open-dead-letter-queue.js';
import type { OpenedDeadLetters } from '../open-dead-letter-queue.js';
import { createProgressBar } from '../progress-bar.js';
import { queueLocationOptions, resolveQueueLocation } from '../queue-location.js';
import { showQueueJobHistory } from '../show-queue-job-history.js';
import type { QueueHistoryContext } from '../show-queue-job-history.js';
import { runTriage } from '../triage.js';
import { UsageError, toOneLine } from '../usage-error.js';
import { writeOutDeadLetters } from '../write-out-dead-letters.js';

/** What the command can be given by its embedder. */
export interface DeadLetterCommandOptions {
  /**
   * The job history of a message id, as `watchbot jobs show <id>` prints it, for triage's
   * "history" choice; `queue` says which queue is being triaged (`watchbot` passes
   * `showQueueJobHistory`, which reads the history beside it). Absent: triage answers "no job history".
   */
  readonly showHistory?: (id: string, queue: QueueHistoryContext) => Promise<string>;
}

/** SQS: how long write-out and triage hold each message they meet, in seconds (a list holds for the adapter's 60). */
const longHoldSeconds = 600;

/** Creates the `dead-letter` command. */
export function createDeadLetterCommand(options: DeadLetterCommandOptions = {}): CommandDefinition {
  return {
    name: 'dead-letter',
    command: 'dead-letter [action] [ids..]',
    describe: 'List, show, replay, delete, purge or write out dead-lettered messages; triage them one by one',
    configure: (yargs) =>
      yargs
        .usage(
          [
            '$0 dead-letter [list|show|replay|delete|purge|write-out|triage] [ID…] [options]',
            '',
            'Messages a worker failed --max-receives times are dead-lettered: kept aside, not run again.',
            '  list               id, sent, receives, dead-lettered at, subject and body of each',
            '  show ID            one dead letter, whole',
            '  replay ID… | --all send back to the work queue (same body, subject, group), then remove',
            '  delete ID…         remove for good',
            '  purge              remove every dead letter (asks first; --yes when not on a terminal)',
            '  write-out          every dead letter as a JSON line; they stay where they are',
            '  triage             the default on a terminal: one at a time, replay/leave/delete/stop',
          ].join('\n'),
        )
        .positional('action', { describe: 'what to do', type: 'string' })
        .positional('ids', { describe: 'message ids (show, replay, delete)', type: 'string' })
        .options({
          ...queueLocationOptions,
          'dead-letter-queue': { requiresArg: true, describe: "SQS: the dead-letter queue's URL, when not the one --queue's redrive policy names" },
          limit: { requiresArg: true, describe: `list: how many to show, 1 to ${maxListLimit.toLocaleString('en-US')}`, defaultDescription: '50' },
          json: { type: 'boolean', describe: 'list, show: print JSON (full bodies) instead of text' },
          all: { type: 'boolean', describe: 'replay: every dead letter there is when it starts' },
          yes: { type: 'boolean', describe: 'purge: do not ask for confirmation' },
          file: { requiresArg: true, describe: 'write-out: write to this new file instead of standard output' },
        })
        .example('$0 dead-letter', 'triage the dead letters of ./.watchbot/default.db, one at a time')
        .example('$0 dead-letter list --queue jobs', 'the dead letters of ./.watchbot/jobs.db')
        .example('$0 dead-letter replay --all --stack my-service --region us-east-1', "replay every dead letter of a stack's queue")
        .example('$0 dead-letter write-out --file dead.ndjson && $0 dead-letter purge --yes', 'keep a copy, then empty the dead letters')
        .epilog('Exit status: 0 done, 1 when any message failed or a queue could not be reached, 2 on a usage error.'),
    execute: (args, io) => executeDeadLetter(args, io, options),
  };
}

/** The `dead-letter` command, whose triage shows the job history beside the queue. */
export const deadLetterCommand: CommandDefinition = createDeadLetterCommand({ showHistory: showQueueJobHistory });

async function executeDeadLetter(args: ParsedArguments, io: CliIo, options: DeadLetterCommandOptions): Promise<number> {
  const request = readDeadLetterRequest(args, io);
  const { action } = request;
  const stdin = io.stdin ?? process.stdin;
  // Refused before anything is opened: there is no one to answer.
  if (action === 'triage' && !isTerminal(stdin)) {
    throw new UsageError('dead-letter: triage asks questions, and standard input is not a terminal; use dead-letter list, show, replay or delete');
  }
  if (action === 'purge' && !request.yes && !isTerminal(stdin)) {
    throw new UsageError('dead-letter purge: standard input is not a terminal, so there is no one to confirm; add --yes to purge without asking');
  }
  const location = await resolveQueueLocation(args, io);
  const deadLetterQueueUrl = request.deadLetterQueueUrl ?? location.stack?.deadLetterQueueUrl;
  const opened = await openDeadLetterQueue({
    address: location.address,
    ...(deadLetterQueueUrl !== undefined && { deadLetterQueueUrl }),
    // SQS: a write-out holds every message until it ends, and triage waits on a person: hold longer than a list does.
    ...((action === 'write-out' || action === 'triage') && { holdSeconds: longHoldSeconds }),
  });
  try {
    switch (action) {
      case 'list':
        return await list(opened, request.limit, request.json, io);
      case 'show':
        return await show(opened, request.ids[0] ?? '', request.json, io);
      case 'replay':
      case 'delete':
        return await act(opened, action, request.all ? 'all' : request.ids, io);
      case 'purge':
        return await purge(opened, request.yes, io);
      case 'write-out': {
        const written = await writeOutDeadLetters(opened.deadLetters, request.file, io);
        // The lines own stdout; the summary goes to stderr.
        io.stderr.write(`wrote ${written} dead letter${written === 1 ? '' : 's'} of ${opened.label} to ${request.file ?? 'standard output'}; they are still dead letters\n`);
        return 0;
      }
      case 'triage': {
        const { showHistory } = options;
        const context: QueueHistoryContext = { args, io, location };
        return await triage(opened, io, showHistory === undefined ? undefined : (id) => showHistory(id, context));
      }
    }
  } finally {
    await opened.deadLetters.close();
  }
}

async function list({ deadLetters, label, kind }: OpenedDeadLetters, limit: number, json: boolean, io: CliIo): Promise<number> {
  const letters = await deadLetters.list(limit);
  if (json) {
    io.stdout.write(`${JSON.stringify(letters.map(toDeadLetterRecord))}\n`);
    return 0;
  }
  const total = await deadLetters.count();
  if (letters.length === 0) {
    io.stdout.write(`no dead letters in ${label}\n`);
    return 0;
  }
  const about = kind === 'sqs' ? ' (approximate: SQS; listing counted one more receive of each)' : '';
  io.stdout.write(`${formatDeadLetterTable(letters)}${letters.length} of ${total} dead letter${total === 1 ? '' : 's'} in ${label}${about}\n`);
  return 0;
}

async function show({ deadLetters, label }: OpenedDeadLetters, id: string, json: boolean, io: CliIo): Promise<number> {
  const letter = await deadLetters.get(id);
  if (letter === undefined) {
    throw new WatchbotError(errorCodes.MESSAGE_NOT_FOUND, `dead-letter show: no dead letter with id ${id} in ${label}`);
  }
  io.stdout.write(json ? `${JSON.stringify(toDeadLetterRecord(letter))}\n` : formatDeadLetterDetails(letter));
  return 0;
}

/** Replays or deletes `ids` (or, for replay, everything), with a progress bar and a summary line. */
async function act({ deadLetters }: OpenedDeadLetters, action: 'replay' | 'delete', ids: readonly string[] | 'all', io: CliIo): Promise<number> {
  const bar = createProgressBar(io.stderr, action === 'replay' ? 'replaying' : 'deleting');
  let result: DeadLetterActionResult;
  try {
    const options = { onProgress: bar.update };
    result = ids === 'all' ? await deadLetters.replayAll(options) : action === 'replay' ? await deadLetters.replay(ids, options) : await deadLetters.delete(ids, options);
  } finally {
    bar.finish();
  }
  for (const failure of result.failed) io.stderr.write(`watchbot: could not ${action} ${failure.id}: ${toOneLine(failure.error)}\n`);
  const verb = action === 'replay' ? 'replayed' : 'deleted';
  io.stdout.write(`${verb} ${result.done.length}, failed ${result.failed.length}, left ${await deadLetters.count()}\n`);
  return result.failed.length > 0 ? 1 : 0;
}

async function purge({ deadLetters, label }: OpenedDeadLetters, yes: boolean, io: CliIo): Promise<number> {
  const total = await deadLetters.count();
  if (total === 0) {
    io.stdout.write(`no dead letters in ${label}\n`);
    return 0;
  }
  if (!yes && !(await confirm(`Delete all ${total} dead letter${total === 1 ? '' : 's'} in ${label} for good? Type yes to confirm: `, io))) {
    io.stderr.write('watchbot: purge cancelled: nothing was deleted\n');
    return 1;
  }
  const bar = createProgressBar(io.stderr, 'purging');
  let removed: number;
  try {
    removed = await deadLetters.purge({ onProgress: bar.update });
  } finally {
    bar.finish();
  }
  io.stdout.write(`deleted ${removed}, failed 0, left ${await deadLetters.count()}\n`);
  return 0;
}

async function confirm(question: string, io: CliIo): Promise<boolean> {
  const reader = createLineReader(io.stdin ?? process.stdin, io.stdout);
  try {
    const answer = await reader.ask(question);
    return answer !== undefined && ['y', 'yes'].includes(answer.toLowerCase());
  } finally {
    reader.close();
  }
}

async function triage({ deadLetters, label }: OpenedDeadLetters, io: CliIo, showHistory: ((id: string) => Promise<string>) | undefined): Promise<number> {
  const answers = createLineReader(io.stdin ?? process.stdin, io.stdout);
  try {
    const summary = await runTriage({
      deadLetters,
      label,
      stdout: io.stdout,
      answers,
      ...(showHistory !== undefined && { showHistory }),
    });
    io.stdout.write(`replayed ${summary.replayed}, deleted ${summary.deleted}, failed ${summary.failed}, left ${summary.left}\n`);
    return summary.failed > 0 ? 1 : 0;
  } finally {
    answers.close();
  }
}
