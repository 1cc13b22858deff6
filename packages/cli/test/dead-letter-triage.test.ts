/**
 * `watchbot dead-letter` as an operator at a terminal uses it: triage driven by typed answers,
 * purge's confirmation, and the progress bar — with an in-memory stdin that says it is a
 * terminal, over a real queue file.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openSqliteDeadLetterQueue, openSqliteQueue } from '@watchbot/sqlite-adapter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLineReader } from '../src/line-reader.js';
import { main } from '../src/main.js';
import { runTriage } from '../src/triage.js';
import type { CapturedIo } from './capture-io.js';
import { captureIo } from './capture-io.js';
import { makeTempDir } from './e2e/cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
let queuePath: string;

beforeEach(async () => {
  dir = await makeTempDir();
  queuePath = join(dir.path, '.watchbot', 'default.db');
});
afterEach(async () => {
  await dir.remove();
});

/** Puts one dead letter per body in the default queue, through its own redrive; resolves with their ids. */
async function deadLetterBodies(...bodies: string[]): Promise<string[]> {
  const queue = openSqliteQueue({ path: queuePath, maxReceives: 1 });
  const ids = await queue.send(bodies.map((body) => ({ body })));
  await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 });
  await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 });
  await queue.close();
  return ids;
}

/** An in-memory stdin that says it is a terminal, with these lines typed. */
function terminalInput(...lines: string[]): Readable {
  return Object.assign(Readable.from([Buffer.from(lines.map((line) => `${line}\n`).join(''))]), { isTTY: true });
}

/** A captured io whose stdin is a terminal with these lines typed. */
function atTerminal(...lines: string[]): CapturedIo {
  return { ...captureIo(dir.path), stdin: terminalInput(...lines) };
}

/** What the queue file holds now: bodies waiting in the queue, and dead letters. */
async function queueState(): Promise<{ waiting: string[]; dead: string[] }> {
  const queue = openSqliteQueue({ path: queuePath });
  const waiting = (await queue.receive(10, { waitMs: 0, visibilityTimeoutSeconds: 0 })).map((message) => message.body);
  const dead = queue.listDeadLetters(100).map((letter) => letter.body);
  await queue.close();
  return { waiting: waiting.sort(), dead };
}

