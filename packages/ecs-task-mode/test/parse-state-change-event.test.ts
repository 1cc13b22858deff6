import { describe, expect, it } from 'vitest';
import { parseStateChangeEvent } from '../src/index.js';
import type { BatchJobStateChange, EcsTaskStateChange } from '../src/index.js';
import { readFixture, readFixtureJson } from './fixtures.js';

const taskArn = 'arn:aws:ecs:us-east-1:111122223333:task/watchbot/7d3f2a9c41e84b0f9c6a5e2b1d0f8a37';

function parseEcs(body: string): EcsTaskStateChange {
  const event = parseStateChangeEvent(body);
  if (event.kind !== 'ecs-task') throw new Error(`expected an ECS task event, got ${JSON.stringify(event)}`);
  return event;
}

function parseBatch(body: string): BatchJobStateChange {
  const event = parseStateChangeEvent(body);
  if (event.kind !== 'batch-job') throw new Error(`expected a Batch job event, got ${JSON.stringify(event)}`);
  return event;
}

function edited(name: string, edit: (event: Record<string, any>) => void): string {
  const event = readFixtureJson(name);
  edit(event);
  return JSON.stringify(event);
}

describe('ECS Task State Change events', () => {
  it('reads a task being provisioned: ARN, cluster, statuses, version and times in ms', () => {
    expect(parseEcs(readFixture('ecs-task-provisioning.json'))).toEqual({
      kind: 'ecs-task',
      taskArn,
      clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/watchbot',
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      containers: [{ name: 'worker', lastStatus: 'PENDING' }],
      startedBy: 'watchbot/demo',
      group: 'family:demo-WatchbotWorker',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:111122223333:task-definition/demo-WatchbotWorker:3',
      createdAtMs: Date.parse('2026-03-02T10:14:55.402Z'),
      eventTimeMs: Date.parse('2026-03-02T10:14:55Z'),
      version: 1,
    });
  });

  it('reads the worker container exit code, stop code and reason of a stopped task', () => {
    const event = parseEcs(readFixture('ecs-task-stopped-exit-0.json'));
    expect(event).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'worker', lastStatus: 'STOPPED', exitCode: 0 }],
      startedAtMs: Date.parse('2026-03-02T10:15:31.204Z'),
      stoppedAtMs: Date.parse('2026-03-02T10:17:35.981Z'),
      version: 6,
    });
    expect(parseEcs(readFixture('ecs-task-stopped-exit-3.json')).containers[0]!.exitCode).toBe(3);
  });

  it('reads a container killed for memory with its reason', () => {
    expect(parseEcs(readFixture('ecs-task-stopped-out-of-memory.json')).containers).toEqual([
      { name: 'worker', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' },
    ]);
  });

  it('reads a task that failed to start: no exit code, TaskFailedToStart and the pull error', () => {
    const event = parseEcs(readFixture('ecs-task-failed-to-start.json'));
    expect(event.stopCode).toBe('TaskFailedToStart');
    expect(event.stoppedReason).toMatch(/^CannotPullContainerError/);
    expect(event.containers[0]!.exitCode).toBeUndefined();
    expect(event.containers[0]!.reason).toMatch(/^CannotPullContainerError/);
  });

  it('reads a Fargate Spot interruption', () => {
    const event = parseEcs(readFixture('ecs-task-spot-interrupted.json'));
    expect(event).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.', version: 7 });
  });

  it('reads the same event wrapped in an SNS envelope', () => {
    expect(parseStateChangeEvent(readFixture('sns-wrapped-ecs-task-stopped.json'))).toEqual(parseStateChangeEvent(readFixture('ecs-task-stopped-exit-0.json')));
  });

  it('ignores fields it does not know, so new AWS fields never break parsing', () => {
    const body = edited('ecs-task-running.json', (event) => {
      event.detail.someFutureField = { nested: [1, 2, 3] };
      event.detail.containers[0].gpuIds = ['0'];
      event.newEnvelopeField = true;
    });
    expect(parseEcs(body)).toEqual(parseEcs(readFixture('ecs-task-running.json')));
  });

  it('accepts a task whose optional fields are null or absent', () => {
    const body = edited('ecs-task-pending.json', (event) => {
      event.detail.startedBy = null;
      delete event.detail.version;
      delete event.detail.createdAt;
      delete event.detail.containers;
    });
    const parsed = parseEcs(body);
    expect(parsed.startedBy).toBeUndefined();
    expect(parsed.version).toBeUndefined();
    expect(parsed.createdAtMs).toBeUndefined();
    expect(parsed.containers).toEqual([]);
  });
});

