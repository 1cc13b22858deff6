/**
 * `watchbot jobs <list|show|stats>`: what happened to a job, what failed recently and why, and
 * how long jobs take — read from the job history `run` and `listen` record (docs/job-tracking.md).
 */
import { existsSync } from 'node:fs';
import { invalidOption } from '@watchbot/core';
import { knownJobStates } from '@watchbot/job-tracking';
import type { JobStore } from '@watchbot/job-tracking';
import type { CliIo } from '../cli-io.js';
import type { CommandDefinition, ParsedArguments } from '../command-definition.js';
import { formatJobHistoryJson, formatJobHistoryText, formatJobListJson, formatJobListText, formatJobStatsJson, formatJobStatsText } from '../format-jobs.js';
import { describeJobHistory } from '../job-history-location.js';
import { readJobsLocation } from '../jobs-location-options.js';
import type { JobsReadLocation } from '../jobs-location-options.js';
import { openJobStore } from '../open-job-store.js';
import { readBoolean, readString, readWholeNumber } from '../parsed-arguments.js';
import { describeSince, parseSince } from '../since-option.js';
import { UsageError } from '../usage-error.js';

const actions = ['list', 'show', 'stats'] as const;
type Action = (typeof actions)[number];

/** The default window of `jobs stats`. */
const defaultStatsSince = '24h';

/** The `jobs` command. */
export const jobsCommand: CommandDefinition = {
  name: 'jobs',
  command: 'jobs <action> [message-id]',
  describe: 'Show job history: recent jobs, one job\'s attempts, and outcome statistics',
  configure: (yargs) =>
    yargs
      .usage(
        [
          '$0 jobs list [--state S] [--since 1h] [--limit N]',
          '$0 jobs show <message-id>',
          '$0 jobs stats [--since 24h]',
          '',
          'Reads the job history that run and listen record: by default beside the embedded queue',
          '(.watchbot/NAME.jobs.db), or the DynamoDB table of a stack with jobTracking.',
        ].join('\n'),
      )
      .positional('action', { choices: actions, describe: 'list recent jobs, show one job, or stats per outcome' })
      .positional('message-id', { describe: 'show: the message (job) id' })
      .options({
        state: { requiresArg: true, describe: `list: only jobs whose latest event is this (${knownJobStates.slice(0, 8).join(', ')}, or an ECS/Batch status)` },
        since: { requiresArg: true, describe: 'list, stats: only events since then: 30s, 15m, 1h, 7d or an ISO-8601 time', defaultDescription: 'list: all kept; stats: 24h' },
        limit: { requiresArg: true, describe: 'list: at most this many jobs, 1 to 1000', defaultDescription: '20' },
        queue: { requiresArg: true, describe: 'the embedded queue whose history to read (name, .db path or sqlite:PATH)', defaultDescription: './.watchbot/default.db' },
        'job-history': { requiresArg: true, describe: 'an SQLite job-history file' },
        'job-table': { requiresArg: true, describe: 'a DynamoDB job-history table', defaultDescription: '$WatchbotJobTable' },
        region: { requiresArg: true, describe: 'the DynamoDB table\'s region', defaultDescription: 'the AWS SDK\'s (AWS_REGION, profile)' },
        json: { type: 'boolean', describe: 'print one JSON object' },
      })
      .example('$0 jobs list --state failed --since 1h', 'what failed in the last hour')
      .example('$0 jobs show 5f3c2a9e-…', 'every attempt of one message, with exit codes and output')
      .example('$0 jobs stats --since 7d --queue jobs', 'counts and p50/p90/p99 durations per outcome')
      .example('$0 jobs list --job-table my-stack-JobTable-1A2B', 'a stack\'s history on AWS')
      .epilog('Exit status: 0; 1 when show finds no history for the job or the store fails; 2 on a usage error.'),
  async execute(args, io) {
    const action = readString(args, 'action') as Action;
    const messageId = readString(args, 'message-id');
    if (action === 'show' && (messageId === undefined || messageId.trim() === '')) throw new UsageError('jobs show: give the message id, e.g. watchbot jobs show 5f3c2a9e-…');
    if (action !== 'show' && messageId !== undefined) throw new UsageError(`jobs ${action}: takes no message id (${JSON.stringify(messageId)}); did you mean jobs show?`);
    checkOptionsFor(action, args);
    const where = readJobsLocation(args, io, `jobs ${action}`);
    const nowMs = Date.now();
    const request = readRequest(action, args, nowMs);
    const history = describeJobHistory(where.location);
    // Reading must not create a history file: a typo in --queue shows an empty history.
    const store = where.location.kind === 'sqlite' && !existsSync(where.location.path) ? undefined : openJobStore(where.location, retentionOf(where));
    try {
      return await perform(action, request, store, history, messageId ?? '', readBoolean(args, 'json'), io, nowMs);
    } finally {
      await store?.close();
    }
  },
};

