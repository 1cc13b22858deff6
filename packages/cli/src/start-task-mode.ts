/**
 * Starts ECS-task mode for one watcher session: opens the events queue (through the same path
 * as any queue), creates the ECS client in the right region, the task-event router and the ECS
 * task runner, and starts the router. The ECS SDK and @watchbot/ecs-task-mode are loaded here,
 * on demand, so the embedded path never pays for them.
 */
import type { Clock, Logger, Runner } from '@watchbot/core';
import type { EcsTaskStateChange } from '@watchbot/ecs-task-mode';
import { openQueue } from './open-queue.js';
import type { QueueAddress } from './queue-address.js';
import type { TaskModeConfig } from './task-mode-options.js';

/** What task mode needs from the session. */
export interface StartTaskModeOptions {
  /** The task-mode settings. */
  readonly config: TaskModeConfig;
  /** The work queue (its URL's region is the last guess at ECS's region). */
  readonly workQueue: QueueAddress;
  /** The environment: AWS_REGION and AWS_DEFAULT_REGION when nothing else names a region. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the router and the runner log. */
  readonly logger: Logger;
  /** Time and timers. */
  readonly clock: Clock;
  /** Called with every newer state of a message's task (job history). */
  readonly onTaskState?: (messageId: string, change: EcsTaskStateChange) => void;
}

/** Task mode, running. */
export interface RunningTaskMode {
  /** The runner to hand the watcher: one ECS task per message. */
  readonly runner: Runner;
  /** The region the ECS client uses, where one was found (else the SDK's own default). */
  readonly region: string | undefined;
  /** Stops the router, the runner's timers and the client, and closes the events queue. Call once the watcher has stopped. */
  stop(): Promise<void>;
}

const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** ECS's region: the cluster ARN's, else the events queue URL's, else the work queue URL's, else AWS_REGION / AWS_DEFAULT_REGION. */
async function findRegion(options: StartTaskModeOptions): Promise<string | undefined> {
  const fromArn = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):/.exec(options.config.runner.cluster)?.[1];
  if (fromArn !== undefined && regionPattern.test(fromArn)) return fromArn;
  const urls = [options.config.eventsQueue, options.workQueue].filter((address) => address.kind === 'sqs').map((address) => address.url);
  if (urls.length > 0) {
    const { regionFromQueueUrl } = await import('@watchbot/sqs-adapter');
    for (const url of urls) {
      const region = regionFromQueueUrl(url);
      if (region !== undefined) return region;
    }
  }
  return [options.env.AWS_REGION, options.env.AWS_DEFAULT_REGION].map((value) => value?.trim()).find((value) => value !== undefined && value !== '');
}

/**
 * Starts task mode.
 * @throws WatchbotError QUEUE_NOT_FOUND when the events queue cannot be opened (naming its flag
 *   or variable); INVALID_OPTION for settings the runner refuses.
 */
export async function startTaskMode(options: StartTaskModeOptions): Promise<RunningTaskMode> {
  const { config, logger, clock } = options;
  const [{ createEcsTaskRunner, createTaskEventRouter }, { ECSClient }] = await Promise.all([import('@watchbot/ecs-task-mode'), import('@aws-sdk/client-ecs')]);
  const eventsQueue = await openQueue(config.eventsQueue, { option: config.eventsQueueOption, logger });
  const region = await findRegion(options);
  const ecs = new ECSClient(region === undefined ? {} : { region });
  try {
    const router = createTaskEventRouter({ queue: eventsQueue, clock, logger });
    const runner = createEcsTaskRunner({
      ...config.runner,
      ecs,
      taskEvents: router,
      clock,
      logger,
      ...(options.onTaskState !== undefined && { onTaskState: options.onTaskState }),
    });
    router.start();
    return {
      runner,
      region,
      async stop() {
        try {
          await router.stop();
          runner.close();
        } finally {
          ecs.destroy();
          await eventsQueue.close();
        }
      },
    };
  } catch (error) {
    ecs.destroy();
    await eventsQueue.close();
    throw error;
  }
}