describe('Batch Job State Change events', () => {
  it('reads a runnable job with no attempts yet and epoch-ms times', () => {
    expect(parseBatch(readFixture('batch-job-runnable.json'))).toEqual({
      kind: 'batch-job',
      jobId: '4c7599ae-0a82-49aa-ba5a-4727fcce14a8',
      jobName: 'event-test',
      jobQueue: 'arn:aws:batch:us-east-1:111122223333:job-queue/HighPriority',
      status: 'RUNNABLE',
      attempts: 0,
      createdAtMs: 1772446495120,
      eventTimeMs: Date.parse('2026-03-02T10:14:56Z'),
    });
  });

  it('reads a succeeded job: one attempt, exit code 0, start and stop times', () => {
    expect(parseBatch(readFixture('batch-job-succeeded.json'))).toMatchObject({
      status: 'SUCCEEDED',
      statusReason: 'Essential container in task exited',
      attempts: 1,
      exitCode: 0,
      startedAtMs: 1772446530412,
      stoppedAtMs: 1772446590877,
    });
  });

  it('takes the exit code of the latest attempt of a job that was retried', () => {
    expect(parseBatch(readFixture('batch-job-failed-after-retry.json'))).toMatchObject({ status: 'FAILED', attempts: 2, exitCode: 2 });
  });
});

describe('bodies that are not a task or job state change', () => {
  const cases: [string, string, RegExp][] = [
    ['not JSON', 'hello world', /^not JSON$/],
    ['truncated JSON', readFixture('ecs-task-running.json').slice(0, 200), /^not JSON$/],
    ['a JSON array', '[1,2,3]', /not an EventBridge event: the body is an array/],
    ['a JSON string', '"ECS Task State Change"', /not an EventBridge event/],
    ['an object without detail-type', '{"source":"aws.ecs","detail":{}}', /lacks detail-type, source or detail/],
    ['another ECS event', readFixture('ecs-container-instance-state-change.json'), /^another event: "ECS Container Instance State Change" from "aws.ecs"$/],
    ['a task event from another source', edited('ecs-task-running.json', (e) => (e.source = 'my.app')), /another event/],
    ['a task event without taskArn', edited('ecs-task-running.json', (e) => delete e.detail.taskArn), /^detail\.taskArn is missing; expected a non-empty string$/],
    ['a task event with an empty lastStatus', edited('ecs-task-running.json', (e) => (e.detail.lastStatus = '')), /detail\.lastStatus is empty/],
    ['a task event with a version in a string', edited('ecs-task-running.json', (e) => (e.detail.version = '3')), /detail\.version is the string "3"; expected a whole number/],
    ['a task event with a string exit code', edited('ecs-task-stopped-exit-0.json', (e) => (e.detail.containers[0].exitCode = '0')), /detail\.containers\[0\]\.exitCode/],
    ['a task event with a container that is not an object', edited('ecs-task-running.json', (e) => (e.detail.containers = ['worker'])), /detail\.containers\[0\] is the string "worker"; expected an object/],
    ['a task event with an unreadable time', edited('ecs-task-running.json', (e) => (e.time = 'yesterday')), /^time is the string "yesterday"/],
    ['a task event with a bad createdAt', edited('ecs-task-running.json', (e) => (e.detail.createdAt = true)), /detail\.createdAt is boolean true/],
    ['a task event whose detail is a list', edited('ecs-task-running.json', (e) => (e.detail = [])), /^detail is an array; expected an object$/],
    ['a Batch event without jobQueue', edited('batch-job-runnable.json', (e) => delete e.detail.jobQueue), /detail\.jobQueue is missing/],
    ['a Batch event whose attempts is an object', edited('batch-job-runnable.json', (e) => (e.detail.attempts = {})), /detail\.attempts is an object; expected an array/],
    ['an SNS envelope whose Message is not JSON', JSON.stringify({ Type: 'Notification', TopicArn: 'arn:aws:sns:us-east-1:111122223333:t', Message: 'hi' }), /SNS envelope whose Message is not JSON/],
  ];

  it.each(cases)('%s is unknown, with a one-line reason naming what is wrong', (_name, body, reason) => {
    const event = parseStateChangeEvent(body);
    expect(event.kind).toBe('unknown');
    if (event.kind !== 'unknown') return;
    expect(event.reason).toMatch(reason);
    expect(event.reason).not.toContain('\n');
  });
});
