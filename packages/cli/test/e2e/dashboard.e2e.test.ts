/**
 * `watchbot dashboard` as a user runs it: the real CLI process over an embedded queue, its HTTP
 * API read over 127.0.0.1 while other `watchbot` processes send and run messages; a token from
 * the environment that is never printed; options refused in one line before anything starts;
 * and SIGTERM ending it with status 0.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCli } from './cli-process.js';
import { makeTempDir, readStatus, runCli, sendMessages, startCli, waitUntil, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
let dashboards: RunningCli[] = [];
let blocker: Server | undefined;

beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  for (const dashboard of dashboards) {
    if (dashboard.child.exitCode === null && dashboard.child.signalCode === null) dashboard.child.kill('SIGKILL');
    await dashboard.exited;
  }
  dashboards = [];
  await new Promise((resolve) => (blocker === undefined ? resolve(undefined) : blocker.close(resolve)));
  blocker = undefined;
  await dir.remove();
});

/** Starts `watchbot dashboard <args>` and resolves with the process and the address it printed. */
async function startDashboard(args: readonly string[], env: Record<string, string> = {}): Promise<{ dashboard: RunningCli; url: string }> {
  const dashboard = startCli(['dashboard', '--log-format', 'json', ...args], { cwd: dir.path, env });
  dashboards.push(dashboard);
  let url = '';
  await waitUntil(
    () => {
      url = /^dashboard: (http:\/\/\S+)$/m.exec(dashboard.stdout())?.[1] ?? '';
      if (dashboard.child.exitCode !== null) throw new Error(`the dashboard exited ${dashboard.child.exitCode}: ${dashboard.stdout()}`);
      return url !== '';
    },
    15_000,
    'the dashboard to print its address',
  );
  return { dashboard, url };
}

interface Summary {
  readonly queue: string;
  readonly features: { jobs: boolean; deadLetters: boolean; sendMessages: boolean };
  readonly latest: { counts: { visible: number; inFlight: number; delayed: number; deadLettered?: number } };
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

describe('watchbot dashboard on an embedded queue', () => {
  it('shows the counts, jobs and dead letters of the queue as other commands change them, then exits 0 on SIGTERM', async () => {
    const { dashboard, url } = await startDashboard(['--queue', 'jobs']);
    expect(dashboard.stdout()).toContain(`queue jobs; job history: ${join(dir.path, '.watchbot', 'jobs.jobs.db')}; dead letters: in the queue file\n`);

    const empty = await getJson<Summary>(`${url}api/summary`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ queue: 'jobs', features: { jobs: true, deadLetters: true, sendMessages: false }, latest: { counts: { visible: 0, inFlight: 0, delayed: 0, deadLettered: 0 } } });

    await sendMessages(dir.path, ['--queue', 'jobs', 'ok', 'bad', 'later']);
    expect((await getJson<Summary>(`${url}api/summary`)).body.latest.counts).toMatchObject({ visible: 3, deadLettered: 0 });

    const worker = await writeWorker(dir.path, 'worker.sh', '[ "$Message" = bad ] && exit 1\nexit 0');
    const run = await runCli(['run', '--queue', 'jobs', '--max-receives', '1', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(run.code).toBe(0);
    await sendMessages(dir.path, ['--queue', 'jobs', 'waiting']);

    expect((await getJson<Summary>(`${url}api/summary`)).body.latest.counts).toMatchObject({ visible: 1, inFlight: 0, deadLettered: 1 });
    const jobs = await getJson<{ jobs: { state: string }[] }>(`${url}api/jobs`);
    expect(jobs.body.jobs.map((job) => job.state).sort()).toEqual(['dead-lettered', 'succeeded', 'succeeded']);
    const deadLetters = await getJson<{ count: number; deadLetters: { body: string }[] }>(`${url}api/dead-letters`);
    expect(deadLetters.body).toMatchObject({ count: 1, deadLetters: [{ body: 'bad' }] });
    // Without a token, nobody may feed the workers through the dashboard.
    const post = await fetch(`${url}api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Message: 'x' }) });
    expect(post.status).toBe(404);

    dashboard.child.kill('SIGTERM');
    const result = await dashboard.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('"msg":"received SIGTERM; closing the dashboard"');
  });

  it('takes its token from WATCHBOT_DASHBOARD_TOKEN, never prints it, requires it, and then accepts messages', async () => {
    const token = 'f3a9c2d1e8b7a6f5c4d3e2f1a0b9c8d7';
    const { dashboard, url } = await startDashboard(['--port', '0'], { WATCHBOT_DASHBOARD_TOKEN: token });
    expect(dashboard.stdout()).not.toContain(token);
    expect(dashboard.stdout()).toContain(`open ${url}?token=<token> with the token of WATCHBOT_DASHBOARD_TOKEN (not printed)`);

    expect((await getJson(`${url}api/summary`)).status).toBe(401);
    const summary = await getJson<Summary>(`${url}api/summary`, { authorization: `Bearer ${token}` });
    expect(summary.body.features).toEqual({ jobs: true, deadLetters: true, sendMessages: true });

    const sent = await fetch(`${url}api/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Message: 'from the dashboard', Subject: 'resize' }),
    });
    expect(sent.status).toBe(200);
    expect(await readStatus(dir.path)).toMatchObject({ visible: 1 });
    dashboard.child.kill('SIGINT');
    expect((await dashboard.exited).code).toBe(0);
  });

  it('reports a port already in use in one line, exit 1', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const result = await runCli(['dashboard', '--port', String(port)], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`watchbot: --port: ${port} is already in use on 127.0.0.1; choose another port, or 0 for any free one\n`);
  });

  it.each([
    [['--host', '0.0.0.0'], {}, 'watchbot: --host: "0.0.0.0" is not a loopback address; listening there requires a token (at least 16 characters): give --token or set WATCHBOT_DASHBOARD_TOKEN, or use --host 127.0.0.1'],
    [['--token', 'short'], {}, 'watchbot: --token: the value given is not valid; expected at least 16 printable ASCII characters without spaces'],
    [[], { WATCHBOT_DASHBOARD_TOKEN: 'has spaces in it, sixteen+' }, 'watchbot: WATCHBOT_DASHBOARD_TOKEN: the value given is not valid'],
    [['--port', '99999'], {}, 'watchbot: --port: "99999" is not valid; expected a whole number from 0 to 65535'],
    [['--region', 'us-east-1'], {}, 'watchbot: --region goes with --stack; without a stack, name the queue with --queue'],
    [['--queue', 'jobs', '--job-history', 'a.db', '--job-table', 'jobs-table'], {}, 'watchbot: dashboard: --job-history (an SQLite file) and --job-table (DynamoDB) both name a job history; give one'],
  ])('refuses %j %j in one line, exit 2, and opens nothing', async (args, env, line) => {
    const result = await runCli(['dashboard', ...args], { cwd: dir.path, env });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(line);
    expect(result.stderr.split('\n')[1]).toBe("Run 'watchbot dashboard --help' for usage.");
    expect(existsSync(join(dir.path, '.watchbot'))).toBe(false);
  });
});