describe('dead-letter triage', () => {
  it('shows each dead letter in turn and replays, leaves or deletes it as answered, then sums up', async () => {
    const [a, b, c] = await deadLetterBodies('fixed now', 'still broken', 'garbage');
    const io = atTerminal('r', 'l', 'd');
    expect(await main(['dead-letter'], io)).toBe(0);
    const out = io.out();
    expect(out).toContain('3 dead letters in default; decide on each in turn.');
    expect(out).toContain('— dead letter 1 of 3 —');
    expect(out).toMatch(/body \(9 bytes\):\nfixed now\n/);
    expect(out).toContain(`replayed ${a}`);
    expect(out).toContain(`left ${b} in the dead letters`);
    expect(out).toContain(`deleted ${c}`);
    expect(out.trimEnd().split('\n').at(-1)).toBe('replayed 1, deleted 1, failed 0, left 1');
    expect(await queueState()).toEqual({ waiting: ['fixed now'], dead: ['still broken'] });
  });

  it('"return" leaves a letter too, and an answer that is no choice asks again', async () => {
    await deadLetterBodies('one');
    const io = atTerminal('maybe', 'return');
    expect(await main(['dead-letter', 'triage'], io)).toBe(0);
    expect(io.out()).toContain('"maybe" is not a choice: answer r, l, d, h or s');
    expect(io.out().match(/\[r\]eplay/g)).toHaveLength(2);
    expect(await queueState()).toEqual({ waiting: [], dead: ['one'] });
  });

  it('stop, or the end of input, ends triage and leaves every letter not yet decided', async () => {
    await deadLetterBodies('first', 'second', 'third');
    const stopped = atTerminal('d', 's');
    expect(await main(['dead-letter'], stopped)).toBe(0);
    expect(stopped.out()).not.toContain('dead letter 3 of 3');
    expect(stopped.out()).toMatch(/replayed 0, deleted 1, failed 0, left 2\n$/);
    const ended = atTerminal('l');
    expect(await main(['dead-letter'], ended)).toBe(0);
    expect(ended.out()).toMatch(/\nreplayed 0, deleted 0, failed 0, left 2\n$/);
    expect(await queueState()).toEqual({ waiting: [], dead: ['second', 'third'] });
  });

  it('history prints the timeline the watcher recorded beside the queue, as watchbot jobs show does', async () => {
    const sent = captureIo(dir.path);
    expect(await main(['send', '--json', 'broken input'], sent)).toBe(0);
    const [id] = (JSON.parse(sent.out()) as { ids: string[] }).ids;
    expect(await main(['run', '--max-receives', '1', '--exit-when-empty', '--log-format', 'json', '--', 'echo "cannot parse $Message" >&2; exit 1'], captureIo(dir.path))).toBe(0);

    const io = atTerminal('h', 'l');
    expect(await main(['dead-letter'], io)).toBe(0);

    const out = io.out();
    expect(out).toContain(`job ${id}\n  1 attempt; latest: dead-lettered at `);
    expect(out).toMatch(/ received +1 /);
    expect(out).toMatch(/ failed +1 +1 +\d+\.\d{3} s /);
    expect(out).toContain('    | cannot parse broken input\n');
    expect(out).toMatch(/ dead-lettered +1 /);
    expect(out).toContain(`left ${id} in the dead letters`);
  });

  it('history says where it looked when there is no job history beside the queue', async () => {
    const [id] = await deadLetterBodies('with no past');
    const io = atTerminal('h', 'l');
    expect(await main(['dead-letter'], io)).toBe(0);
    expect(io.out()).toContain(`no job history: ${join(dir.path, '.watchbot', 'default.jobs.db')} does not exist\n`);
    expect(io.out()).toContain(`left ${id} in the dead letters`);
  });

  it('history prints the job history an embedder provides', async () => {
    const [id] = await deadLetterBodies('with a past');
    const deadLetters = openSqliteDeadLetterQueue({ path: queuePath });
    const io = atTerminal('h', 'l');
    const asked: string[] = [];
    const summary = await runTriage({
      deadLetters,
      label: 'default',
      stdout: io.stdout,
      answers: createLineReader(terminalInput('h', 'l'), io.stdout),
      showHistory: async (jobId) => {
        asked.push(jobId);
        return `job ${jobId}\n  received  attempt 1\n  failed    exit 1`;
      },
    });
    await deadLetters.close();
    expect(asked).toEqual([id]);
    expect(io.out()).toContain(`job ${id}\n  received  attempt 1\n  failed    exit 1\n`);
    expect(summary).toEqual({ replayed: 0, deleted: 0, failed: 0, left: 1 });
  });

  it('an empty dead-letter queue says so and asks nothing', async () => {
    await deadLetterBodies();
    const io = atTerminal();
    expect(await main(['dead-letter'], io)).toBe(0);
    expect(io.out()).toBe('no dead letters in default\nreplayed 0, deleted 0, failed 0, left 0\n');
  });

  it('is refused when standard input is not a terminal: one line, exit 2, nothing opened', async () => {
    const io = captureIo(dir.path);
    expect(await main(['dead-letter'], io)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('watchbot: dead-letter: triage asks questions, and standard input is not a terminal; use dead-letter list, show, replay or delete');
    expect(io.out()).toBe('');
  });
});

describe('dead-letter purge on a terminal', () => {
  it('asks first, and deletes nothing unless the answer is yes', async () => {
    await deadLetterBodies('a', 'b');
    const declined = atTerminal('no');
    expect(await main(['dead-letter', 'purge'], declined)).toBe(1);
    expect(declined.out()).toBe('Delete all 2 dead letters in default for good? Type yes to confirm: ');
    expect(declined.err()).toBe('watchbot: purge cancelled: nothing was deleted\n');
    expect((await queueState()).dead).toEqual(['a', 'b']);
    const confirmed = atTerminal('yes');
    expect(await main(['dead-letter', 'purge'], confirmed)).toBe(0);
    expect(confirmed.out()).toContain('deleted 2, failed 0, left 0\n');
    expect((await queueState()).dead).toEqual([]);
  });
});

describe('the progress bar', () => {
  it('is drawn in place on a terminal stderr while replaying, and not at all elsewhere', async () => {
    await deadLetterBodies('a', 'b', 'c');
    const onTerminal = captureIo(dir.path);
    let drawn = '';
    const io = { ...onTerminal, stderr: { write: (text: string) => (drawn += text), isTTY: true } };
    expect(await main(['dead-letter', 'replay', '--all'], io)).toBe(0);
    expect(drawn).toBe(`\rreplaying [${'#'.repeat(30)}] 3/3\n`);
    expect(onTerminal.out()).toBe('replayed 3, failed 0, left 0\n');
    // The three replayed messages still fail: with them, four are dead letters again.
    await deadLetterBodies('d');
    const piped = captureIo(dir.path);
    expect(await main(['dead-letter', 'replay', '--all'], piped)).toBe(0);
    expect(piped.err()).toBe('');
    expect(piped.out()).toBe('replayed 4, failed 0, left 0\n');
  });
});
