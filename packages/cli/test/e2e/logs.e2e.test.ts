/** The watcher's log lines: JSON for collectors, text for people, "[failure]" in both. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

interface JsonLine {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly event?: string;
  readonly messageId?: string;
  readonly stream?: string;
}

describe('watchbot run logs', () => {
  it('writes only JSON lines with --log-format json, a failure line carrying "[failure]" and worker output tagged with the message id', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "working on $Message"\necho "oops" >&2\nexit 1');
    const [id] = await sendMessages(dir.path, ['job-1']);
    const result = await runCli(['run', '--log-format', 'json', '--max-receives', '1', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as JsonLine);
    for (const entry of entries) {
      expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    }
    const failure = entries.find((entry) => entry.event === 'failed');
    expect(failure).toMatchObject({ level: 'error', messageId: id });
    expect(failure?.msg).toContain('[failure]');
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'working on job-1', messageId: id, stream: 'stdout' }));
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'oops', messageId: id, stream: 'stderr' }));
  });

  it('writes JSON lines by default when stdout is not a terminal', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'exit 0');
    await sendMessages(dir.path, ['job']);
    const result = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    for (const line of result.stdout.trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('writes readable lines with --log-format text, still carrying "[failure]" and the message id', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "working on $Message"\nexit 1');
    const [id] = await sendMessages(dir.path, ['job-2']);
    const result = await runCli(['run', '--log-format', 'text', '--max-receives', '1', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`\\[${id}\\] working on job-2`));
    expect(result.stdout).toMatch(new RegExp(`ERROR \\[${id}\\] \\[failure\\]`));
  });

  it('adds a debug line for each receive and worker start with --verbose', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'exit 0');
    await sendMessages(dir.path, ['job']);
    const quiet = await runCli(['run', '--exit-when-empty', '--', worker], { cwd: dir.path });
    await sendMessages(dir.path, ['job']);
    const verbose = await runCli(['run', '--verbose', '--exit-when-empty', '--', worker], { cwd: dir.path });
    expect(quiet.stdout).not.toContain('"level":"debug"');
    expect(verbose.stdout).toContain('"level":"debug"');
  });
});
