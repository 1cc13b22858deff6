/**
 * End to end through the real watcher: core's createWatcher on an in-memory work queue, the
 * ECS task runner, the router on a second in-memory queue, and the fake ECS emitting state
 * changes on the manual clock. Each message must end exactly as the outcome table says.
 */
import type { LifecycleEvent, LogEntry, Outcome } from '@watchbot/core';
import { createWatcher } from '@watchbot/core';
import { createManualClock, createMemoryNotifier, createMemoryQueue, createRecordingEventSink } from '@watchbot/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createEcsTaskRunner, createTaskEventRouter } from '../src/index.js';
import type { EcsTaskStateChange } from '../src/index.js';
import type { TaskStateSpec } from './ecs-events.js';
import { createFakeEcs } from './fake-ecs.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

function createStack(options: { maxJobDurationSeconds?: number; dropEvent?: (spec: TaskStateSpec) => boolean } = {}) {
  const clock = createManualClock();
  const work = createMemoryQueue({ clock });
  const taskEventsQueue = createMemoryQueue({ clock });
  const fake = createFakeEcs({ clock, events: taskEventsQueue, ...(options.dropEvent !== undefined && { dropEvent: options.dropEvent }) });
  const logs: LogEntry[] = [];
  const logger = { log: (entry: LogEntry) => logs.push(entry) };
  const router = createTaskEventRouter({ queue: taskEventsQueue, clock, logger });
  const taskStates: { messageId: string; change: EcsTaskStateChange }[] = [];
  const runner = createEcsTaskRunner({
    ecs: fake.ecs,
    cluster: 'watchbot',
    taskDefinition: 'demo-worker:3',
    containerName: 'worker',
    launchType: 'FARGATE',
    networkConfiguration: { subnets: ['subnet-0123456789abcdef0'] },
    taskEvents: router,
    clock,
    logger,
    random: () => 1,
    capacityRetry: { initialMs: 5000 },
    onTaskState: (messageId, change) => taskStates.push({ messageId, change }),
  });
  const events = createRecordingEventSink();
  const notifier = createMemoryNotifier();
  const watcher = createWatcher({
    queue: work,
    runner,
    clock,
    events,
    notifier,
    logger,
    concurrency: 10,
    receiveWaitMs: 1000,
    visibilityTimeoutSeconds: 30,
    stopTimeoutSeconds: 0,
    ...(options.maxJobDurationSeconds !== undefined && { maxJobDurationSeconds: options.maxJobDurationSeconds }),
  });
  router.start();
  const running = watcher.run();
  cleanups.push(async () => {
    await watcher.stop();
    await running;
    await router.stop();
    runner.close();
    fake.restore();
  });

  const send = async (...scripts: object[]): Promise<string[]> => work.send(scripts.map((script) => ({ body: JSON.stringify(script) })));
  /** The first outcome event of a message (succeeded, rejected, returned, failed, timed-out). */
  const outcomeOf = (messageId: string): LifecycleEvent | undefined =>
    events.events.find((event) => event.messageId === messageId && !['received', 'started', 'dead-lettered'].includes(event.type));
  /** Advances the clock a second at a time until `done()` or `limitMs`. */
  const advanceUntil = async (done: () => boolean, limitMs = 300_000): Promise<void> => {
    for (let elapsedMs = 0; !done() && elapsedMs < limitMs; elapsedMs += 1000) await clock.advance(1000);
    expect(done()).toBe(true);
  };
  return { clock, work, taskEventsQueue, fake, logs, router, runner, taskStates, events, notifier, watcher, send, outcomeOf, advanceUntil };
}

