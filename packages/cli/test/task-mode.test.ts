/**
 * ECS-task mode through `main`, in this process: `listen` configured by the template's
 * `WatchbotTask*` variables and `run --task-mode` run each message as a task of a fake ECS
 * (every ECSClient the CLI creates answers through aws-sdk-client-mock), settle it by the
 * task's exit code, and record the task's states in the message's job history. The work queue
 * and the events queue are real SQLite queues; the fake puts the tasks' events on the latter.
 */
import { join } from 'node:path';
import { openSqliteJobStore } from '@watchbot/job-tracking';
import { openSqliteDeadLetterQueue, openSqliteQueue } from '@watchbot/sqlite-adapter';
import type { SqliteQueue } from '@watchbot/sqlite-adapter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { readRunTaskMode } from '../src/task-mode-options.js';
import { captureIo } from './capture-io.js';
import { makeTempDir, waitUntil } from './e2e/cli-process.js';
import { mockEcs } from './fake-ecs.js';

let dir: { path: string; remove: () => Promise<void> };
let work: SqliteQueue;
let events: SqliteQueue;
let ecs: ReturnType<typeof mockEcs>;

beforeEach(async () => {
  dir = await makeTempDir();
  work = openSqliteQueue({ path: join(dir.path, 'work.db') });
  events = openSqliteQueue({ path: join(dir.path, 'events.db') });
  ecs = mockEcs({ events });
});
afterEach(async () => {
  ecs.restore();
  await work.close();
  await events.close();
  await dir.remove();
});

/** The template's variables for a watcher in task mode, over the two queue files. */
const taskModeEnvironment = {
  QueueUrl: 'work.db',
  concurrency: '2',
  WatchbotTaskMode: 'true',
  WatchbotTaskEventsQueueUrl: 'events.db',
  WatchbotTaskCluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/watchbot',
  WatchbotTaskDefinition: 'demo-worker',
  WatchbotTaskContainer: 'worker',
  WatchbotTaskLaunchType: 'FARGATE',
  WatchbotTaskSubnets: 'subnet-0123456789abcdef0',
  WatchbotTaskAssignPublicIp: 'true',
  WatchbotTaskStartedBy: 'watchbot/demo',
};

async function historyOf(id: string) {
  const store = openSqliteJobStore({ path: join(dir.path, 'work.jobs.db') });
  try {
    return await store.history(id);
  } finally {
    await store.close();
  }
}

const settled = async (): Promise<boolean> => {
  const counts = await work.getCounts();
  return counts.visible + counts.inFlight + counts.delayed === 0;
};

