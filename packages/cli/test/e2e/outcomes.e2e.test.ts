/** Every exit code's outcome, through the real CLI with real shell workers. */
import { readFile } from 'node:fs/promises';
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

/** A worker that records each attempt in attempts.log and exits with `$Message` as its code. */
const exitWithMessage = 'echo "$MessageId $ApproximateReceiveCount" >> attempts.log\nexit "$Message"';

async function attempts(): Promise<string[]> {
  return (await readFile(join(dir.path, 'attempts.log'), 'utf8')).trim().split('\n');
}

describe('watchbot run settles each message by its exit code', () => {
  it('deletes the message without a notification when the worker exits 0', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', exitWithMessage);
    const [id] = await sendMessages(dir.path, ['0']);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await attempts()).toEqual([`${id} 1`]);
    const status = await readStatus(dir.path);
    expect(status).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0, notifications: [] });
  });

  it('deletes the message and records a rejected notification when the worker exits 3', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', exitWithMessage);
    const [id] = await sendMessages(dir.path, ['3']);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await attempts()).toEqual([`${id} 1`]);
    const status = await readStatus(dir.path);
    expect(status).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0 });
    expect(status.notifications).toEqual([expect.objectContaining({ kind: 'rejected', messageId: id })]);
    const text = await runCli(['status'], { cwd: dir.path });
    expect(text.stdout).toContain('rejected');
    expect(text.stdout).toContain(id);
  });

  it('returns the message without a notification when the worker exits 4, and runs it again', async () => {
    // Exits 4 (no-op) on the first attempt and 0 on the second.
    const worker = await writeWorker(
      dir.path,
      'worker.sh',
      'echo "$MessageId $ApproximateReceiveCount" >> attempts.log\n[ "$ApproximateReceiveCount" = 1 ] && exit 4\nexit 0',
    );
    const [id] = await sendMessages(dir.path, ['noop then done']);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await attempts()).toEqual([`${id} 1`, `${id} 2`]);
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, deadLettered: 0, notifications: [] });
  });

  it('returns the message with backoff when the worker exits 1, then dead-letters it after --max-receives 2', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', exitWithMessage);
    const [id] = await sendMessages(dir.path, ['1']);
    const started = Date.now();
    const result = await runCli(['run', '--exit-when-empty', '--max-receives', '2', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await attempts()).toEqual([`${id} 1`, `${id} 2`]);
    // The retry waited out its 2 s backoff (2^1 s) before the second attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const status = await readStatus(dir.path);
    expect(status).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 1 });
    expect(status.notifications.map((n) => n.kind)).toContain('failed');
    expect(status.notifications.every((n) => n.messageId === id)).toBe(true);
  });

  it('dead-letters a failing message after a single attempt with --max-receives 1', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', exitWithMessage);
    const [id] = await sendMessages(dir.path, ['1']);
    const result = await runCli(['run', '--exit-when-empty', '--max-receives', '1', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(await attempts()).toEqual([`${id} 1`]);
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 1 });
  });

  it('counts a worker that cannot be started as a failure, not a watcher crash', async () => {
    await sendMessages(dir.path, ['x']);
    const result = await runCli(['run', '--exit-when-empty', '--max-receives', '1', '--', './no-such-worker.sh'], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[failure]');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, deadLettered: 1 });
  });
});
