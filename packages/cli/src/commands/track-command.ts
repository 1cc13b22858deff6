/**
 * `watchbot track`: follows the `ECS Task State Change` and `Batch Job State Change` events
 * EventBridge delivers to an events queue, records each in the job history (`watchbot jobs`
 * shows every task's and Batch job's timeline) and notifies the failures — a task that stopped
 * with a non-zero exit code, a Batch job that FAILED — through the notification topic, a
 * webhook, or the embedded queue's notifications.
 */
import { createSystemClock } from '@watchbot/core';
import type { Notifier } from '@watchbot/core';
import { createWebhookNotifier, withHistoryPointer } from '@watchbot/job-tracking';
import type { JobStore } from '@watchbot/job-tracking';
import { createCliLogger, resolveLogFormat } from '../cli-logger.js';
import type { CommandDefinition } from '../command-definition.js';
import { combineNotifiers } from '../combine-notifiers.js';
import { createJobEventWriter } from '../job-event-writer.js';
import { describeJobHistory, toJobsCommand } from '../job-history-location.js';
import { jobHistoryDaysRange } from '../job-history-options.js';
import { checkTopicArn } from '../listen-environment.js';
import { openJobStore } from '../open-job-store.js';
import { openQueue } from '../open-queue.js';
import { readBoolean, readString } from '../parsed-arguments.js';
import { parseQueueAddress } from '../queue-address.js';
import { findQueueJobHistory, queueJobHistoryOptions } from '../queue-job-history.js';
import { waitForStopSignal } from '../stop-signal.js';
import { trackStateChanges } from '../track-state-changes.js';
import type { TrackSummary } from '../track-state-changes.js';
import { UsageError, toOneLine } from '../usage-error.js';
import { checkWebhookOption } from '../webhook-option.js';
import { parseWholeNumber } from '../whole-number-option.js';

/** The long poll per receive, in ms (SQS's longest). */
const longPollMs = 20_000;
/** With --exit-when-empty on SQS: a long poll asks every SQS server (a short one may miss messages), and ends soon. */
const sqsDrainPollMs = 1_000;

