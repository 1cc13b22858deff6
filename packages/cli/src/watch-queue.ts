/**
 * One watcher session, shared by `run` and `listen`: open the queue, run the command once per
 * message (or, in ECS-task mode, one ECS task per message) until the queue is empty or a signal
 * asks to stop, and turn the end into an exit status. SIGTERM and SIGINT stop gracefully; a
 * repeated signal is logged and ignored.
 */
import { basename } from 'node:path';
import { combineEventSinks, createLogEventSink, createMetricsEventSink, createSubprocessRunner, createSystemClock, createWatcher } from '@watchbot/core';
import type { Clock, EventSink, Logger, Notifier, Runner, WatcherSummary, WorkerResources } from '@watchbot/core';
import { createJobHistorySink, createWebhookNotifier, withHistoryPointer } from '@watchbot/job-tracking';
import type { JobHistorySink, JobStore } from '@watchbot/job-tracking';
import type { EcsTaskStateChange } from '@watchbot/ecs-task-mode';
import type { CliIo } from './cli-io.js';
import { parseBooleanVariable } from './boolean-variable.js';
import { combineNotifiers } from './combine-notifiers.js';
import type { JobHistorySettings } from './job-history-options.js';
import { describeJobHistory, toJobsCommand } from './job-history-location.js';
import type { JobHistoryLocation } from './job-history-location.js';
import { createJobEventWriter } from './job-event-writer.js';
import type { JobEventWriter } from './job-event-writer.js';
import { openJobStore } from './open-job-store.js';
import { openQueue } from './open-queue.js';
import type { QueueAddress } from './queue-address.js';
import { toQueueUrl } from './queue-address.js';
import { startTaskMode } from './start-task-mode.js';
import type { RunningTaskMode } from './start-task-mode.js';
import { toShortResource, toTaskJobEvent } from './state-change-job-event.js';
import type { TaskModeConfig } from './task-mode-options.js';
import { UsageError, toOneLine } from './usage-error.js';

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
  /** The shell command run once per message. Required unless `taskMode` is given (the task definition has the command then). */
  readonly command?: string;
  /** ECS-task mode: run each message as its own ECS task instead of a local command. */
  readonly taskMode?: TaskModeConfig;
  /** Where the watcher's lines and the workers' output go. */
  readonly logger: Logger;
  /** The watcher's settings. */
  readonly settings: WatchSettings;
  /** WorkTopic and LogGroup for workers; QueueUrl is filled in from `address`. */
  readonly resources?: Omit<WorkerResources, 'QueueUrl'>;
  /** The folder for MessageFile bodies. Default: a fresh folder under the OS temp directory. */
  readonly messageFileDirectory?: string;
  /** Wraps the subprocess runner (e.g. to clean volumes after each job); not used in task mode. */
  readonly decorateRunner?: (runner: Runner) => Runner;
  /** SQS only: the SNS topic ARN that rejections, failures and dead letters are published to. */
  readonly notificationTopicArn?: string;
  /**
   * Also write CloudWatch Embedded Metric Format lines to stdout, beside the log lines
   * (namespace "Watchbot", dimension QueueName; see docs/logging-and-metrics.md). Default false.
   */
  readonly metrics?: boolean;
  /** Where every lifecycle event is recorded (see docs/job-tracking.md); undefined: no job history. */
  readonly jobHistory?: JobHistorySettings;
  /** Also post rejections, failures and dead letters as JSON to this http(s) URL (already checked). */
  readonly notifyWebhookUrl?: string;
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
  if (options.command === undefined && options.taskMode === undefined) throw new UsageError('no worker command given');
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
  const clock = createSystemClock();
  let history: OpenHistory | undefined;
  let taskEvents: JobEventWriter | undefined;
  try {
    history = await openHistory(options, clock);
    taskEvents = history === undefined ? undefined : createJobEventWriter(history.store);
    const session = await startRunner(options, clock, taskEvents);
    const watcher = createWatcher({
      queue,
      runner: session.runner,
      notifier: createNotifier(options, queue.notifier, clock, history?.location),
      events: history === undefined ? createEventSink(options) : combineEventSinks(createEventSink(options), history.sink),
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
    logger.log({ level: 'info', msg: `watching ${options.address.label} with ${session.description}` });
    try {
      const summary = await watcher.run();
      logger.log({ level: 'info', msg: describeSummary(summary), reason: summary.reason, settled: summary.settled });
      return 0;
    } catch (error) {
      io.stderr.write(`watchbot: the watcher stopped on a fatal error: ${toOneLine(error)}\n`);
      return 1;
    } finally {
      for (const signal of stopSignals) process.off(signal, onSignal);
      await session.close();
    }
  } finally {
    // The sink writes what is left (bounded in time) before the store and the queue close.
    await history?.sink.close();
    await taskEvents?.idle();
    await history?.store.close();
    await queue.close();
  }
}

/** The runner of one session, how to describe it, and how to end it. */
interface RunnerSession {
  readonly runner: Runner;
  /** What runs each message, for the start line: "4 workers: ./worker.sh". */
  readonly description: string;
  close(): Promise<void>;
}

/** The subprocess runner, or in task mode the ECS task runner (its task states recorded in the job history). */
async function startRunner(options: WatchQueueOptions, clock: Clock, taskEvents: JobEventWriter | undefined): Promise<RunnerSession> {
  const { concurrency } = options.settings;
  if (options.taskMode !== undefined) {
    const { taskMode } = options;
    const taskModeSession: RunningTaskMode = await startTaskMode({
      config: taskMode,
      workQueue: options.address,
      env: options.io.env,
      logger: options.logger,
      clock,
      ...(taskEvents !== undefined && { onTaskState: recordTaskStates(taskEvents, taskMode, options.logger) }),
    });
    const { cluster, taskDefinition } = taskMode.runner;
    return {
      runner: taskModeSession.runner,
      description: `up to ${concurrency} ECS task${concurrency === 1 ? '' : 's'} at once, one per message: task definition ${taskDefinition} in cluster ${cluster}${taskModeSession.region === undefined ? '' : ` (${taskModeSession.region})`}; task events from ${taskMode.eventsQueue.label}`,
      close: () => taskModeSession.stop(),
    };
  }
  const subprocessRunner = createSubprocessRunner({
    command: options.command ?? '',
    baseEnvironment: options.io.env,
    cwd: options.io.cwd,
    resources: { ...options.resources, QueueUrl: toQueueUrl(options.address) },
    ...(options.messageFileDirectory !== undefined && { messageFileDirectory: options.messageFileDirectory }),
    // WATCHBOT_SPAWN_HELPER=false forks workers from the watcher itself (docs/benchmarks.md).
    spawnHelper: parseBooleanVariable('WATCHBOT_SPAWN_HELPER', options.io.env['WATCHBOT_SPAWN_HELPER'], true),
  });
  return {
    runner: options.decorateRunner?.(subprocessRunner) ?? subprocessRunner,
    description: `${concurrency} worker${concurrency === 1 ? '' : 's'}: ${options.command ?? ''}`,
    close: () => subprocessRunner.close(),
  };
}

/**
 * Records each task state of a message (PROVISIONING … STOPPED) in its job history, as `ecs`
 * events beside the watcher's own: where the task ran, its exit code and ECS's reason. A store
 * failure is logged once per outage; processing goes on.
 */
function recordTaskStates(writer: JobEventWriter, taskMode: TaskModeConfig, logger: Logger): (messageId: string, change: EcsTaskStateChange) => void {
  let failing = false;
  return (messageId, change) => {
    const event = toTaskJobEvent(change, { jobId: messageId, containerName: taskMode.runner.containerName, host: toShortResource(change.taskArn), withSubject: false });
    writer.write(event).then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        if (failing) return;
        failing = true;
        logger.log({ level: 'warn', msg: `job history: could not record the ECS task state ${change.lastStatus} of message ${messageId} (${toOneLine(error)}); processing goes on`, messageId });
      },
    );
  };
}

