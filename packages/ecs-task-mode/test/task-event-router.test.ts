import type { LogEntry, Queue } from '@watchbot/core';
import { createManualClock, createMemoryQueue } from '@watchbot/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTaskEventRouter } from '../src/index.js';
import type { EcsTaskStateChange, KnownStateChange, TaskEventRouter, TaskEventRouterOptions } from '../src/index.js';
import { readFixture, readFixtureJson } from './fixtures.js';

const taskArn = 'arn:aws:ecs:us-east-1:111122223333:task/watchbot/7d3f2a9c41e84b0f9c6a5e2b1d0f8a37';
const otherTaskArn = 'arn:aws:ecs:us-east-1:111122223333:task/watchbot/0000000000000000000000000000aaaa';

let routers: TaskEventRouter[] = [];
afterEach(async () => {
  await Promise.all(routers.map((router) => router.stop()));
  routers = [];
});

function setup(options: Partial<TaskEventRouterOptions> = {}, wrapQueue: (queue: Queue) => Queue = (queue) => queue) {
  const clock = createManualClock();
  const events = createMemoryQueue({ clock });
  const logs: LogEntry[] = [];
  const router = createTaskEventRouter({ queue: wrapQueue(events), clock, logger: { log: (entry) => logs.push(entry) }, ...options });
  routers.push(router);
  const seen: EcsTaskStateChange[] = [];
  const send = async (...bodies: string[]): Promise<void> => {
    await events.send(bodies.map((body) => ({ body })));
    await clock.settle();
  };
  return { clock, events, logs, router, seen, send, listen: (arn = taskArn) => router.register(arn, (change) => seen.push(change)) };
}

/** A fixture with another task ARN, version or status. */
function variant(name: string, edit: Partial<{ taskArn: string; version: number | undefined; lastStatus: string }>): string {
  const event = readFixtureJson(name);
  if (edit.taskArn !== undefined) event.detail.taskArn = edit.taskArn;
  if ('version' in edit) {
    if (edit.version === undefined) delete event.detail.version;
    else event.detail.version = edit.version;
  }
  if (edit.lastStatus !== undefined) event.detail.lastStatus = edit.lastStatus;
  return JSON.stringify(event);
}

