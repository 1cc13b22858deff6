/**
 * `watchbot run [options] -- <command…>`: the watcher over the embedded queue or an SQS queue;
 * with `--task-mode`, each message runs as its own ECS task instead of a local command.
 */
import { createCliLogger, resolveLogFormat } from '../cli-logger.js';
import type { CommandDefinition } from '../command-definition.js';
import { readBoolean, readRest, readString, readWholeNumber } from '../parsed-arguments.js';
import { parseQueueAddress } from '../queue-address.js';
import { UsageError } from '../usage-error.js';
import { watchQueue } from '../watch-queue.js';
import { parseWholeNumber, watcherRanges } from '../whole-number-option.js';
import { checkTopicArn } from '../listen-environment.js';
import { readRunJobHistory } from '../job-history-options.js';
import { checkWebhookOption } from '../webhook-option.js';
import { readRunTaskMode, taskModeOptions } from '../task-mode-options.js';

/** The `run` command. */
export const runCommand: CommandDefinition = {
  name: 'run',
  command: 'run [command..]',
  describe: 'Run a command once per queue message, settling each message by its exit code',
  configure: (yargs) =>
    yargs
      .usage(
        [
          '$0 run [options] -- <command…>',
          '',
          'Runs <command> with /bin/sh -c once per message, with the message in $Message (and the',
          'whole body in the file $MessageFile). Exit 0 deletes the message; 3 deletes it and records',
          'a notification; 4 returns it without counting a failure; anything else (or a signal) is a',
          'failure: retried after 2^attempt s, dead-lettered after --max-receives attempts.',
          '',
          '$0 run --task-mode --task-cluster C --task-definition D --task-container NAME --task-events-queue Q [options]',
          '',
          'Runs each message as its own ECS task of D instead (--concurrency tasks at once), settled by the',
          "exit code of the container NAME; the tasks' state changes arrive on Q (EventBridge → SQS).",
        ].join('\n'),
      )
      .options({
        queue: { requiresArg: true, describe: 'queue name, .db path, sqlite:PATH or SQS queue URL', defaultDescription: './.watchbot/default.db' },
        'notification-topic': { requiresArg: true, describe: 'SQS queues: publish rejections, failures and dead letters to this SNS topic ARN' },
        concurrency: { requiresArg: true, describe: 'workers at once, 1 to 1000', defaultDescription: '1' },
        'max-receives': { requiresArg: true, describe: 'attempts before a message is dead-lettered, 1 to 1000', defaultDescription: "10, or an SQS queue's redrive maxReceiveCount" },
        'max-job-duration': { requiresArg: true, describe: 'seconds a worker may run before its process group is ended (a failure); 0 = no limit', defaultDescription: '0' },
        'stop-timeout': { requiresArg: true, describe: 'seconds running workers get to finish after SIGTERM/SIGINT before they are ended and their messages returned', defaultDescription: '20' },
        'visibility-timeout': { requiresArg: true, describe: 'seconds a message stays invisible after a receive; extended while its worker runs', defaultDescription: '60' },
        'exit-when-empty': { type: 'boolean', describe: 'exit 0 once no message is visible, in flight or waiting out a backoff' },
        'log-format': { requiresArg: true, describe: 'json or text', defaultDescription: 'text on a terminal, else json' },
        verbose: { type: 'boolean', describe: 'also log each receive and worker start' },
        metrics: { type: 'boolean', describe: 'also write CloudWatch Embedded Metric Format lines (worker errors, durations, response times) to stdout' },
        'job-history': {
          requiresArg: true,
          describe: 'record every message\'s history in this SQLite file (see watchbot jobs); --no-job-history: record none',
          defaultDescription: 'NAME.jobs.db beside an embedded queue NAME.db; none for SQS',
        },
        'job-table': { requiresArg: true, describe: 'record job history in this DynamoDB table (the stack\'s WatchbotJobTableName output)' },
        'notify-webhook': { requiresArg: true, describe: 'also POST rejections, failures and dead letters as JSON to this http(s) URL (a chat webhook)' },
        ...taskModeOptions,
      })
      .example('$0 run -- ./worker.sh', 'process the default queue, one message at a time')
      .example('$0 run --queue jobs --concurrency 4 -- node worker.js', 'four workers at once on ./.watchbot/jobs.db')
      .example('$0 run --exit-when-empty --max-receives 2 -- ./worker.sh', 'a batch run: exit once everything is settled')
      .example('$0 run --queue https://sqs.us-east-1.amazonaws.com/123456789012/jobs --concurrency 8 -- ./worker.sh', 'an SQS queue')
      .example('$0 run --notify-webhook https://hooks.example.com/T0/B0 -- ./w.sh', 'failures also posted to a chat')
      .example(
        '$0 run --queue https://sqs.us-east-1.amazonaws.com/123456789012/jobs --task-mode --task-cluster prod --task-definition thumbnails-worker --task-container worker --task-launch-type FARGATE --task-subnets subnet-0123456789abcdef0 --task-events-queue https://sqs.us-east-1.amazonaws.com/123456789012/jobs-task-events',
        'one Fargate task per message',
      )
      .epilog('Exit status: 0 after a clean stop or an empty queue, 1 on a fatal queue error, 2 on a usage error.'),
  async execute(args, io) {
    const words = readRest(args, 'command');
    const taskMode = await readRunTaskMode(args, io.cwd, words.length > 0);
    if (words.length === 0 && taskMode === undefined) {
      throw new UsageError('run: no worker command given; put it after --, e.g. watchbot run -- ./worker.sh');
    }
    const address = parseQueueAddress(readString(args, 'queue'), io.cwd);
    const maxReceives = readString(args, 'max-receives');
    const notificationTopicArn = checkTopicArn('--notification-topic', readString(args, 'notification-topic'));
    if (notificationTopicArn !== undefined && address.kind !== 'sqs') {
      throw new UsageError('run: --notification-topic is for SQS queues; an embedded queue keeps its notifications (see watchbot status)');
    }
    const settings = {
      concurrency: readWholeNumber(args, 'concurrency', watcherRanges.concurrency, 1),
      ...(maxReceives !== undefined && { maxReceives: parseWholeNumber('--max-receives', maxReceives, watcherRanges.maxReceives) }),
      maxJobDurationSeconds: readWholeNumber(args, 'max-job-duration', watcherRanges.maxJobDurationSeconds, 0),
      stopTimeoutSeconds: readWholeNumber(args, 'stop-timeout', watcherRanges.stopTimeoutSeconds, 20),
      visibilityTimeoutSeconds: readWholeNumber(args, 'visibility-timeout', watcherRanges.visibilityTimeoutSeconds, 60),
      exitWhenEmpty: readBoolean(args, 'exit-when-empty'),
    };
    const jobHistory = readRunJobHistory(args, address, io.cwd);
    const notifyWebhookUrl = readString(args, 'notify-webhook');
    if (notifyWebhookUrl !== undefined) checkWebhookOption('--notify-webhook', notifyWebhookUrl);
    const format = resolveLogFormat(readString(args, 'log-format'), io.stdout);
    return watchQueue({
      io,
      address,
      addressOption: '--queue',
      ...(taskMode === undefined ? { command: words.join(' ') } : { taskMode }),
      logger: createCliLogger({ format, verbose: readBoolean(args, 'verbose'), stdout: io.stdout }),
      settings,
      metrics: readBoolean(args, 'metrics'),
      ...(notificationTopicArn !== undefined && { notificationTopicArn }),
      ...(jobHistory !== undefined && { jobHistory }),
      ...(notifyWebhookUrl !== undefined && { notifyWebhookUrl }),
    });
  },
};