describe('ECS-task mode through the watcher', () => {
  it('settles tasks that exit 0, 3, 4 and 1, and one first refused for capacity, as the outcome table says', async () => {
    const stack = createStack();
    const [ok, rejected, noop, failed, crowded] = await stack.send({ exit: 0 }, { exit: 3 }, { exit: 4 }, { exit: 1 }, { exit: 0, capacityFailures: 1 });
    const ids = [ok!, rejected!, noop!, failed!, crowded!];
    await stack.advanceUntil(() => ids.every((id) => stack.outcomeOf(id) !== undefined));
    await stack.watcher.stop();

    const outcomes = Object.fromEntries(ids.map((id) => [id, stack.outcomeOf(id)!]));
    expect(outcomes[ok!]).toMatchObject({ type: 'succeeded', exitCode: 0 });
    expect(outcomes[rejected!]).toMatchObject({ type: 'rejected', exitCode: 3 });
    expect(outcomes[noop!]).toMatchObject({ type: 'returned', reason: 'noop', exitCode: 4, retryInSeconds: 2 });
    expect(outcomes[failed!]).toMatchObject({ type: 'failed', exitCode: 1, retryInSeconds: 2 });
    expect(outcomes[crowded!]).toMatchObject({ type: 'succeeded', exitCode: 0 });

    // Deleted: 0, 3 and the crowded one; handed back: 4 and 1.
    expect(stack.work.messages().map((message) => message.id).sort()).toEqual([noop!, failed!].sort());
    expect(stack.notifier.sent.map((notification) => [notification.messageId, notification.kind])).toEqual(
      expect.arrayContaining([
        [rejected!, 'rejected'],
        [failed!, 'failed'],
      ]),
    );
    expect(stack.notifier.sent.filter((notification) => [ok, noop, crowded].includes(notification.messageId))).toEqual([]);

    // One task per message, plus the refused RunTask; every task reported PROVISIONING … STOPPED.
    expect(stack.fake.runTaskCalls()).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      const statuses = stack.taskStates.filter((state) => state.messageId === id).map((state) => state.change.lastStatus);
      expect(statuses.slice(0, 4)).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPED']);
    }
    expect(stack.logs.some((entry) => entry.level === 'warn' && entry.messageId === crowded && /RESOURCE:MEMORY/.test(entry.msg))).toBe(true);
    expect(stack.router.counts().unknown).toBe(0);
  });

  it('hands the message back, without counting a failure, when the watcher stops while its task runs', async () => {
    const stack = createStack();
    const [id] = await stack.send({ exit: 0, runMs: 600_000 });
    await stack.advanceUntil(() => stack.taskStates.some((state) => state.change.lastStatus === 'RUNNING'));
    await stack.watcher.stop();

    expect(stack.outcomeOf(id!)).toMatchObject({ type: 'returned', reason: 'stopped', signal: 'SIGTERM' });
    expect(stack.events.typesFor(id!)).not.toContain('failed');
    expect(stack.notifier.sent).toEqual([]);
    const [message] = stack.work.messages();
    expect(message).toMatchObject({ id, receiveCount: 1 });
    expect(message!.visibleAtMs).toBeLessThanOrEqual(stack.clock.now());
    expect(stack.fake.stopRequests).toEqual([
      { cluster: 'watchbot', task: [...stack.fake.tasks.keys()][0], reason: 'Watchbot: the watcher is stopping; the message goes back to the queue' },
    ]);
  });

  it('stops a task that runs past maxJobDurationSeconds and returns its message as timed out', async () => {
    const stack = createStack({ maxJobDurationSeconds: 60 });
    const [id] = await stack.send({ exit: 0, runMs: 600_000 });
    await stack.advanceUntil(() => stack.outcomeOf(id!) !== undefined);
    expect(stack.outcomeOf(id!)).toMatchObject({ type: 'timed-out', exitCode: 143, signal: 'SIGTERM' });
    expect(stack.fake.stopRequests.map((request) => request.reason)).toEqual(['Watchbot: the job ran past its time limit']);
    expect(stack.notifier.sent.map((notification) => notification.kind)).toEqual(['failed']);
  });

  it('fails a task that never started its container, with the stop reason in the log', async () => {
    const stack = createStack();
    const [id] = await stack.send({ stopCode: 'TaskFailedToStart' });
    await stack.advanceUntil(() => stack.outcomeOf(id!) !== undefined);
    expect(stack.outcomeOf(id!)).toMatchObject({ type: 'failed', exitCode: null, signal: 'TaskFailedToStart' });
    expect(stack.logs.some((entry) => entry.level === 'warn' && entry.messageId === id && /stopped before container worker exited \(TaskFailedToStart/.test(entry.msg))).toBe(true);
  });

  it('settles a task whose STOPPED event never arrives, through DescribeTasks', async () => {
    const stack = createStack({ dropEvent: (spec) => spec.lastStatus === 'STOPPED' });
    const [id] = await stack.send({ exit: 3, runMs: 5000 });
    await stack.advanceUntil(() => stack.outcomeOf(id!) !== undefined);
    expect(stack.outcomeOf(id!)).toMatchObject({ type: 'rejected', exitCode: 3 });
    expect(stack.fake.describeCalls()).toBe(1);
  });
});