describe('the task-event router', () => {
  it('hands a registered task its events in order and deletes every message it read', async () => {
    const { router, events, seen, send, listen } = setup();
    listen();
    router.start();
    await send(readFixture('ecs-task-provisioning.json'), readFixture('ecs-task-pending.json'));
    await send(readFixture('ecs-task-running.json'));
    await send(readFixture('ecs-task-stopped-exit-0.json'));
    expect(seen.map((change) => change.lastStatus)).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPED']);
    expect(events.messages()).toEqual([]);
    expect(router.counts()).toMatchObject({ received: 4, dispatched: 4, unmatched: 0, unknown: 0 });
  });

  it('deletes and counts events for tasks nobody registered, without handing them to anyone', async () => {
    const { router, events, seen, send, listen } = setup();
    listen();
    router.start();
    await send(variant('ecs-task-running.json', { taskArn: otherTaskArn }), variant('ecs-task-stopped-exit-0.json', { taskArn: otherTaskArn }));
    expect(seen).toEqual([]);
    expect(events.messages()).toEqual([]);
    expect(router.counts()).toMatchObject({ received: 2, unmatched: 2, dispatched: 0 });
  });

  it('never moves a task back: a RUNNING that arrives after STOPPED is ignored (by version)', async () => {
    const { router, seen, send, listen } = setup();
    listen();
    router.start();
    await send(readFixture('ecs-task-stopped-exit-0.json'));
    await send(readFixture('ecs-task-running.json'), readFixture('ecs-task-pending.json'));
    expect(seen.map((change) => change.lastStatus)).toEqual(['STOPPED']);
    expect(router.counts().stale).toBe(2);
  });

  it('orders events without a version by status, and drops repeats', async () => {
    const { router, seen, send, listen } = setup();
    listen();
    router.start();
    const running = variant('ecs-task-running.json', { version: undefined });
    await send(running, variant('ecs-task-provisioning.json', { version: undefined }), running);
    await send(variant('ecs-task-stopped-exit-0.json', { version: undefined }), running);
    expect(seen.map((change) => change.lastStatus)).toEqual(['RUNNING', 'STOPPED']);
  });

  it('logs one clear line for a body that is not an event, deletes it, and keeps routing', async () => {
    const { router, events, logs, seen, send, listen } = setup();
    listen();
    router.start();
    await send('{"truncated": ', readFixture('ecs-container-instance-state-change.json'), readFixture('ecs-task-running.json'));
    expect(seen.map((change) => change.lastStatus)).toEqual(['RUNNING']);
    const warnings = logs.filter((entry) => entry.level === 'warn');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.msg).toMatch(/not a task or job state change \(not JSON\); deleted it: "\{\\"truncated\\": "/);
    expect(warnings[1]!.msg).toMatch(/another event: "ECS Container Instance State Change" from "aws.ecs"/);
    expect(events.messages()).toEqual([]);
    expect(router.counts().unknown).toBe(2);
  });

  it('routes events that came through an SNS topic', async () => {
    const { router, seen, send, listen } = setup();
    listen();
    router.start();
    await send(readFixture('sns-wrapped-ecs-task-stopped.json'));
    expect(seen).toEqual([expect.objectContaining({ taskArn, lastStatus: 'STOPPED' })]);
  });

  it('hands an event that overtook the registration to the listener when it registers', async () => {
    const { router, seen, send, listen } = setup({ pollWhenIdle: true });
    router.start();
    await send(readFixture('ecs-task-pending.json'));
    expect(seen).toEqual([]);
    listen();
    expect(seen.map((change) => change.lastStatus)).toEqual(['PENDING']);
  });

  it('passes every parsed event, Batch jobs included, to onEvent, and deletes them', async () => {
    const all: KnownStateChange[] = [];
    const { router, events, send } = setup({ pollWhenIdle: true, onEvent: (event) => all.push(event) });
    router.start();
    await send(readFixture('batch-job-succeeded.json'), readFixture('ecs-task-running.json'), 'junk');
    expect(all.map((event) => event.kind)).toEqual(['batch-job', 'ecs-task']);
    expect(events.messages()).toEqual([]);
    expect(router.counts()).toMatchObject({ batch: 1, unmatched: 1, unknown: 1 });
  });

  it('makes no calls to the queue while no task is registered, and starts when one is', async () => {
    let receives = 0;
    const { router, clock, seen, send, listen } = setup({}, (queue) => ({
      ...queue,
      receive: (count, options) => {
        receives += 1;
        return queue.receive(count, options);
      },
    }));
    router.start();
    await send(readFixture('ecs-task-running.json'));
    await clock.advance(120_000);
    expect(receives).toBe(0);
    listen();
    await clock.settle();
    expect(receives).toBeGreaterThan(0);
    expect(seen.map((change) => change.lastStatus)).toEqual(['RUNNING']);
  });

  it('long-polls an idle queue: a few receives a minute, not a hot loop', async () => {
    let receives = 0;
    const { router, clock, listen } = setup({ waitMs: 20_000 }, (queue) => ({
      ...queue,
      receive: (count, options) => {
        receives += 1;
        return queue.receive(count, options);
      },
    }));
    listen();
    router.start();
    await clock.advance(60_000);
    expect(receives).toBeGreaterThanOrEqual(3);
    expect(receives).toBeLessThanOrEqual(4);
  });

  it('pauses between receives from a queue that answers at once (no long poll)', async () => {
    let receives = 0;
    const { router, clock, listen } = setup({ waitMs: 0 }, (queue) => ({
      ...queue,
      receive: async () => {
        receives += 1;
        return [];
      },
    }));
    listen();
    router.start();
    await clock.advance(10_000);
    expect(receives).toBeLessThanOrEqual(11);
  });

  it('backs off while the queue fails, logs it, and recovers by itself', async () => {
    let failing = true;
    let receives = 0;
    const { router, clock, logs, seen, send, listen } = setup({ random: () => 1 }, (queue) => ({
      ...queue,
      receive: async (count, options) => {
        receives += 1;
        if (failing) throw new Error('connect ECONNREFUSED 127.0.0.1:4566');
        return queue.receive(count, options);
      },
    }));
    listen();
    router.start();
    await clock.advance(60_000);
    // 1 + 2 + 4 + 8 + 16 + 30 s pauses: six or seven tries in a minute, never hundreds.
    expect(receives).toBeLessThanOrEqual(7);
    expect(logs.filter((entry) => entry.level === 'error')[0]!.msg).toMatch(/could not receive task events \(connect ECONNREFUSED 127\.0\.0\.1:4566\); retrying in 1\.0 s/);
    failing = false;
    await send(readFixture('ecs-task-running.json'));
    await clock.advance(30_000);
    expect(seen.map((change) => change.lastStatus)).toEqual(['RUNNING']);
  });

  it('keeps routing when a listener throws', async () => {
    const { router, logs, send } = setup();
    const later: string[] = [];
    router.register(taskArn, () => {
      throw new Error('listener broke');
    });
    router.register(otherTaskArn, (change) => later.push(change.lastStatus));
    router.start();
    await send(readFixture('ecs-task-running.json'), variant('ecs-task-running.json', { taskArn: otherTaskArn }));
    expect(later).toEqual(['RUNNING']);
    expect(logs.some((entry) => entry.level === 'error' && entry.msg.includes('listener broke'))).toBe(true);
  });

  it('stops promptly while a long poll is waiting', async () => {
    const { router, clock, listen } = setup({ waitMs: 20_000 });
    listen();
    router.start();
    await clock.settle();
    let stopped = false;
    const stopping = router.stop().then(() => (stopped = true));
    await clock.settle();
    expect(stopped).toBe(true);
    await stopping;
  });

  it('refuses a long poll longer than SQS allows, naming the option', () => {
    const clock = createManualClock();
    expect(() => createTaskEventRouter({ queue: createMemoryQueue({ clock }), clock, waitMs: 30_000 })).toThrow(
      'waitMs: 30000 is not valid; expected a whole number of ms from 0 to 20000',
    );
  });
});
