/**
 * `watchbot track` through the real CLI on an embedded events queue: recorded ECS and Batch
 * events go in with `watchbot send`, `track --exit-when-empty` records them, and `watchbot jobs`
 * shows each task's and Batch job's timeline; failures land in the queue's notifications and at
 * a webhook (a real HTTP server on 127.0.0.1); a body that is not an event is logged and dropped.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureJobs, readStateChange, stateChangeFixtures } from '../state-change-fixtures.js';
import { makeTempDir, readStatus, runCli } from './cli-process.js';

/** One moment for every fixture read here, so the same event read twice is the same body. */
const nowMs = Date.now();

let dir: { path: string; remove: () => Promise<void> };
let server: Server | undefined;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  server = undefined;
  await dir.remove();
});

/** Puts each fixture (and any extra body) on the embedded queue `events`, one message each, in order. */
async function sendEvents(...extra: string[]): Promise<void> {
  const bodies = [...stateChangeFixtures.map((name) => readStateChange(name, nowMs)), ...extra];
  for (const [index, body] of bodies.entries()) {
    const file = join(dir.path, `event-${index}.json`);
    await writeFile(file, body);
    const sent = await runCli(['send', '--queue', 'events', '--body-file', file], { cwd: dir.path });
    if (sent.code !== 0) throw new Error(`send failed: ${sent.stderr}`);
  }
}

/** A webhook receiver on 127.0.0.1: resolves its URL; `posts` collects the JSON bodies. */
async function startWebhook(posts: Record<string, unknown>[]): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      posts.push(JSON.parse(body) as Record<string, unknown>);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

interface HistoryJson {
  readonly events: readonly { type: string; source: string; attempt?: number; exitCode?: number | null; detail?: string; subject?: string; host?: string }[];
}

async function showJob(jobId: string): Promise<HistoryJson> {
  const shown = await runCli(['jobs', 'show', jobId, '--queue', 'events', '--json'], { cwd: dir.path });
  if (shown.code !== 0) throw new Error(`jobs show ${jobId} exited ${String(shown.code)}: ${shown.stderr}`);
  return JSON.parse(shown.stdout) as HistoryJson;
}

