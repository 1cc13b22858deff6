/**
 * `watchbot progress <action> <job-id>`: reduce mode from any language's worker. Fan a job out
 * into part messages, complete parts (exactly one caller learns it completed the job), read and
 * fail jobs. Exit status 3 for a job-state error (unknown or failed job, a bad part), so a
 * worker that passes it on (`|| exit $?`) has its message rejected rather than retried.
 */
import type { JobStatus, ProgressStore } from '@watchbot/reduce-mode';
import type { CliIo } from '../cli-io.js';
import type { CommandDefinition, ParsedArguments } from '../command-definition.js';
import { toLineMessages } from '../message-lines.js';
import { openQueue } from '../open-queue.js';
import { openProgressStore, resolveProgressLocation } from '../open-progress-store.js';
import { readBoolean, readString, readWholeNumber } from '../parsed-arguments.js';
import { parseQueueAddress } from '../queue-address.js';
import { readInput } from '../read-input.js';
import { UsageError, toOneLine } from '../usage-error.js';

const actions = ['status', 'set-total', 'complete-part', 'fail-job', 'set-metadata', 'reduce-sent', 'fan-out'] as const;
type Action = (typeof actions)[number];

/** Exit status for a job-state error: the same as a worker's "rejected". */
export const jobStateExitStatus = 3;

/** The `progress` command. */
export const progressCommand: CommandDefinition = {
  name: 'progress',
  command: 'progress <action> <job-id>',
  describe: 'Reduce mode: fan a job out into parts, complete parts, and learn when the last one is done',
  configure: (yargs) =>
    yargs
      .positional('action', { choices: actions, describe: 'what to do' })
      .positional('job-id', { describe: 'the job' })
      .options({
        part: { requiresArg: true, describe: 'complete-part: the part number, 1 to the total' },
        total: { requiresArg: true, describe: 'set-total: how many parts the job has' },
        metadata: { requiresArg: true, describe: 'set-total, set-metadata: a JSON object kept with the job' },
        reason: { requiresArg: true, describe: 'fail-job: why' },
        from: { requiresArg: true, describe: 'fan-out: each non-blank line of this file (- = standard input) is one part' },
        queue: { requiresArg: true, describe: 'fan-out: the queue the parts go to', defaultDescription: '$QueueUrl, else ./.watchbot/default.db' },
        store: { requiresArg: true, describe: 'an SQLite progress file', defaultDescription: 'progress.db beside $QueueUrl, else ./.watchbot/progress.db' },
        table: { requiresArg: true, describe: 'a DynamoDB progress table', defaultDescription: '$WatchbotProgressTable' },
        json: { type: 'boolean', describe: 'print JSON' },
      })
      .example('$0 progress fan-out job-7 --from files.txt', 'one part message per line, and the total set')
      .example('[ "$($0 progress complete-part "$job" --part "$part")" = completed ] && $0 send "reduce $job"', 'send the reduce exactly once')
      .epilog(
        [
          'complete-part prints "completed" when this call completed the job (exactly one caller ever does),',
          '"done" when the job was already complete, "pending" otherwise.',
          'Exit status: 0; 3 for an unknown or failed job or a bad part; 2 on a usage error; 1 when the store fails.',
        ].join('\n'),
      ),
  async execute(args, io) {
    const action = readString(args, 'action') as Action;
    const jobId = readString(args, 'job-id') ?? '';
    if (jobId.trim() === '') throw new UsageError('progress: the job id is empty');
    const store = await openProgressStore(resolveProgressLocation(readString(args, 'table'), readString(args, 'store'), io));
    try {
      io.stdout.write(`${await perform(action, jobId, store, args, io)}\n`);
      return 0;
    } catch (error) {
      // Loaded here, not at the top: reduce mode brings the DynamoDB SDK, which every other command would pay for.
      const { isReduceModeError } = await import('@watchbot/reduce-mode');
      if (!isReduceModeError(error) || error.code === 'STORE_UNAVAILABLE' || error.code === 'INVALID_OPTION') throw error;
      io.stderr.write(`watchbot: progress: ${toOneLine(error)}\n`);
      return jobStateExitStatus;
    } finally {
      await store.close();
    }
  },
};

