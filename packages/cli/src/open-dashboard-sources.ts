/**
 * What `watchbot dashboard` shows, opened: the queue (embedded or SQS), the job history beside
 * it and its dead letters. A history or dead-letter queue the user did not name that cannot be
 * opened is left out — the page says "not available" — with one warning line; one the user named
 * is an error. `send` is offered only when the dashboard has a token.
 */
import type { DeadLetterQueue, Logger, OutgoingMessage } from '@watchbot/core';
import type { DashboardSources } from '@watchbot/dashboard';
import type { JobStore } from '@watchbot/job-tracking';
import { describeJobHistory } from './job-history-location.js';
import { defaultTableLookbackDays } from './jobs-location-options.js';
import { jobHistoryDaysRange } from './job-history-options.js';
import { openDeadLetterQueue } from './open-dead-letter-queue.js';
import { openJobStore } from './open-job-store.js';
import { openQueue } from './open-queue.js';
import type { QueueAddress } from './queue-address.js';
import type { QueueJobHistory } from './queue-job-history.js';
import type { StackResources } from './stack-discovery.js';
import { UsageError, toOneLine } from './usage-error.js';
import { parseWholeNumber } from './whole-number-option.js';

/** What to open. */
export interface DashboardSourcesRequest {
  /** The work queue. */
  readonly address: QueueAddress;
  /** The stack it came from, if any (its dead-letter queue). */
  readonly stack?: StackResources;
  /** The job history, or undefined when the queue has none. */
  readonly history: QueueJobHistory | undefined;
  /** Whether the dashboard has a token (POST /api/messages is offered only then). */
  readonly canSend: boolean;
  /** The environment (`WatchbotJobHistoryDays`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where warnings go. */
  readonly logger: Logger;
}

/** The open sources, what each one is, for the start lines, and how to close them. */
export interface OpenDashboardSources {
  readonly sources: DashboardSources;
  /** "queue jobs; job history …; dead letters …", for people. */
  readonly description: string;
  /** Closes the history, the dead letters and the queue. */
  close(): Promise<void>;
}

/**
 * Opens the queue, its history and its dead letters.
 * @throws WatchbotError QUEUE_NOT_FOUND for a queue that cannot be opened; UsageError for a
 *   history the user named that cannot be opened.
 */
export async function openDashboardSources(request: DashboardSourcesRequest): Promise<OpenDashboardSources> {
  const { address, history, logger } = request;
  const queue = await openQueue(address, { logger });
  let jobs: JobStore | undefined;
  let deadLetters: DeadLetterQueue | undefined;
  try {
    jobs = openHistory(request);
    deadLetters = await openDeadLetters(request);
  } catch (error) {
    await jobs?.close();
    await queue.close();
    throw error;
  }
  const historyText = jobs !== undefined && history !== undefined ? describeJobHistory(history.location) : 'not available';
  const deadLetterText = deadLetters === undefined ? 'not available' : address.kind === 'sqlite' ? 'in the queue file' : (request.stack?.deadLetterQueueUrl ?? "the redrive policy's queue");
  return {
    sources: {
      queueLabel: address.label,
      getCounts: () => queue.getCounts(),
      ...(jobs !== undefined && { jobs }),
      ...(deadLetters !== undefined && { deadLetters }),
      ...(request.canSend && { send: (messages: OutgoingMessage[]) => queue.send(messages) }),
    },
    description: `queue ${address.label}; job history: ${historyText}; dead letters: ${deadLetterText}${request.canSend ? '; sending messages: on (POST /api/messages)' : ''}`,
    async close() {
      await jobs?.close();
      await deadLetters?.close();
      await queue.close();
    },
  };
}

function openHistory({ history, env, logger }: DashboardSourcesRequest): JobStore | undefined {
  if (history === undefined) return undefined;
  const days = env.WatchbotJobHistoryDays?.trim();
  // A DynamoDB listing looks back as far as events are kept.
  const retentionDays = days === undefined || days === '' ? defaultTableLookbackDays : parseWholeNumber('WatchbotJobHistoryDays', days, jobHistoryDaysRange);
  try {
    return openJobStore(history.location, { retentionDays });
  } catch (error) {
    if (history.namedBy !== undefined) throw new UsageError(`${history.namedBy}: cannot open the job history ${describeJobHistory(history.location)}: ${toOneLine(error)}`, { cause: error });
    logger.log({ level: 'warn', msg: `job history: not available on the dashboard: ${toOneLine(error)}` });
    return undefined;
  }
}

async function openDeadLetters({ address, stack, logger }: DashboardSourcesRequest): Promise<DeadLetterQueue | undefined> {
  try {
    const opened = await openDeadLetterQueue({ address, ...(stack !== undefined && { deadLetterQueueUrl: stack.deadLetterQueueUrl }) });
    return opened.deadLetters;
  } catch (error) {
    logger.log({ level: 'warn', msg: `dead letters: not available on the dashboard: ${toOneLine(error)}` });
    return undefined;
  }
}
