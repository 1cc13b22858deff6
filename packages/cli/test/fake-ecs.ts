/**
 * A fake ECS for the CLI's task-mode tests (no ECS emulator exists), after
 * @watchbot/ecs-task-mode's test/fake-ecs.ts: every ECSClient the CLI creates answers through
 * aws-sdk-client-mock (a class-level mock), and each task's state changes — PROVISIONING,
 * RUNNING, STOPPED — go onto the events queue as EventBridge would put them, with ECS's
 * timestamps. What a task does comes from its message body, JSON: `{ "exit": 3 }` (default 0),
 * or `{ "stopCode": "TaskFailedToStart" }` for a task that never runs.
 */
import { DescribeTasksCommand, ECSClient, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import type { RunTaskCommandInput, StopTaskCommandInput, Task } from '@aws-sdk/client-ecs';
import type { Queue } from '@watchbot/core';
import { mockClient } from 'aws-sdk-client-mock';

/** One task's state. */
interface TaskState {
  readonly taskArn: string;
  readonly lastStatus: 'PROVISIONING' | 'RUNNING' | 'STOPPED';
  readonly version: number;
  readonly createdAtMs: number;
  readonly startedAtMs?: number;
  readonly stoppedAtMs?: number;
  readonly exitCode?: number;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
}

const clusterArn = 'arn:aws:ecs:us-east-1:111122223333:cluster/watchbot';
const taskDefinitionArn = 'arn:aws:ecs:us-east-1:111122223333:task-definition/demo-worker:3';

/** An "ECS Task State Change" body for `state`. */
function toEventBody(state: TaskState, containerName: string): string {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return JSON.stringify({
    version: '0',
    id: `event-${state.taskArn.slice(-6)}-${state.version}`,
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: '111122223333',
    time: new Date(state.stoppedAtMs ?? state.startedAtMs ?? state.createdAtMs).toISOString().replace(/\.\d+Z$/, 'Z'),
    region: 'us-east-1',
    resources: [state.taskArn],
    detail: {
      clusterArn,
      containers: [{ name: containerName, lastStatus: state.lastStatus === 'PROVISIONING' ? 'PENDING' : state.lastStatus, taskArn: state.taskArn, ...(state.exitCode !== undefined && { exitCode: state.exitCode }) }],
      createdAt: iso(state.createdAtMs),
      desiredStatus: state.lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING',
      group: 'family:demo-worker',
      lastStatus: state.lastStatus,
      launchType: 'FARGATE',
      startedBy: 'watchbot',
      ...(state.startedAtMs !== undefined && { startedAt: iso(state.startedAtMs) }),
      ...(state.stoppedAtMs !== undefined && { stoppedAt: iso(state.stoppedAtMs) }),
      ...(state.stopCode !== undefined && { stopCode: state.stopCode }),
      ...(state.stoppedReason !== undefined && { stoppedReason: state.stoppedReason }),
      taskArn: state.taskArn,
      taskDefinitionArn,
      version: state.version,
    },
  });
}

function toTask(state: TaskState, containerName: string): Task {
  return {
    taskArn: state.taskArn,
    clusterArn,
    lastStatus: state.lastStatus,
    desiredStatus: state.lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    containers: [{ name: containerName, lastStatus: state.lastStatus, ...(state.exitCode !== undefined && { exitCode: state.exitCode }) }],
    createdAt: new Date(state.createdAtMs),
    version: state.version,
  };
}

/** Options of {@link mockEcs}. */
export interface FakeEcsOptions {
  /** Where the tasks' state changes go: the events queue, through its own connection. */
  readonly events: Queue;
  /** The worker container's name. Default "worker". */
  readonly containerName?: string;
}

/** Mocks every ECSClient (restore with `restore()`); tasks run at once and report through `events`. */
export function mockEcs(options: FakeEcsOptions) {
  const containerName = options.containerName ?? 'worker';
  const mock = mockClient(ECSClient);
  const tasks = new Map<string, TaskState>();
  const runTaskInputs: RunTaskCommandInput[] = [];
  let nextTask = 0;

  // ECS is never instantaneous: each state it reports is stamped at least a millisecond after the
  // one before and after the call that caused it, as over a real network (else the watcher's
  // "started" and the task's creation could share a millisecond, in either order).
  let lastStampMs = 0;
  const stamp = (afterMs: number): number => {
    let nowMs = Date.now();
    while (nowMs <= Math.max(lastStampMs, afterMs)) nowMs = Date.now();
    lastStampMs = nowMs;
    return nowMs;
  };

  const variable = (input: RunTaskCommandInput, name: string): string | undefined =>
    input.overrides?.containerOverrides?.[0]?.environment?.find((entry) => entry.name === name)?.value;

  mock.on(RunTaskCommand).callsFake(async (input: RunTaskCommandInput) => {
    runTaskInputs.push(input);
    let script: { exit?: number; stopCode?: string } = {};
    try {
      script = JSON.parse(variable(input, 'Message') ?? '{}') as typeof script;
    } catch {
      // Any other body runs with the defaults.
    }
    const taskArn = `arn:aws:ecs:us-east-1:111122223333:task/watchbot/${String(++nextTask).padStart(32, '0')}`;
    const createdAtMs = stamp(Date.now());
    const provisioning: TaskState = { taskArn, lastStatus: 'PROVISIONING', version: 1, createdAtMs };
    let states: TaskState[];
    if (script.stopCode === undefined) {
      const running: TaskState = { ...provisioning, lastStatus: 'RUNNING', version: 2, startedAtMs: stamp(createdAtMs) };
      const stoppedAtMs = stamp(createdAtMs);
      states = [provisioning, running, { ...running, lastStatus: 'STOPPED', version: 3, stoppedAtMs, exitCode: script.exit ?? 0, stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' }];
    } else {
      const stoppedAtMs = stamp(createdAtMs);
      states = [provisioning, { ...provisioning, lastStatus: 'STOPPED', version: 2, stoppedAtMs, stopCode: script.stopCode, stoppedReason: `${script.stopCode}: CannotPullContainerError: pull access denied` }];
    }
    const stopped = states.at(-1)!;
    tasks.set(taskArn, stopped);
    await options.events.send(states.map((state) => ({ body: toEventBody(state, containerName) })));
    return { tasks: [toTask(provisioning, containerName)], failures: [] };
  });

  mock.on(StopTaskCommand).callsFake((input: StopTaskCommandInput) => {
    const task = tasks.get(input.task ?? '');
    if (task === undefined) throw new Error(`the fake has no task ${input.task}`);
    return { task: toTask(task, containerName) };
  });

  mock.on(DescribeTasksCommand).callsFake((input: { tasks?: string[] }) => ({
    tasks: (input.tasks ?? []).flatMap((arn) => {
      const task = tasks.get(arn);
      return task === undefined ? [] : [toTask(task, containerName)];
    }),
    failures: (input.tasks ?? []).filter((arn) => !tasks.has(arn)).map((arn) => ({ arn, reason: 'MISSING' })),
  }));

  return {
    /** Every RunTask request, in order. */
    runTaskInputs,
    /** The environment override RunTask was given for the message with this body. */
    variable,
    restore: () => mock.restore(),
  };
}
