/**
 * Recorded ECS and Batch events as the job history stores them and as failure notifications:
 * what `watchbot track` and task-mode `listen` record.
 */
import { parseStateChangeEvent } from '@watchbot/ecs-task-mode';
import type { KnownStateChange } from '@watchbot/ecs-task-mode';
import { describe, expect, it } from 'vitest';
import { toFailureNotification } from '../src/state-change-failure.js';
import { toStateChangeJobEvent, toTaskJobEvent } from '../src/state-change-job-event.js';
import type { stateChangeFixtures } from './state-change-fixtures.js';
import { fixtureJobs, readStateChange } from './state-change-fixtures.js';

const nowMs = Date.parse('2026-06-01T12:00:00Z');

function parse(name: (typeof stateChangeFixtures)[number]): KnownStateChange {
  const event = parseStateChangeEvent(readStateChange(name, nowMs, 0));
  if (event.kind === 'unknown') throw new Error(`${name} did not parse: ${event.reason}`);
  return event;
}

describe('state changes as job events', () => {
  it('records a task killed for memory under its ARN, with exit 137, its run time and the reasons', () => {
    const event = toStateChangeJobEvent(parse('ecs-task-stopped-out-of-memory.json'));
    expect(event).toEqual({
      jobId: fixtureJobs.taskA,
      timeMs: Date.parse('2026-06-01T11:57:35.981Z'),
      type: 'STOPPED',
      source: 'ecs',
      exitCode: 137,
      durationMs: 124_777,
      detail: 'EssentialContainerExited: Essential container in task exited; container worker: OutOfMemoryError: Container killed due to memory usage',
      subject: 'demo-WatchbotWorker:3',
      host: 'cluster/watchbot',
    });
  });

  it('dates a task that started running by ECS startedAt, to the millisecond', () => {
    const event = toStateChangeJobEvent(parse('ecs-task-running.json'));
    expect(event).toMatchObject({ type: 'RUNNING', timeMs: Date.parse('2026-06-01T11:55:31.204Z') });
    expect(event).not.toHaveProperty('exitCode');
    expect(event).not.toHaveProperty('detail');
  });

  it('reads a task event that came through SNS', () => {
    expect(toStateChangeJobEvent(parse('sns-wrapped-ecs-task-b-stopped-exit-0.json'))).toMatchObject({ jobId: fixtureJobs.taskB, type: 'STOPPED', exitCode: 0 });
  });

  it('records a Batch job with its attempt count, latest exit code, reason and job name', () => {
    expect(toStateChangeJobEvent(parse('batch-job-failed-after-retry.json'))).toEqual({
      jobId: fixtureJobs.batchX,
      timeMs: Date.parse('2026-06-01T11:59:02Z'),
      type: 'FAILED',
      source: 'batch',
      attempt: 2,
      exitCode: 2,
      durationMs: 91_181,
      detail: 'Essential container in task exited',
      subject: 'event-test',
      host: 'job-queue/HighPriority',
    });
    expect(toStateChangeJobEvent(parse('batch-job-runnable.json'))).toMatchObject({ type: 'RUNNABLE', subject: 'event-test' });
  });

  it("records a task-mode message's task under the message id, with the worker container's exit code", () => {
    const change = parse('ecs-task-stopped-out-of-memory.json');
    if (change.kind !== 'ecs-task') throw new Error('expected an ECS event');
    const event = toTaskJobEvent(change, { jobId: 'message-1', containerName: 'worker', host: 'task/watchbot/7d3f', withSubject: false });
    expect(event).toMatchObject({ jobId: 'message-1', type: 'STOPPED', exitCode: 137, host: 'task/watchbot/7d3f' });
    expect(event).not.toHaveProperty('subject');
    // A container the task does not have never exited: no exit code.
    expect(toTaskJobEvent(change, { containerName: 'sidecar' })).toMatchObject({ exitCode: null });
  });
});

describe('failure notifications', () => {
  it('notifies a task killed for memory, naming the task, its definition, the exit code and why', () => {
    expect(toFailureNotification(parse('ecs-task-stopped-out-of-memory.json'))).toEqual({
      kind: 'failed',
      messageId: fixtureJobs.taskA,
      subject: 'demo-WatchbotWorker:3',
      exitCode: 137,
      signal: null,
      receiveCount: 1,
      outputTail: [],
      summary:
        '[failure] ECS task 7d3f2a9c41e84b0f9c6a5e2b1d0f8a37 (demo-WatchbotWorker:3) in cluster/watchbot stopped with exit code 137: EssentialContainerExited: Essential container in task exited; container worker: OutOfMemoryError: Container killed due to memory usage',
      timeMs: Date.parse('2026-06-01T11:57:35Z'),
    });
  });

  it('notifies a Batch job that failed, with its attempts', () => {
    expect(toFailureNotification(parse('batch-job-failed-after-retry.json'))).toMatchObject({
      kind: 'failed',
      messageId: fixtureJobs.batchX,
      subject: 'event-test',
      exitCode: 2,
      receiveCount: 2,
      summary: '[failure] Batch job event-test (4c7599ae-0a82-49aa-ba5a-4727fcce14a8) in job-queue/HighPriority failed after 2 attempts with exit code 2: Essential container in task exited',
    });
  });

  it('notifies a task that stopped without running, with its stop code as the signal', () => {
    const change = parse('ecs-task-stopped-out-of-memory.json');
    if (change.kind !== 'ecs-task') throw new Error('expected an ECS event');
    const neverRan = { ...change, stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: pull access denied', containers: [{ name: 'worker', lastStatus: 'STOPPED' }] };
    expect(toFailureNotification(neverRan)).toMatchObject({ exitCode: null, signal: 'TaskFailedToStart', summary: expect.stringContaining('stopped without an exit code: TaskFailedToStart: CannotPullContainerError') });
  });

  it('sends nothing for a task that exited 0, one still running, or a Batch job that succeeded or waits', () => {
    for (const name of ['sns-wrapped-ecs-task-b-stopped-exit-0.json', 'ecs-task-running.json', 'batch-job-y-succeeded.json', 'batch-job-runnable.json'] as const) {
      expect(toFailureNotification(parse(name))).toBeUndefined();
    }
  });
});