async function perform(action: Action, jobId: string, store: ProgressStore, args: ParsedArguments, io: CliIo): Promise<string> {
  const json = readBoolean(args, 'json');
  switch (action) {
    case 'status': {
      const status = await store.getStatus(jobId);
      if (status === undefined) return json ? JSON.stringify(null) : `job ${jobId}: unknown`;
      return json ? JSON.stringify(status) : describeStatus(status);
    }
    case 'set-total': {
      const total = readWholeNumber(args, 'total', { min: 1, max: 1_000_000 }, 0);
      if (total === 0) throw new UsageError('progress set-total: --total is required');
      await store.setTotal(jobId, total, readMetadata(args));
      return json ? JSON.stringify({ jobId, totalParts: total }) : `job ${jobId}: 0 of ${total} parts`;
    }
    case 'complete-part': {
      const part = readWholeNumber(args, 'part', { min: 1, max: 1_000_000 }, 0);
      if (part === 0) throw new UsageError('progress complete-part: --part is required');
      const { completedJob, progress } = await store.completePart(jobId, part);
      const state = completedJob ? 'completed' : progress >= 1 ? 'done' : 'pending';
      return json ? JSON.stringify({ jobId, part, completedJob, progress, state }) : state;
    }
    case 'fail-job': {
      const reason = readString(args, 'reason');
      if (reason === undefined || reason.trim() === '') throw new UsageError('progress fail-job: --reason is required');
      await store.failJob(jobId, reason);
      return json ? JSON.stringify({ jobId, failed: { reason } }) : `job ${jobId}: failed (${reason})`;
    }
    case 'set-metadata': {
      const metadata = readMetadata(args);
      if (metadata === undefined) throw new UsageError('progress set-metadata: --metadata is required');
      await store.setMetadata(jobId, metadata);
      return json ? JSON.stringify({ jobId, metadata }) : `job ${jobId}: metadata set`;
    }
    case 'reduce-sent': {
      const first = await store.markReduceSent(jobId);
      return json ? JSON.stringify({ jobId, marked: first }) : first ? 'marked' : 'already';
    }
    case 'fan-out':
      return fanOutParts(jobId, store, args, io);
    default: {
      const unknown: never = action;
      throw new UsageError(`progress: unknown action ${JSON.stringify(unknown)}; expected one of ${actions.join(', ')}`);
    }
  }
}

async function fanOutParts(jobId: string, store: ProgressStore, args: ParsedArguments, io: CliIo): Promise<string> {
  const from = readString(args, 'from');
  if (from === undefined) throw new UsageError('progress fan-out: --from FILE (or - for standard input) is required');
  const parts = toLineMessages(await readInput(from, '--from', io.cwd, io.stdin ?? process.stdin), `--from ${from}`);
  if (parts.length === 0) throw new UsageError(`progress fan-out: ${from} has no parts (no non-blank lines)`);
  const address = parseQueueAddress(readString(args, 'queue') ?? nonEmpty(io.env.QueueUrl), io.cwd);
  const queue = await openQueue(address);
  try {
    const { fanOut } = await import('@watchbot/reduce-mode');
    const metadata = readMetadata(args);
    const { messageIds } = await fanOut(store, queue, jobId, parts, metadata === undefined ? {} : { metadata });
    return readBoolean(args, 'json')
      ? JSON.stringify({ jobId, totalParts: parts.length, messageIds })
      : `job ${jobId}: sent ${messageIds.length} part messages to ${address.label}`;
  } finally {
    await queue.close();
  }
}

function readMetadata(args: ParsedArguments): Record<string, unknown> | undefined {
  const raw = readString(args, 'metadata');
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--metadata: ${JSON.stringify(raw)} is not valid; expected a JSON object such as {"source":"s3://bucket/key"}`);
  }
  return parsed as Record<string, unknown>;
}

function describeStatus(status: JobStatus): string {
  const state = status.failed !== undefined ? `failed (${status.failed.reason})` : status.done ? 'done' : 'in progress';
  return `job ${status.jobId}: ${status.completedParts} of ${status.totalParts} parts, ${state}${status.reduceSent ? ', reduce sent' : ''}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
