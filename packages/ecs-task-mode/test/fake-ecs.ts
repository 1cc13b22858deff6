/**
 * A fake ECS for end-to-end tests (no ECS emulator exists): it answers RunTask, StopTask and
 * DescribeTasks for an ECSClient (through aws-sdk-client-mock), and, driven by the manual
 * clock, moves each task PROVISIONING → PENDING → RUNNING → STOPPED, putting each change on
 * the events queue as EventBridge would. What a task does comes from its message body, JSON:
 * `{ "exit": 3, "runMs": 30000, "capacityFailures": 1, "stopCode": "TaskFailedToStart" }`.
 */
import { DescribeTasksCommand, ECSClient, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import type { DescribeTasksCommandInput, RunTaskCommandInput, StopTaskCommandInput } from '@aws-sdk/client-ecs';
import type { Queue, TimerHandle } from '@watchbot/core';
import type { ManualClock } from '@watchbot/core/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { TaskStateSpec } from './ecs-events.js';
import { toEventBody, toTask, toTaskArn } from './ecs-events.js';

/** What one message's task does. */
interface TaskScript {
  /** The worker's exit code. Default 0. */
  readonly exit?: number;
  /** How long the worker runs once RUNNING, in ms. Default 10000. */
  readonly runMs?: number;
  /** RunTask answers RESOURCE:MEMORY this many times before placing the task. Default 0. */
  readonly capacityFailures?: number;
  /** Stop without a container exit code, with this stop code (e.g. TaskFailedToStart). */
  readonly stopCode?: string;
}

/** One task the fake runs. */
export interface FakeTask {
  readonly taskArn: string;
  readonly messageId: string;
  state: TaskStateSpec;
  timers: TimerHandle[];
}

/** Options for {@link createFakeEcs}. */
export interface FakeEcsOptions {
  readonly clock: ManualClock;
  /** Where the task state changes go (the router's queue). */
  readonly events: Queue;
  /** Events for which this returns true are never delivered (a lost or very late event). */
  readonly dropEvent?: (spec: TaskStateSpec) => boolean;
}

/** Phase durations, in ms after RunTask. */
const pendingAtMs = 5000;
const runningAtMs = 15_000;
/** From StopTask (or the worker's exit) to STOPPED, in ms. */
const stoppingMs = 3000;

/** Creates the fake and the client it answers for. */
export function createFakeEcs(options: FakeEcsOptions) {
  const { clock, events } = options;
  const ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const mock = mockClient(ecs);
  const tasks = new Map<string, FakeTask>();
  const capacityFailuresSoFar = new Map<string, number>();
  const stopRequests: StopTaskCommandInput[] = [];
  let nextTask = 0;

  const publish = (task: FakeTask, change: Partial<TaskStateSpec>): void => {
    const version = (task.state.version ?? 0) + 1;
    task.state = { ...task.state, ...change, version, timeMs: clock.now() };
    if (options.dropEvent?.(task.state)) return;
    void events.send([{ body: toEventBody(task.state) }]);
  };

  const stopAfter = (task: FakeTask, delayMs: number, change: Partial<TaskStateSpec>): void => {
    task.timers.push(clock.setTimeout(() => publish(task, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', ...change }), delayMs));
  };

  const scriptOf = (input: RunTaskCommandInput): { messageId: string; script: TaskScript } => {
    const environment = input.overrides?.containerOverrides?.[0]?.environment ?? [];
    const variable = (name: string): string => environment.find((entry) => entry.name === name)?.value ?? '';
    let script: TaskScript = {};
    try {
      script = JSON.parse(variable('Message')) as TaskScript;
    } catch {
      // A body that is not a script runs with the defaults.
    }
    return { messageId: variable('MessageId'), script };
  };

  mock.on(RunTaskCommand).callsFake((input: RunTaskCommandInput) => {
    const { messageId, script } = scriptOf(input);
    const failuresSoFar = capacityFailuresSoFar.get(messageId) ?? 0;
    if (failuresSoFar < (script.capacityFailures ?? 0)) {
      capacityFailuresSoFar.set(messageId, failuresSoFar + 1);
      return { tasks: [], failures: [{ arn: 'arn:aws:ecs:us-east-1:111122223333:container-instance/watchbot/full', reason: 'RESOURCE:MEMORY' }] };
    }
    const taskArn = toTaskArn(++nextTask);
    const task: FakeTask = { taskArn, messageId, state: { taskArn, lastStatus: 'PROVISIONING', version: 0, timeMs: clock.now() }, timers: [] };
    tasks.set(taskArn, task);
    publish(task, { lastStatus: 'PROVISIONING' });
    if (script.stopCode !== undefined) {
      stopAfter(task, pendingAtMs, { stopCode: script.stopCode, stoppedReason: `${script.stopCode}: the fake said so` });
    } else {
      task.timers.push(clock.setTimeout(() => publish(task, { lastStatus: 'PENDING' }), pendingAtMs));
      task.timers.push(clock.setTimeout(() => publish(task, { lastStatus: 'RUNNING' }), runningAtMs));
      stopAfter(task, runningAtMs + (script.runMs ?? 10_000) + stoppingMs, {
        exitCode: script.exit ?? 0,
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
      });
    }
    return { tasks: [toTask(task.state)], failures: [] };
  });

  mock.on(StopTaskCommand).callsFake((input: StopTaskCommandInput) => {
    stopRequests.push(input);
    const task = tasks.get(input.task ?? '');
    if (task === undefined) throw new Error(`the fake has no task ${input.task}`);
    if (task.state.lastStatus !== 'STOPPED') {
      for (const timer of task.timers) clock.clearTimeout(timer);
      task.timers = [];
      publish(task, { desiredStatus: 'STOPPED' });
      stopAfter(task, stoppingMs, { exitCode: 143, stopCode: 'UserInitiated', stoppedReason: input.reason ?? 'Task stopped by user' });
    }
    return { task: toTask(task.state) };
  });

  mock.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) => {
    const known = (input.tasks ?? []).map((arn) => tasks.get(arn));
    return {
      tasks: known.filter((task) => task !== undefined).map((task) => toTask(task.state)),
      failures: (input.tasks ?? []).filter((arn) => !tasks.has(arn)).map((arn) => ({ arn, reason: 'MISSING' })),
    };
  });

  return {
    ecs,
    mock,
    tasks,
    stopRequests,
    /** How many RunTask calls the fake answered. */
    runTaskCalls: () => mock.commandCalls(RunTaskCommand).length,
    describeCalls: () => mock.commandCalls(DescribeTasksCommand).length,
    restore: () => mock.restore(),
  };
}
