/**
 * One watcher session, shared by `run` and `listen`: open the queue, run the command once per
 * message until the queue is empty or a signal asks to stop, and turn the end into an exit
 * status. SIGTERM and SIGINT stop gracefully; a repeated signal is logged and ignored.
 */
import { basename } from 'node:path';
import { combineEventSinks, createLogEventSink, createMetricsEventSink, createSubprocessRunner, createWatcher } from '@watchbot/core';
import type { EventSink, Logger, Runner, WatcherSummary, WorkerResources } from '@watchbot/core';
import type { CliIo } from './cli-io.js';
import { openQueue } from './open-queue.js';
import type { QueueAddress } from './queue-address.js';
import { toQueueUrl } from './queue-address.js';
import { toOneLine } from './usage-error.js';

/** The watcher's settings, already validated by the command. */
export interface WatchSettings {
  /** Workers at once. */
  readonly concurrency: number;
  /** Receives before a message is dead-lettered; undefined = the queue's default (10). */
  readonly maxReceives?: number;
  /** Seconds a worker may run; 0 = no limit. */
  readonly maxJobDurationSeconds: number;
  /** Seconds running workers get to finish after a stop signal. */
  readonly stopTimeoutSeconds?: number;
  /** Seconds a received message stays invisible before a heartbeat extends it. */
  readonly visibilityTimeoutSeconds?: number;
  /** Exit once no message is visible, in flight or delayed. */
  readonly exitWhenEmpty?: boolean;
  /** Exit after this many messages have been settled. */
  readonly maxMessages?: number;
}

/** Everything one session needs. */
export interface WatchQueueOptions {
  /** The CLI's streams, directory and environment (workers inherit `env` and run in `cwd`). */
  readonly io: CliIo;
  /** The queue to watch. */
  readonly address: QueueAddress;
  /** The flag or variable the address came from, for messages. */
  readonly addressOption: string;
  /** The shell command run once per message. */
  readonly command: string;
  /** Where the watcher's lines and the workers' output go. */
  readonly logger: Logger;
  /** The watcher's settings. */
  readonly settings: WatchSettings;
  /** WorkTopic and LogGroup for workers; QueueUrl is filled in from `address`. */
  readonly resources?: Omit<WorkerResources, 'QueueUrl'>;
  /** The folder for MessageFile bodies. Default: a fresh folder under the OS temp directory. */
  readonly messageFileDirectory?: string;
  /** Wraps the subprocess runner (e.g. to clean volumes after each job). */
  readonly decorateRunner?: (runner: Runner) => Runner;
  /** SQS only: the SNS topic ARN that rejections, failures and dead letters are published to. */
  readonly notificationTopicArn?: string;
  /**
   * Also write CloudWatch Embedded Metric Format lines to stdout, beside the log lines
   * (namespace "Watchbot", dimension QueueName; see docs/logging-and-metrics.md). Default false.
   */
  readonly metrics?: boolean;
}

const stopSignals = ['SIGTERM', 'SIGINT'] as const;

/**
 * Runs one watcher session to its end.
 * @returns 0 after a clean stop, an empty queue or the last allowed message; 1 when the watcher
 *   died of a fatal queue error (one line on stderr).
 * @throws usage errors (bad options, an unusable queue address) before anything has started.
 */
export async function watchQueue(options: WatchQueueOptions): Promise<number> {
  const { io, logger, settings } = options;
  const queue = await openQueue(options.address, {
    option: options.addressOption,
    logger,
    ...(settings.maxReceives !== undefined && { maxReceives: settings.maxReceives }),
    ...(options.notificationTopicArn !== undefined && { notificationTopicArn: options.notificationTopicArn }),
  });
  // On SQS the queue's redrive policy decides when a message is dead-lettered: the watcher
  // must count the same way to report dead letters (and hand a last attempt straight back).
  const maxReceives = settings.maxReceives ?? queue.maxReceives;
  if (settings.maxReceives !== undefined && queue.maxReceives !== undefined && settings.maxReceives !== queue.maxReceives) {
    logger.log({
      level: 'warn',
      msg: `--max-receives ${settings.maxReceives} differs from the queue's redrive policy (maxReceiveCount ${queue.maxReceives}), which decides when SQS dead-letters a message`,
    });
  }
  try {
    const subprocessRunner = createSubprocessRunner({
      command: options.command,
      baseEnvironment: io.env,
      cwd: io.cwd,
      resources: { ...options.resources, QueueUrl: toQueueUrl(options.address) },
      ...(options.messageFileDirectory !== undefined && { messageFileDirectory: options.messageFileDirectory }),
    });
    const watcher = createWatcher({
      queue,
      runner: options.decorateRunner?.(subprocessRunner) ?? subprocessRunner,
      notifier: queue.notifier,
      events: createEventSink(options),
      logger,
      ...definedOnly({ ...settings, maxReceives }),
    });
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.log({ level: 'warn', msg: `received ${signal} again; already stopping, ignored` });
        return;
      }
      stopping = true;
      logger.log({
        level: 'info',
        msg: `received ${signal}; stopping: no new messages, running workers get ${settings.stopTimeoutSeconds ?? 20} s to finish`,
      });
      void watcher.stop();
    };
    for (const signal of stopSignals) process.on(signal, onSignal);
    logger.log({
      level: 'info',
      msg: `watching ${options.address.label} with ${settings.concurrency} worker${settings.concurrency === 1 ? '' : 's'}: ${options.command}`,
    });
    try {
      const summary = await watcher.run();
      logger.log({ level: 'info', msg: describeSummary(summary), reason: summary.reason, settled: summary.settled });
      return 0;
    } catch (error) {
      io.stderr.write(`watchbot: the watcher stopped on a fatal error: ${toOneLine(error)}\n`);
      return 1;
    } finally {
      for (const signal of stopSignals) process.off(signal, onSignal);
      await subprocessRunner.close();
    }
  } finally {
    await queue.close();
  }
}

/** The log sink, plus the EMF metrics sink when metrics are asked for. */
function createEventSink(options: WatchQueueOptions): EventSink {
  const logSink = createLogEventSink(options.logger);
  if (options.metrics !== true) return logSink;
  const metricsSink = createMetricsEventSink({
    write: (line) => {
      options.io.stdout.write(`${line}\n`);
    },
    dimensions: { QueueName: toQueueName(options.address) },
  });
  return combineEventSinks(logSink, metricsSink);
}

/** The queue's short name for the QueueName dimension: the last part of an SQS URL, else the file's name less ".db". */
function toQueueName(address: QueueAddress): string {
  if (address.kind === 'sqs') {
    const path = URL.canParse(address.url) ? new URL(address.url).pathname : address.url;
    return path.split('/').filter((part) => part !== '').at(-1) ?? address.label;
  }
  return basename(address.path, '.db') || address.label;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

const reasonTexts: Readonly<Record<WatcherSummary['reason'], string>> = {
  empty: 'the queue is empty',
  stopped: 'stopped',
  'max-messages': 'processed the allowed number of messages',
};

function describeSummary(summary: WatcherSummary): string {
  const counts = Object.entries(summary.settled)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  return `watcher finished (${reasonTexts[summary.reason]}): ${counts.length === 0 ? 'no messages' : counts.join(', ')}`;
}