describe('listen in ECS-task mode', () => {
  it('runs each message as a task, settles it by the exit code, and records the task in its job history', async () => {
    const [ok, rejected] = await work.send([{ body: '{"exit": 0}', subject: 'resize' }, { body: '{"exit": 3}' }]);
    const io = captureIo(dir.path, { ...taskModeEnvironment, structuredLogging: 'false' });

    const running = main(['listen', './worker.sh'], io);
    await waitUntil(settled, 20_000, 'both messages to be settled');
    process.emit('SIGTERM', 'SIGTERM');

    expect(await running).toBe(0);
    expect(io.err()).toBe('');
    expect(io.out()).toContain('task mode: "./worker.sh" is not run here; each message runs as a task of demo-worker, whose container worker has the command');
    expect(io.out()).toContain('watching work.db with up to 2 ECS tasks at once, one per message: task definition demo-worker in cluster arn:aws:ecs:us-east-1:111122223333:cluster/watchbot (us-east-1); task events from events.db');

    expect(ecs.runTaskInputs).toHaveLength(2);
    const request = ecs.runTaskInputs.find((input) => ecs.variable(input, 'MessageId') === ok)!;
    expect(request).toMatchObject({
      cluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/watchbot',
      taskDefinition: 'demo-worker',
      launchType: 'FARGATE',
      count: 1,
      startedBy: 'watchbot/demo',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], assignPublicIp: 'ENABLED' } },
    });
    expect(ecs.variable(request, 'Message')).toBe('{"exit": 0}');
    expect(ecs.variable(request, 'Subject')).toBe('resize');

    const okHistory = await historyOf(ok!);
    expect(okHistory.map((event) => `${event.source} ${event.type}${event.exitCode === undefined ? '' : ` ${String(event.exitCode)}`}`)).toEqual([
      'watcher received',
      'watcher started',
      'ecs PROVISIONING',
      'ecs RUNNING',
      'ecs STOPPED 0',
      'watcher succeeded 0',
    ]);
    // The task's events say where it ran: the task itself.
    expect(okHistory.find((event) => event.type === 'STOPPED')?.host).toMatch(/^task\/watchbot\/0{31}[12]$/);
    expect((await historyOf(rejected!)).map((event) => event.type)).toEqual(['received', 'started', 'PROVISIONING', 'RUNNING', 'STOPPED', 'rejected']);
    expect(work.recentNotifications(10)).toEqual([expect.objectContaining({ kind: 'rejected', messageId: rejected, exitCode: 3, history: `watchbot jobs show ${rejected} --queue work.db` })]);
  });

  it.each([
    [{ WatchbotTaskMode: 'yes' }, 'watchbot: WatchbotTaskMode: "yes" is not valid; expected true or false'],
    [{ WatchbotTaskCluster: '' }, 'watchbot: WatchbotTaskCluster is not set; expected the cluster tasks run in: name or ARN (required in task mode)'],
    [{ WatchbotTaskLaunchType: 'SPOT' }, 'watchbot: WatchbotTaskLaunchType: "SPOT" is not valid; expected FARGATE, EC2 or EXTERNAL'],
    [{ writableFilesystem: 'true' }, 'watchbot: writableFilesystem: "true" is not valid; expected false in task mode (WatchbotTaskMode=true): each message already runs in a fresh ECS task'],
    [{ WatchbotTaskEventsQueueUrl: 'https://sqs.example.com/jobs' }, 'watchbot: WatchbotTaskEventsQueueUrl: "https://sqs.example.com/jobs" is not valid; expected an SQS queue URL'],
  ])('refuses %j in one line, exit 2, and runs nothing', async (change, line) => {
    await work.send([{ body: '{"exit": 0}' }]);
    const io = captureIo(dir.path, { ...taskModeEnvironment, ...change });
    expect(await main(['listen', './worker.sh'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toContain(line);
    expect(ecs.runTaskInputs).toEqual([]);
    expect(await work.getCounts()).toMatchObject({ visible: 1 });
  });
});

describe('run --task-mode', () => {
  const flags = [
    '--task-mode',
    '--task-cluster', 'watchbot',
    '--task-definition', 'demo-worker:3',
    '--task-container', 'worker',
    '--task-events-queue', 'events.db',
    '--task-capacity-provider', 'FARGATE_SPOT:4',
    '--task-capacity-provider', 'FARGATE:1:2',
    '--task-subnets', 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
    '--task-security-groups', 'sg-0123456789abcdef0',
  ];

  it('runs each message as a task until the queue is empty, dead-lettering a task that failed or never started', async () => {
    const [ok, failed, neverStarted] = await work.send([{ body: '{"exit": 0}' }, { body: '{"exit": 1}' }, { body: '{"stopCode": "TaskFailedToStart"}' }]);
    const io = captureIo(dir.path, { AWS_REGION: 'eu-west-1' });

    const code = await main(['run', '--queue', 'work.db', '--max-receives', '1', '--exit-when-empty', '--concurrency', '3', '--log-format', 'json', ...flags], io);

    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(ecs.runTaskInputs[0]).toMatchObject({
      cluster: 'watchbot',
      taskDefinition: 'demo-worker:3',
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE_SPOT', weight: 4 },
        { capacityProvider: 'FARGATE', weight: 1, base: 2 },
      ],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], securityGroups: ['sg-0123456789abcdef0'], assignPublicIp: 'DISABLED' } },
    });
    expect(ecs.runTaskInputs[0]).not.toHaveProperty('launchType');
    const deadLetters = openSqliteDeadLetterQueue({ path: join(dir.path, 'work.db') });
    try {
      expect((await deadLetters.list(10)).map((letter) => letter.id).sort()).toEqual([failed, neverStarted].sort());
    } finally {
      await deadLetters.close();
    }
    expect((await historyOf(ok!)).at(-1)).toMatchObject({ type: 'succeeded', exitCode: 0 });
    const neverRan = await historyOf(neverStarted!);
    expect(neverRan.find((event) => event.type === 'STOPPED')).toMatchObject({ source: 'ecs', exitCode: null, detail: 'TaskFailedToStart: CannotPullContainerError: pull access denied' });
    expect(neverRan.map((event) => event.type)).toEqual(['received', 'started', 'PROVISIONING', 'STOPPED', 'failed', 'dead-lettered']);
    expect(neverRan.find((event) => event.type === 'failed')).toMatchObject({ exitCode: null, signal: 'TaskFailedToStart' });
  });

  it('reads repeated --task-capacity-provider flags into one strategy', async () => {
    const config = await readRunTaskMode({ 'task-mode': true, 'task-cluster': 'c', 'task-definition': 'd', 'task-container': 'w', 'task-events-queue': 'events', 'task-capacity-provider': ['FARGATE_SPOT:4', 'FARGATE:1:2'] }, dir.path, false);
    expect(config?.runner.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 4 },
      { capacityProvider: 'FARGATE', weight: 1, base: 2 },
    ]);
    expect(config?.eventsQueue).toEqual({ kind: 'sqlite', path: join(dir.path, '.watchbot', 'events.db'), label: 'events' });
  });

  const required = ['--task-mode', '--task-cluster', 'c', '--task-definition', 'd', '--task-container', 'w', '--task-events-queue', 'events'];
  it.each([
    [['--task-cluster', 'c', '--', './worker.sh'], 'watchbot: run: --task-cluster goes with --task-mode'],
    [[...required, '--', './worker.sh'], 'watchbot: run: --task-mode runs each message as an ECS task of --task-definition, whose container has the command; give no worker command after --'],
    [['--task-mode', '--task-cluster', 'c', '--task-definition', 'd', '--task-container', 'w'], "watchbot: run: --task-mode needs --task-events-queue: the queue the tasks' state changes arrive on (the stack's WatchbotTaskEventsQueueUrl output)"],
    [['--task-mode', '--task-events-queue', 'events', '--task-definition', 'd', '--task-container', 'w'], 'watchbot: run: --task-mode needs --task-cluster: the ECS cluster tasks run in, name or ARN'],
    [[...required, '--task-launch-type', 'SPOT'], 'watchbot: --task-launch-type: "SPOT" is not valid; expected FARGATE, EC2 or EXTERNAL'],
    [[...required, '--task-launch-type', 'FARGATE', '--task-capacity-provider', 'FARGATE_SPOT'], 'watchbot: --task-launch-type: "FARGATE" is not valid; expected unset when --task-capacity-provider is set (ECS accepts one or the other)'],
    [[...required, '--task-capacity-provider', 'FARGATE SPOT'], 'watchbot: --task-capacity-provider: "FARGATE SPOT" is not valid; expected comma-separated name[:weight[:base]]'],
    [[...required, '--task-subnets', 'sub-1'], 'watchbot: --task-subnets: "sub-1" is not valid; expected comma-separated subnet ids such as subnet-0123456789abcdef0'],
    [[...required, '--task-public-ip'], 'watchbot: --task-subnets: "" is not valid; expected subnet ids when --task-security-groups or --task-public-ip is set'],
  ])('refuses run %j in one line, exit 2, and runs nothing', async (args, line) => {
    await work.send([{ body: '{"exit": 0}' }]);
    const io = captureIo(dir.path);
    expect(await main(['run', '--queue', 'work.db', '--exit-when-empty', ...args], io)).toBe(2);
    expect(io.err().split('\n')[0]).toContain(line);
    expect(io.err().split('\n')[1]).toBe("Run 'watchbot run --help' for usage.");
    expect(ecs.runTaskInputs).toEqual([]);
    expect(await work.getCounts()).toMatchObject({ visible: 1 });
  });
});
