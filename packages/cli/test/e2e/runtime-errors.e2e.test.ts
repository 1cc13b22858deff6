/** A fatal queue error while running: exit 1 with one line on stderr, no stack trace. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, sendMessages, startCli, waitUntil } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

describe('watchbot run on a fatal queue error', () => {
  it('exits 1 with one line on stderr when the queue file is destroyed under it', async () => {
    await sendMessages(dir.path, ['x']);
    const cli = startCli(['run', '--log-format', 'text', '--', 'true'], { cwd: dir.path });
    await waitUntil(() => cli.stdout().includes('[success]'), 10_000, 'the message to be processed');
    // Overwrite the queue's database (and its write-ahead log) in place: the next receive finds no
    // database. The job history beside it (default.jobs.db) is left alone: it is not the queue.
    const folder = join(dir.path, '.watchbot');
    for (const file of readdirSync(folder).filter((name) => name.startsWith('default.db'))) writeFileSync(join(folder, file), 'not a database '.repeat(1000));
    const result = await cli.exited;
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^watchbot: the watcher stopped on a fatal error: .*default\.db/);
  });
});