/**
 * Opens the job history and its sink. A store the user asked for that cannot be opened is a
 * usage error; the default one beside the queue is only warned about: work goes on without it.
 */
/** An open job history: its store, the sink writing to it, and where it is. */
interface OpenHistory {
  readonly store: JobStore;
  readonly sink: JobHistorySink;
  readonly location: JobHistoryLocation;
}

async function openHistory(options: WatchQueueOptions, clock: Clock): Promise<OpenHistory | undefined> {
  const settings = await withQueueRegion(options.jobHistory, options.address);
  if (settings === undefined) return undefined;
  const { logger } = options;
  let store: JobStore;
  try {
    store = openJobStore(settings.location, settings.retentionDays === undefined ? {} : { retentionDays: settings.retentionDays });
  } catch (error) {
    if (settings.requestedBy !== undefined) throw new UsageError(`${settings.requestedBy}: ${toOneLine(error)}`, { cause: error });
    logger.log({ level: 'warn', msg: `job history: off for this run: ${toOneLine(error)}` });
    return undefined;
  }
  logger.log({ level: 'info', msg: `job history: recording in ${describeJobHistory(settings.location)} (see: ${toJobsCommand(['list'], settings.location, options.address)})` });
  return { store, sink: createJobHistorySink({ store, logger, clock }), location: settings.location };
}

/** A DynamoDB history beside an SQS queue lives in the queue's region, unless one was given. */
async function withQueueRegion(settings: JobHistorySettings | undefined, address: QueueAddress): Promise<JobHistorySettings | undefined> {
  if (settings?.location.kind !== 'dynamodb' || settings.location.region !== undefined || address.kind !== 'sqs') return settings;
  // Already loaded by openQueue for this SQS queue.
  const { regionFromQueueUrl } = await import('@watchbot/sqs-adapter');
  const region = regionFromQueueUrl(address.url);
  return region === undefined ? settings : { ...settings, location: { ...settings.location, region } };
}

/** The queue's notifier, plus the webhook when one is given; every notification says where its job's history is. */
function createNotifier(options: WatchQueueOptions, queueNotifier: Notifier, clock: Clock, location: JobHistoryLocation | undefined): Notifier {
  const notifier =
    options.notifyWebhookUrl === undefined
      ? queueNotifier
      : combineNotifiers(queueNotifier, createWebhookNotifier({ url: options.notifyWebhookUrl, logger: options.logger, clock }));
  if (location === undefined) return notifier;
  return withHistoryPointer(notifier, (messageId) => toJobsCommand(['show', messageId], location, options.address));
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
