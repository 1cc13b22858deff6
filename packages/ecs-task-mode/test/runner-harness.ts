/**
 * A runner over a mocked ECS client (aws-sdk-client-mock: no ECS emulator exists), the real
 * router on an in-memory events queue, and a manual clock; plus jobs the test can abort.
 */
import { ECSClient } from '@aws-sdk/client-ecs';
import type { AbortReason, LogEntry, WorkerJob, WorkerResult } from '@watchbot/core';
import { toWorkMessage } from '@watchbot/core';
import { createManualClock, createMemoryQueue } from '@watchbot/core/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { createEcsTaskRunner, createTaskEventRouter } from '../src/index.js';
import type { EcsTaskRunnerOptions, EcsTaskStateChange } from '../src/index.js';

/** A job handed to the runner, with what it reported. */
export interface TestJob {
  readonly job: WorkerJob;
  readonly warnings: string[];
  readonly result: Promise<WorkerResult>;
  /** The result once settled, else undefined. */
  settled(): WorkerResult | undefined;
  abort(reason: AbortReason): void;
}

export function createRunnerHarness(options: Partial<Omit<EcsTaskRunnerOptions, 'ecs' | 'taskEvents' | 'clock' | 'logger'>> = {}) {
  const clock = createManualClock();
  const ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const ecsMock = mockClient(ecs);
  const events = createMemoryQueue({ clock });
  const logs: LogEntry[] = [];
  const logger = { log: (entry: LogEntry) => logs.push(entry) };
  const router = createTaskEventRouter({ queue: events, clock, logger });
  const states: { messageId: string; change: EcsTaskStateChange }[] = [];
  const runner = createEcsTaskRunner({
    ecs,
    cluster: 'watchbot',
    taskDefinition: 'demo-worker:3',
    containerName: 'worker',
    taskEvents: router,
    clock,
    logger,
    random: () => 1,
    onTaskState: (messageId, change) => states.push({ messageId, change }),
    ...options,
  });
  router.start();
  let sequence = 0;

  /** Starts a job for a message with `body`. */
  const start = (body: string, message: { id?: string; receiveCount?: number; subject?: string } = {}): TestJob => {
    const controller = new AbortController();
    const warnings: string[] = [];
    const now = clock.now();
    const job: WorkerJob = {
      message: toWorkMessage({
        id: message.id ?? `message-${++sequence}`,
        body,
        receiptHandle: `receipt-${sequence}`,
        receiveCount: message.receiveCount ?? 1,
        sentAtMs: now - 1000,
        firstReceivedAtMs: now,
        ...(message.subject !== undefined && { subject: message.subject }),
      }),
      signal: controller.signal,
      onOutput: () => undefined,
      onWarning: (warning) => warnings.push(warning),
    };
    let outcome: WorkerResult | undefined;
    const result = runner.run(job).then((value) => (outcome = value));
    return { job, warnings, result, settled: () => outcome, abort: (reason) => controller.abort(reason) };
  };

  /** Puts an event body on the events queue and lets the router deliver it. */
  const emit = async (...bodies: string[]): Promise<void> => {
    await events.send(bodies.map((body) => ({ body })));
    await clock.settle();
  };

  const close = async (): Promise<void> => {
    await router.stop();
    runner.close();
    ecsMock.restore();
  };

  return { clock, ecs, ecsMock, events, logs, router, runner, states, start, emit, close };
}