/** The `track` command. */
export const trackCommand: CommandDefinition = {
  name: 'track',
  command: 'track',
  describe: 'Record ECS task and Batch job state changes in the job history, and notify their failures',
  configure: (yargs) =>
    yargs
      .usage(
        [
          '$0 track --queue <events queue> [options]',
          '',
          'Reads the "ECS Task State Change" and "Batch Job State Change" events EventBridge delivers to',
          'the events queue (the stack\'s WatchbotTaskEventsQueueUrl output), records each in the job',
          'history under the task ARN or Batch job id, and sends a failure notification when a task stops',
          'with a non-zero exit code (or without running) or a Batch job FAILS. Other messages are logged',
          'and deleted. Runs until SIGTERM/SIGINT, or with --exit-when-empty until the queue is empty.',
        ].join('\n'),
      )
      .options({
        queue: { requiresArg: true, describe: 'the events queue: an SQS queue URL, or an embedded queue name, .db path or sqlite:PATH', defaultDescription: '$WatchbotTaskEventsQueueUrl' },
        ...queueJobHistoryOptions,
        'notification-topic': { requiresArg: true, describe: 'SQS: publish failure notifications to this SNS topic ARN' },
        'notify-webhook': { requiresArg: true, describe: 'also POST failure notifications as JSON to this http(s) URL' },
        'exit-when-empty': { type: 'boolean', describe: 'exit 0 once the events queue is empty (batch runs, tests)' },
        'log-format': { requiresArg: true, describe: 'json or text', defaultDescription: 'text on a terminal, else json' },
        verbose: { type: 'boolean', describe: 'also log repeated events' },
      })
      .example('$0 track --queue https://sqs.us-east-1.amazonaws.com/123456789012/stack-TaskEvents --job-table stack-JobTable-1A2B', 'follow a stack\'s tasks and Batch jobs')
      .example('$0 track --queue events --exit-when-empty', 'record what ./.watchbot/events.db holds into ./.watchbot/events.jobs.db, then exit')
      .example('$0 jobs list --queue events --state FAILED', 'then: the Batch jobs that failed')
      .epilog('Exit status: 0 after a stop signal or an empty queue (--exit-when-empty), 1 when the job history cannot be opened, 2 on a usage error.'),
  async execute(args, io) {
    const given = readString(args, 'queue') ?? nonEmpty(io.env.WatchbotTaskEventsQueueUrl);
    if (given === undefined) throw new UsageError('track: name the events queue with --queue (the stack\'s WatchbotTaskEventsQueueUrl output)');
    const address = parseQueueAddress(given, io.cwd, readString(args, 'queue') === undefined ? 'WatchbotTaskEventsQueueUrl' : '--queue');
    const notificationTopicArn = checkTopicArn('--notification-topic', readString(args, 'notification-topic'));
    if (notificationTopicArn !== undefined && address.kind !== 'sqs') {
      throw new UsageError('track: --notification-topic is for an SQS events queue; an embedded one keeps its notifications (see watchbot status --queue …)');
    }
    const webhookUrl = readString(args, 'notify-webhook');
    if (webhookUrl !== undefined) checkWebhookOption('--notify-webhook', webhookUrl);
    const history = await findQueueJobHistory({ args, io, address, command: 'track' });
    if (history === undefined) {
      throw new UsageError('track: an SQS events queue keeps its job history in DynamoDB; name the table with --job-table (the stack\'s WatchbotJobTableName output)');
    }
    const days = nonEmpty(io.env.WatchbotJobHistoryDays);
    const retention = days === undefined ? {} : { retentionDays: parseWholeNumber('WatchbotJobHistoryDays', days, jobHistoryDaysRange) };
    const logger = createCliLogger({ format: resolveLogFormat(readString(args, 'log-format'), io.stdout), verbose: readBoolean(args, 'verbose'), stdout: io.stdout });
    const clock = createSystemClock();

    const queue = await openQueue(address, { logger, ...(notificationTopicArn !== undefined && { notificationTopicArn }) });
    let store: JobStore | undefined;
    try {
      try {
        store = openJobStore(history.location, retention);
      } catch (error) {
        throw new UsageError(`${history.namedBy ?? 'track'}: cannot open the job history ${describeJobHistory(history.location)}: ${toOneLine(error)}`, { cause: error });
      }
      const notifier: Notifier = withHistoryPointer(
        webhookUrl === undefined ? queue.notifier : combineNotifiers(queue.notifier, createWebhookNotifier({ url: webhookUrl, logger, clock })),
        (jobId) => toJobsCommand(['show', jobId], history.location, address),
      );
      const exitWhenEmpty = readBoolean(args, 'exit-when-empty');
      const stopWait = waitForStopSignal((signal) => logger.log({ level: 'warn', msg: `received ${signal} again; already stopping, ignored` }));
      void stopWait.received.then((signal) => logger.log({ level: 'info', msg: `received ${signal}; stopping after the events being recorded` }));
      logger.log({
        level: 'info',
        msg: `tracking ECS task and Batch job events from ${address.label} into ${describeJobHistory(history.location)} (see: ${toJobsCommand(['list'], history.location, address)})`,
      });
      let summary: TrackSummary;
      try {
        summary = await trackStateChanges({
          queue,
          writer: createJobEventWriter(store),
          notifier,
          logger,
          clock,
          // An embedded queue answers exactly at once; SQS needs a long poll to see every message.
          waitMs: !exitWhenEmpty ? longPollMs : address.kind === 'sqlite' ? 0 : sqsDrainPollMs,
          exitWhenEmpty,
          stop: stopWait.received,
        });
      } finally {
        stopWait.dispose();
      }
      logger.log({ level: 'info', msg: describeSummary(summary), ...summary });
      return 0;
    } finally {
      await store?.close();
      await queue.close();
    }
  },
};

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function describeSummary(summary: TrackSummary): string {
  const parts = [
    `recorded ${summary.ecs} ECS task event${summary.ecs === 1 ? '' : 's'} and ${summary.batch} Batch job event${summary.batch === 1 ? '' : 's'}`,
    `sent ${summary.notified} failure notification${summary.notified === 1 ? '' : 's'}`,
    ...(summary.repeats > 0 ? [`skipped ${summary.repeats} repeat${summary.repeats === 1 ? '' : 's'}`] : []),
    ...(summary.unknown > 0 ? [`deleted ${summary.unknown} message${summary.unknown === 1 ? '' : 's'} that were not state changes`] : []),
    ...(summary.notStored > 0 ? [`could not record ${summary.notStored} (left on the queue)`] : []),
  ];
  return `track finished: ${parts.join('; ')}`;
}
