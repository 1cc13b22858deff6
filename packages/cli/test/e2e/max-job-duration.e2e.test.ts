/** --max-job-duration ends the worker's whole process group and counts the job as failed. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive, makeTempDir, readStatus, runCli, sendMessages, waitUntil, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
const pids: number[] = [];
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  for (const pid of pids.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await dir.remove();
});

describe('watchbot run --max-job-duration', () => {
  it('ends a worker that runs too long, with the children it forked, as a failure', async () => {
    // The shell forks a child that sleeps, then sleeps itself: both must be ended.
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo $$ > shell.pid\nsleep 60 &\necho $! > child.pid\nsleep 60');
    const [id] = await sendMessages(dir.path, ['slow']);
    const started = Date.now();
    const result = await runCli(['run', '--max-job-duration', '1', '--max-receives', '1', '--exit-when-empty', '--log-format', 'json', '--', worker], {
      cwd: dir.path,
    });
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(join(dir.path, 'child.pid'))).toBe(true);
    for (const name of ['shell.pid', 'child.pid']) pids.push(Number(readFileSync(join(dir.path, name), 'utf8').trim()));
    await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5000, 'every process of the worker group to be gone');

    const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; event?: string; messageId?: string });
    const timeout = entries.find((entry) => entry.event === 'timed-out');
    expect(timeout).toMatchObject({ messageId: id });
    expect(timeout?.msg).toContain('[failure]');
    const status = await readStatus(dir.path);
    expect(status).toMatchObject({ visible: 0, inFlight: 0, deadLettered: 1 });
    expect(status.notifications.map((n) => n.kind)).toContain('dead-lettered');
  });
});
