/** `watchbot dead-letter` on the embedded queue, through the real CLI with real shell workers. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliResult } from './cli-process.js';
import { makeTempDir, readStatus, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

async function cli(...args: string[]): Promise<CliResult> {
  const result = await runCli(args, { cwd: dir.path });
  if (result.code !== 0) throw new Error(`watchbot ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  return result;
}

/** Runs every message with a worker that always fails, once each: they all end up dead letters. */
async function failEverything(): Promise<void> {
  const failing = await writeWorker(dir.path, 'failing.sh', 'exit 1');
  await cli('run', '--exit-when-empty', '--max-receives', '1', '--', failing);
}

interface Record {
  id: string;
  body: string;
  subject?: string;
  receiveCount: number;
  sent: string;
  deadLettered: string;
}

describe('watchbot dead-letter on the embedded queue', () => {
  it('lists what a failing worker dead-lettered, replays what a fix cured — which the fixed worker then runs — and deletes the rest', async () => {
    const [a, b, c] = await sendMessages(dir.path, ['cured 1', 'cured 2']);
    const [poison] = await sendMessages(dir.path, ['--subject', 'import', 'poison']);
    await failEverything();
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, deadLettered: 3 });
    expect(c).toBeUndefined();

    const table = (await cli('dead-letter', 'list')).stdout;
    expect(table.split('\n')[0]).toMatch(/^ID\s+SENT\s+RECEIVES\s+DEAD-LETTERED\s+SUBJECT\s+BODY$/);
    for (const id of [a, b, poison]) expect(table).toContain(id);
    expect(table).toMatch(new RegExp(`${poison}\\s+\\S+Z\\s+1\\s+\\S+Z\\s+import\\s+poison`));
    expect(table).toContain('3 of 3 dead letters in default');

    const records = JSON.parse((await cli('dead-letter', 'list', '--json')).stdout) as Record[];
    expect(records.map((record) => [record.id, record.body])).toEqual([[a, 'cured 1'], [b, 'cured 2'], [poison, 'poison']]);
    expect(records[2]).toMatchObject({ subject: 'import', receiveCount: 1, deadLettered: expect.stringMatching(/Z$/) });
    expect((await cli('dead-letter', 'show', poison ?? '')).stdout).toMatch(/subject {8}import\nbody \(6 bytes\):\npoison\n$/);

    const replay = await cli('dead-letter', 'replay', a ?? '', b ?? '');
    expect(replay.stdout).toBe('replayed 2, failed 0, left 1\n');
    const fixed = await writeWorker(dir.path, 'fixed.sh', 'echo "$Message" >> done.txt');
    await cli('run', '--exit-when-empty', '--', fixed);
    expect((await readFile(join(dir.path, 'done.txt'), 'utf8')).trim().split('\n').sort()).toEqual(['cured 1', 'cured 2']);

    expect((await cli('dead-letter', 'delete', poison ?? '')).stdout).toBe('deleted 1, failed 0, left 0\n');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0 });
  });

  it('writes every dead letter out as JSON lines, to a file or to stdout, and leaves them in place', async () => {
    const ids = await sendMessages(dir.path, ['{"file":"a.csv"}', 'line one\nline two']);
    await failEverything();
    const toFile = await cli('dead-letter', 'write-out', '--file', 'dead.ndjson');
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe('wrote 2 dead letters of default to dead.ndjson; they are still dead letters\n');
    const lines = (await readFile(join(dir.path, 'dead.ndjson'), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as Record).map((record) => [record.id, record.body])).toEqual([
      [ids[0], '{"file":"a.csv"}'],
      [ids[1], 'line one\nline two'],
    ]);
    const toStdout = await cli('dead-letter', 'write-out');
    expect(toStdout.stdout).toBe(`${lines.join('\n')}\n`);
    expect((await readStatus(dir.path)).deadLettered).toBe(2);
    // A write-out never overwrites: an older one may be the only copy of purged messages.
    const again = await runCli(['dead-letter', 'write-out', '--file', 'dead.ndjson'], { cwd: dir.path });
    expect(again.code).toBe(2);
    expect(again.stderr.split('\n')[0]).toBe('watchbot: --file: cannot create "dead.ndjson": the file already exists (choose a new name, or remove it first)');
  });

  it('replay --all replays every dead letter; purge --yes deletes every one, and without --yes off a terminal refuses', async () => {
    await sendMessages(dir.path, ['1', '2', '3', '4']);
    await failEverything();
    expect((await cli('dead-letter', 'replay', '--all')).stdout).toBe('replayed 4, failed 0, left 0\n');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 4, deadLettered: 0 });
    await failEverything();
    const refused = await runCli(['dead-letter', 'purge'], { cwd: dir.path });
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe('watchbot: dead-letter purge: standard input is not a terminal, so there is no one to confirm; add --yes to purge without asking');
    expect((await readStatus(dir.path)).deadLettered).toBe(4);
    expect((await cli('dead-letter', 'purge', '--yes')).stdout).toBe('deleted 4, failed 0, left 0\n');
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, deadLettered: 0 });
  });

  it('an id that is no dead letter fails alone: the others are acted on, one line names it, exit 1', async () => {
    const [id] = await sendMessages(dir.path, ['real']);
    await failEverything();
    const result = await runCli(['dead-letter', 'delete', 'no-such-id', id ?? ''], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('deleted 1, failed 1, left 0\n');
    expect(result.stderr).toMatch(/^watchbot: could not delete no-such-id: no dead letter with id "no-such-id" in the queue at .*default\.db\n$/);
    const show = await runCli(['dead-letter', 'show', 'no-such-id'], { cwd: dir.path });
    expect(show.code).toBe(1);
    expect(show.stderr).toBe('watchbot: dead-letter show: no dead letter with id no-such-id in default\n');
  });

  it('refuses bad input with one line and exit 2, before touching the queue', async () => {
    await sendMessages(dir.path, ['x']);
    await writeFile(join(dir.path, 'exists.ndjson'), '');
    const cases: [string[], string][] = [
      [['dead-letter', 'bogus'], 'dead-letter: unknown action "bogus"; expected one of list, show, replay, delete, purge, write-out, triage'],
      [['dead-letter', 'replay'], 'dead-letter replay: give the ids of the messages to replay, or --all'],
      [['dead-letter', 'replay', '--all', 'some-id'], 'dead-letter replay: give message ids or --all, not both'],
      [['dead-letter', 'show', 'one', 'two'], 'dead-letter show: give one message id (got 2)'],
      [['dead-letter', 'delete'], 'dead-letter delete: give the ids of the messages to delete (purge removes them all)'],
      [['dead-letter', 'list', 'some-id'], 'dead-letter list takes no message ids (got some-id)'],
      [['dead-letter', 'list', '--limit', 'abc'], '--limit: "abc" is not valid; expected a whole number from 1 to 10000'],
      [['dead-letter', 'list', '--yes'], 'dead-letter list: --yes does not apply here; it goes with purge'],
      [['dead-letter', 'list', '--dead-letter-queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/dlq'], '--dead-letter-queue needs --queue: the SQS queue replayed messages go to'],
      [['dead-letter', 'list', '--queue', 'jobs.db', '--dead-letter-queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/dlq'], '--dead-letter-queue is for SQS queues; an embedded queue keeps its dead letters in its own file'],
      [['dead-letter', 'list', '--queue', 'missing'], `--queue: there is no queue at ${join(dir.path, '.watchbot', 'missing.db')} (a send or a run creates it)`],
      [['dead-letter', 'replay', '--queue', 'bad name!', 'id'], '--queue: "bad name!" is not valid; expected a queue name (letters, digits, - and _, up to 80), a .db path, sqlite:PATH or an SQS queue URL'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { cwd: dir.path });
      expect(result.code, args.join(' ')).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`watchbot: ${message}`);
      expect(lines.slice(1)).toEqual(["Run 'watchbot dead-letter --help' for usage."]);
      expect(result.stdout).toBe('');
    }
    expect(await readStatus(dir.path)).toMatchObject({ visible: 1, deadLettered: 0 });
  });
});