/** What one action was asked for, checked. */
interface JobsRequest {
  readonly state?: string;
  readonly sinceMs?: number;
  readonly sinceText?: string;
  readonly limit: number;
}

function retentionOf(where: JobsReadLocation): { retentionDays?: number } {
  return where.retentionDays === undefined ? {} : { retentionDays: where.retentionDays };
}

/** Options that only some actions take: giving them to another is a mistake worth saying. */
function checkOptionsFor(action: Action, args: ParsedArguments): void {
  const takes: Readonly<Record<Action, readonly string[]>> = { list: ['state', 'since', 'limit'], show: [], stats: ['since'] };
  for (const option of ['state', 'since', 'limit']) {
    if (args[option] !== undefined && !takes[action].includes(option)) throw new UsageError(`jobs ${action}: --${option} is for ${option === 'since' ? 'list and stats' : 'list'}`);
  }
}

function readRequest(action: Action, args: ParsedArguments, nowMs: number): JobsRequest {
  const state = readString(args, 'state');
  if (state !== undefined && !knownJobStates.includes(state)) {
    throw invalidOption('--state', state, `one of ${knownJobStates.join(', ')}`);
  }
  const sinceText = readString(args, 'since') ?? (action === 'stats' ? defaultStatsSince : undefined);
  return {
    ...(state !== undefined && { state }),
    ...(sinceText !== undefined && { sinceText, sinceMs: parseSince(sinceText, nowMs) }),
    limit: readWholeNumber(args, 'limit', { min: 1, max: 1000 }, 20),
  };
}

async function perform(action: Action, request: JobsRequest, store: JobStore | undefined, history: string, jobId: string, json: boolean, io: CliIo, nowMs: number): Promise<number> {
  switch (action) {
    case 'list': {
      const jobs = store === undefined ? [] : await store.list({ limit: request.limit, ...(request.state !== undefined && { state: request.state }), ...(request.sinceMs !== undefined && { sinceMs: request.sinceMs }) });
      const filter = `${request.state === undefined ? '' : `${request.state} `}jobs${request.sinceMs === undefined ? '' : ` ${describeSince(request.sinceText, request.sinceMs)}`} (history: ${history})`;
      io.stdout.write(json ? `${formatJobListJson(history, jobs)}\n` : formatJobListText(jobs, filter, request.limit));
      return 0;
    }
    case 'show': {
      const events = store === undefined ? [] : await store.history(jobId);
      if (json) io.stdout.write(`${formatJobHistoryJson(jobId, events)}\n`);
      if (events.length === 0) {
        io.stderr.write(`watchbot: jobs show: no history for job ${jobId} in ${history}\n`);
        return 1;
      }
      if (!json) io.stdout.write(formatJobHistoryText(jobId, events));
      return 0;
    }
    case 'stats': {
      const sinceMs = request.sinceMs ?? nowMs;
      const stats = store === undefined ? { sinceMs, untilMs: nowMs, outcomes: [] } : await store.stats({ sinceMs, untilMs: nowMs });
      io.stdout.write(json ? `${formatJobStatsJson(history, stats)}\n` : formatJobStatsText(stats, describeSince(request.sinceText, sinceMs)));
      return 0;
    }
    default: {
      const unknown: never = action;
      throw new UsageError(`jobs: unknown action ${JSON.stringify(unknown)}; expected one of ${actions.join(', ')}`);
    }
  }
}
