/** SIGTERM and SIGINT stop the watcher gracefully; --stop-timeout bounds how long workers get. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive, makeTempDir, readStatus, sendMessages, startCli, waitUntil, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
const pidsToClean: number[] = [];
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  // Should a test fail midway, leave no stray sleeper behind.
  for (const pid of pidsToClean.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await dir.remove();
});

function readPid(name: string): number {
  const pid = Number(readFileSync(join(dir.path, name), 'utf8').trim());
  pidsToClean.push(pid);
  return pid;
}

describe('stopping watchbot run with a signal', () => {
  it('returns the unfinished message to the queue at once and leaves no worker process on SIGTERM with --stop-timeout 0', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo $$ > shell.pid\nsleep 30 &\necho $! > child.pid\nwait');
    await sendMessages(dir.path, ['long job']);
    const cli = startCli(['run', '--stop-timeout', '0', '--', worker], { cwd: dir.path });
    await waitUntil(() => existsSync(join(dir.path, 'child.pid')), 10_000, 'the worker to start');
    const shellPid = readPid('shell.pid');
    const childPid = readPid('child.pid');
    expect((await readStatus(dir.path)).inFlight).toBe(1);

    cli.child.kill('SIGTERM');
    const result = await cli.exited;

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('received SIGTERM');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 1, inFlight: 0, delayed: 0, deadLettered: 0 });
    await waitUntil(() => !isAlive(shellPid) && !isAlive(childPid), 5000, 'the worker processes to be gone');
  });

  it('lets a running worker finish after SIGINT and ignores a repeated signal with a log line', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'touch started\nsleep 1\necho finished');
    await sendMessages(dir.path, ['short job']);
    const cli = startCli(['run', '--', worker], { cwd: dir.path });
    await waitUntil(() => existsSync(join(dir.path, 'started')), 10_000, 'the worker to start');

    cli.child.kill('SIGINT');
    await waitUntil(() => cli.stdout().includes('received SIGINT'), 5000, 'the first signal to be logged');
    cli.child.kill('SIGTERM');
    const result = await cli.exited;

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/received SIGTERM again; already stopping, ignored/);
    expect(result.stdout).toContain('finished');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, inFlight: 0, deadLettered: 0 });
  });
});