describe('watchbot track', () => {
  it('records ECS task and Batch job timelines that watchbot jobs shows, notifies the failures, and survives garbage', async () => {
    const posts: Record<string, unknown>[] = [];
    const webhook = await startWebhook(posts);
    await sendEvents('{"not": "an event"', readStateChange('ecs-task-running.json', nowMs));

    const tracked = await runCli(['track', '--queue', 'events', '--exit-when-empty', '--notify-webhook', webhook, '--log-format', 'json'], { cwd: dir.path });

    expect(tracked.code).toBe(0);
    expect(tracked.stderr).toBe('');
    const lines = tracked.stdout.trim().split('\n').map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.msg)).toEqual([
      expect.stringContaining('not a task or job state change (another event: "ECS Container Instance State Change" from "aws.ecs"); deleted it'),
      expect.stringContaining('not a task or job state change (not JSON); deleted it: "{\\"not\\": \\"an event\\""'),
    ]);
    expect(lines.at(-1)?.msg).toBe(
      'track finished: recorded 4 ECS task events and 3 Batch job events; sent 2 failure notifications; skipped 1 repeat; deleted 2 messages that were not state changes',
    );

    const list = JSON.parse((await runCli(['jobs', 'list', '--queue', 'events', '--json'], { cwd: dir.path })).stdout) as { jobs: { jobId: string; source: string; state: string; exitCode?: number; subject?: string }[] };
    expect(list.jobs.map(({ jobId, source, state, exitCode, subject }) => ({ jobId, source, state, exitCode, subject }))).toEqual([
      { jobId: fixtureJobs.batchX, source: 'batch', state: 'FAILED', exitCode: 2, subject: 'event-test' },
      { jobId: fixtureJobs.taskA, source: 'ecs', state: 'STOPPED', exitCode: 137, subject: 'demo-WatchbotWorker:3' },
      { jobId: fixtureJobs.taskB, source: 'ecs', state: 'STOPPED', exitCode: 0, subject: 'demo-WatchbotWorker:3' },
      { jobId: fixtureJobs.batchY, source: 'batch', state: 'SUCCEEDED', exitCode: 0, subject: 'nightly-report' },
    ]);

    const task = await showJob(fixtureJobs.taskA);
    expect(task.events.map(({ type, source, exitCode, host }) => ({ type, source, exitCode, host }))).toEqual([
      { type: 'PROVISIONING', source: 'ecs', exitCode: undefined, host: 'cluster/watchbot' },
      { type: 'RUNNING', source: 'ecs', exitCode: undefined, host: 'cluster/watchbot' },
      { type: 'STOPPED', source: 'ecs', exitCode: 137, host: 'cluster/watchbot' },
    ]);
    expect(task.events.at(-1)?.detail).toContain('OutOfMemoryError: Container killed due to memory usage');
    const batch = await showJob(fixtureJobs.batchX);
    expect(batch.events.map(({ type, attempt, exitCode, detail }) => ({ type, attempt, exitCode, detail }))).toEqual([
      { type: 'RUNNABLE', attempt: undefined, exitCode: undefined, detail: undefined },
      { type: 'FAILED', attempt: 2, exitCode: 2, detail: 'Essential container in task exited' },
    ]);
    const text = await runCli(['jobs', 'show', fixtureJobs.batchX, '--queue', 'events'], { cwd: dir.path });
    expect(text.stdout).toContain(`job ${fixtureJobs.batchX} (subject: event-test)`);
    expect(text.stdout).toMatch(/ FAILED +2 +2 +1m 31s +job-queue\/HighPriority\n {4}Essential container in task exited\n/);

    // The failures, in the embedded queue's notifications and at the webhook, each pointing at its history.
    const status = await readStatus(dir.path, ['--queue', 'events']);
    expect(status).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    const notified = status.notifications.map((notification) => notification as unknown as { kind: string; messageId: string; history: string });
    expect(notified.map(({ kind, messageId, history }) => ({ kind, messageId, history }))).toEqual([
      { kind: 'failed', messageId: fixtureJobs.batchX, history: `watchbot jobs show ${fixtureJobs.batchX} --queue events` },
      { kind: 'failed', messageId: fixtureJobs.taskA, history: `watchbot jobs show ${fixtureJobs.taskA} --queue events` },
    ]);
    expect(posts.map((post) => [post.kind, post.messageId, post.exitCode]).sort()).toEqual([
      ['failed', fixtureJobs.batchX, 2],
      ['failed', fixtureJobs.taskA, 137],
    ]);
    expect(posts.find((post) => post.messageId === fixtureJobs.batchX)?.summary).toBe(
      '[failure] Batch job event-test (4c7599ae-0a82-49aa-ba5a-4727fcce14a8) in job-queue/HighPriority failed after 2 attempts with exit code 2: Essential container in task exited',
    );
  });

  it('records into the job-history file --job-history names', async () => {
    await sendEvents();
    const tracked = await runCli(['track', '--queue', 'events', '--exit-when-empty', '--job-history', 'history.db'], { cwd: dir.path });
    expect(tracked.code).toBe(0);
    const list = await runCli(['jobs', 'list', '--job-history', 'history.db', '--state', 'SUCCEEDED'], { cwd: dir.path });
    expect(list.stdout).toContain(fixtureJobs.batchY);
  });

  it.each([
    [['track'], 'watchbot: track: name the events queue with --queue (the stack\'s WatchbotTaskEventsQueueUrl output)'],
    [['track', '--queue', 'events', '--notification-topic', 'arn:aws:sns:us-east-1:123456789012:alerts'], 'watchbot: track: --notification-topic is for an SQS events queue'],
    [['track', '--queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/events'], 'watchbot: track: an SQS events queue keeps its job history in DynamoDB; name the table with --job-table'],
    [['track', '--queue', 'events', '--job-history', 'a.db', '--job-table', 'jobs-table'], 'watchbot: track: --job-history (an SQLite file) and --job-table (DynamoDB) both name a job history; give one'],
    [['track', '--queue', 'events', '--notify-webhook', 'ftp://example.com/x'], 'watchbot: --notify-webhook: "ftp://example.com/x" is not valid; expected an http or https URL'],
  ])('refuses %j in one line, exit 2', async (args, line) => {
    const result = await runCli(args, { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(line);
    expect(result.stderr.split('\n')[1]).toBe("Run 'watchbot track --help' for usage.");
  });
});
