/**
 * Job history through the real CLI on an embedded queue: `run` records every attempt beside the
 * queue, `watchbot jobs` reads it back, and notifications (queue and webhook) point at it.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, readStatus, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** Fails the first attempt with a line on stderr, succeeds from the second on. */
const flakyWorker = 'echo "working on $Message (attempt $ApproximateReceiveCount)"\ntest "$ApproximateReceiveCount" -ge 2 || { echo "Error: upstream timed out" >&2; exit 1; }';

interface HistoryJson {
  readonly events: readonly { type: string; attempt?: number; exitCode?: number | null; retryInSeconds?: number; outputTail?: string[] }[];
}

async function jobs(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCli(['jobs', ...args], { cwd: dir.path });
}

describe('watchbot run records job history that watchbot jobs reads', () => {
  it('shows both attempts of a message that failed once, with exit codes, the retry and the failure output', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', flakyWorker);
    const [id] = (await sendMessages(dir.path, ['--subject', 'resize', 'a.png'])) as [string];
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir.path, '.watchbot', 'default.jobs.db'))).toBe(true);

    const shown = await jobs(['show', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`job ${id} (subject: resize)`);
    expect(shown.stdout).toContain('2 attempts; latest: succeeded');
    expect(shown.stdout).toMatch(/ failed +1 +1 +\d+\.\d{3} s +2 s +\S+:\d+\n/);
    // The failure's output tail (stdout and stderr, in the order they arrived) sits under it.
    const tail = shown.stdout.split(/ failed .*\n/)[1]?.split('\n').slice(0, 2).sort();
    expect(tail).toEqual(['    | Error: upstream timed out', '    | working on a.png (attempt 1)']);
    expect(shown.stdout).toMatch(/ succeeded +2 +0 +\d+\.\d{3} s +\S+:\d+\n/);

    const history = JSON.parse((await jobs(['show', id, '--json'])).stdout) as HistoryJson;
    expect(history.events.map(({ type, attempt, exitCode, retryInSeconds }) => ({ type, attempt, exitCode, retryInSeconds }))).toEqual([
      { type: 'received', attempt: 1 },
      { type: 'started', attempt: 1 },
      { type: 'failed', attempt: 1, exitCode: 1, retryInSeconds: 2 },
      { type: 'received', attempt: 2 },
      { type: 'started', attempt: 2 },
      { type: 'succeeded', attempt: 2, exitCode: 0 },
    ]);

    const succeeded = JSON.parse((await jobs(['list', '--state', 'succeeded', '--since', '1h', '--json'])).stdout) as { jobs: { jobId: string; attempts: number; exitCode: number; subject: string }[] };
    expect(succeeded.jobs).toEqual([expect.objectContaining({ jobId: id, attempts: 2, exitCode: 0, subject: 'resize' })]);
    // It recovered: no job is failed now, though one attempt failed.
    expect((await jobs(['list', '--state', 'failed'])).stdout).toMatch(/^no failed jobs \(history: .*default\.jobs\.db\)\n$/);
    const stats = JSON.parse((await jobs(['stats', '--since', '1h', '--json'])).stdout) as { outcomes: { outcome: string; count: number; durationMs?: { p50: number } }[] };
    expect(stats.outcomes.map(({ outcome, count }) => ({ outcome, count }))).toEqual([
      { outcome: 'succeeded', count: 1 },
      { outcome: 'failed', count: 1 },
    ]);
    expect(stats.outcomes[0]?.durationMs?.p50).toBeGreaterThan(0);

    // The failure's notification says where to look.
    const status = await readStatus(dir.path);
    expect(status.notifications).toEqual([expect.objectContaining({ kind: 'failed', messageId: id, history: `watchbot jobs show ${id}` })]);
  });

  it('lists a job that is failed now, waiting for its retry', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "cannot parse $Message" >&2\nexit 2');
    const [id] = (await sendMessages(dir.path, ['--queue', 'imports', 'bad input'])) as [string];
    // writableFilesystem: one message, then exit, leaving the failed message to wait out its backoff.
    const result = await runCli(['listen', worker], { cwd: dir.path, env: { QueueUrl: 'imports', writableFilesystem: 'true' } });
    expect(result.code).toBe(0);
    const failed = await jobs(['list', '--state', 'failed', '--queue', 'imports']);
    expect(failed.code).toBe(0);
    expect(failed.stdout.split('\n')[1]).toMatch(new RegExp(`^\\S+ +${id} +failed +1 +2 +\\d+\\.\\d{3} s$`));
    const shown = await jobs(['show', id, '--queue', 'imports']);
    expect(shown.stdout).toContain('    | cannot parse bad input');
    const status = await readStatus(dir.path, ['--queue', 'imports']);
    expect(status.notifications[0]).toMatchObject({ history: `watchbot jobs show ${id} --queue imports` });
  });

  it('posts notifications to --notify-webhook, pointing at the history', async () => {
    const posts: Record<string, unknown>[] = [];
    const server: Server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        posts.push(JSON.parse(body) as Record<string, unknown>);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const worker = await writeWorker(dir.path, 'worker.sh', 'echo "not an image" >&2\nexit 3');
      const [id] = (await sendMessages(dir.path, ['b.txt'])) as [string];
      const result = await runCli(['run', '--exit-when-empty', '--notify-webhook', url, '--', worker], { cwd: dir.path });
      expect(result.code).toBe(0);
      expect(posts).toEqual([
        expect.objectContaining({ kind: 'rejected', messageId: id, exitCode: 3, outputTail: ['not an image'], history: `watchbot jobs show ${id}`, text: expect.stringContaining(`History: watchbot jobs show ${id}`) }),
      ]);
      // The queue's own notifications still get it too.
      expect((await readStatus(dir.path)).notifications).toEqual([expect.objectContaining({ kind: 'rejected', messageId: id })]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('records nothing with --no-job-history, and into the file named by --job-history', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'exit 0');
    await sendMessages(dir.path, ['one']);
    expect((await runCli(['run', '--exit-when-empty', '--no-job-history', '--', worker], { cwd: dir.path })).code).toBe(0);
    expect(existsSync(join(dir.path, '.watchbot', 'default.jobs.db'))).toBe(false);
    const [id] = (await sendMessages(dir.path, ['two'])) as [string];
    expect((await runCli(['run', '--exit-when-empty', '--job-history', 'history/all.db', '--', worker], { cwd: dir.path })).code).toBe(0);
    const listed = JSON.parse((await jobs(['list', '--job-history', 'history/all.db', '--json'])).stdout) as { jobs: { jobId: string; state: string }[] };
    expect(listed.jobs).toEqual([expect.objectContaining({ jobId: id, state: 'succeeded' })]);
  });

  it('refuses a bad --notify-webhook and contradicting history options as usage errors (exit 2)', async () => {
    const bad = await runCli(['run', '--notify-webhook', 'hooks.example.com', '--', 'true'], { cwd: dir.path });
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('watchbot: --notify-webhook: "hooks.example.com" is not valid; expected an http or https URL, e.g. https://hooks.slack.com/services/…');
    const both = await runCli(['run', '--job-history', 'a.db', '--job-table', 'jobs-table', '--', 'true'], { cwd: dir.path });
    expect(both.code).toBe(2);
  });
});
