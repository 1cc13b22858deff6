import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutputStream, WorkerJob, WorkerResult } from '../src/ports/runner.js';
import { createSubprocessRunner } from '../src/subprocess-runner.js';
import type { SubprocessRunner } from '../src/subprocess-runner.js';
import type { SubprocessRunnerOptions } from '../src/subprocess-runner-options.js';
import { createManualClock } from '../src/testing/manual-clock.js';
import { toWorkMessage } from '../src/work-message.js';

const runners: SubprocessRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

function makeRunner(options: SubprocessRunnerOptions): SubprocessRunner {
  const runner = createSubprocessRunner({ baseEnvironment: { PATH: process.env.PATH }, ...options });
  runners.push(runner);
  return runner;
}

function makeJob(body = 'hello', extra: { subject?: string; signal?: AbortSignal } = {}) {
  const output: { stream: OutputStream; line: string }[] = [];
  const warnings: string[] = [];
  const job: WorkerJob = {
    message: toWorkMessage({
      id: 'msg-1',
      body,
      receiptHandle: 'r',
      receiveCount: 3,
      sentAtMs: Date.UTC(2026, 0, 1),
      firstReceivedAtMs: Date.UTC(2026, 0, 1, 0, 0, 1),
      ...(extra.subject !== undefined && { subject: extra.subject }),
    }),
    signal: extra.signal ?? new AbortController().signal,
    onOutput: (stream, line) => output.push({ stream, line }),
    onWarning: (warning) => warnings.push(warning),
  };
  return { job, output, warnings };
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    // A killed child of a reaped shell may linger briefly as a zombie; it is not running.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
};

describe('the subprocess runner', () => {
  it.each([0, 1, 3, 4, 42])('reports exit code %i', async (code) => {
    const result = await makeRunner({ command: `exit ${code}` }).run(makeJob().job);
    expect(result).toEqual({ exitCode: code, signal: null });
  });

  it('gives the worker the message environment and inherits the base environment', async () => {
    const { job, output } = makeJob('the body', { subject: 'the subject' });
    const runner = makeRunner({
      command: 'echo "$Message|$Subject|$MessageId|$ApproximateReceiveCount|$SentTimestamp|$QueueUrl|$INHERITED"',
      baseEnvironment: { PATH: process.env.PATH, INHERITED: 'yes' },
      resources: { QueueUrl: '.watchbot/default.db' },
    });
    await runner.run(job);
    expect(output).toEqual([
      { stream: 'stdout', line: 'the body|the subject|msg-1|3|2026-01-01T00:00:00.000Z|.watchbot/default.db|yes' },
    ]);
  });

  it('captures stdout and stderr line by line, including a last line without a newline', async () => {
    const { job, output } = makeJob();
    await makeRunner({ command: 'printf "one\\ntwo\\n"; printf "err\\n" >&2; printf "tail"' }).run(job);
    expect(output.filter((o) => o.stream === 'stdout').map((o) => o.line)).toEqual(['one', 'two', 'tail']);
    expect(output.filter((o) => o.stream === 'stderr').map((o) => o.line)).toEqual(['err']);
  });

  it('writes the exact body to MessageFile and removes the file afterwards', async () => {
    const body = `line one\nünïcödé ✓\n${'x'.repeat(200_000)}`;
    const { job, output, warnings } = makeJob(body);
    const copy = join(mkdtempSync(join(tmpdir(), 'watchbot-test-')), 'copy');
    await makeRunner({ command: `cp "$MessageFile" ${copy}; echo "$MessageFile"; echo "[$Message][$MessageOnlyInFile]"` }).run(job);
    expect(readFileSync(copy, 'utf8')).toBe(body);
    expect(output[1]!.line).toBe('[][true]');
    expect(existsSync(output[0]!.line)).toBe(false);
    expect(warnings[0]).toContain('over the 128 KiB');
  });

  it('passes a body with a NUL byte through MessageFile intact', async () => {
    const { job, output } = makeJob('a\0b');
    await makeRunner({ command: 'od -An -c "$MessageFile" | tr -s " "' }).run(job);
    expect(output[0]!.line.trim()).toBe('a \\0 b');
  });

  it('reports a worker killed by a signal', async () => {
    const result = await makeRunner({ command: 'kill -KILL $$' }).run(makeJob().job);
    expect(result).toEqual({ exitCode: null, signal: 'SIGKILL' });
  });

  it('returns a start error, not a throw, when the worker cannot be spawned', async () => {
    const result = await makeRunner({ command: 'true', cwd: '/nonexistent/folder' }).run(makeJob().job);
    expect(result.exitCode).toBeNull();
    expect(result.startError).toMatchObject({ code: 'SPAWN_FAILED' });
  });

  it('returns a start error when the environment is too large for the OS (E2BIG)', async () => {
    const runner = makeRunner({ command: 'true', baseEnvironment: { HUGE: 'x'.repeat(200_000) } });
    const result: WorkerResult = await runner.run(makeJob().job);
    expect(result.startError?.message).toMatch(/E2BIG/);
  });

  it('starts the worker for a message whose subject is over 128 KiB (regression: every attempt failed with E2BIG)', async () => {
    const { job, output, warnings } = makeJob('hello', { subject: 's'.repeat(200_000) });
    const result = await makeRunner({ command: 'echo "${Subject-unset} $Message"' }).run(job);
    expect(result).toEqual({ exitCode: 0, signal: null });
    expect(output.map((entry) => entry.line)).toEqual(['unset hello']);
    expect(warnings).toHaveLength(1);
  });

  it('kills what the worker left running in its group when it exits', async () => {
    const { job, output } = makeJob();
    await makeRunner({ command: 'sleep 30 >/dev/null 2>&1 & echo $!' }).run(job);
    const pid = Number(output[0]!.line);
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => isAlive(pid), { timeout: 2000 }).toBe(false);
  });
});

describe('ending a worker early', () => {
  it('sends TERM to the whole process group, so children end with the shell', async () => {
    const controller = new AbortController();
    const { job, output } = makeJob('x', { signal: controller.signal });
    const pidFile = join(mkdtempSync(join(tmpdir(), 'watchbot-test-')), 'pids');
    const running = makeRunner({ command: `sleep 30 & echo $! > ${pidFile}; echo started; wait` }).run(job);
    await expect.poll(() => output.length).toBe(1);
    controller.abort('timeout');
    const result = await running;
    expect(result.signal ?? result.exitCode).toBeTruthy();
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(child)).toBe(false);
  });

  it('sends KILL after the grace period to a group that ignores TERM, and waits for it', async () => {
    const clock = createManualClock();
    const controller = new AbortController();
    const { job, output } = makeJob('x', { signal: controller.signal });
    // The shell dies on TERM; its child ignores TERM and has let go of the output pipes: only KILL ends it.
    const command = `sh -c 'trap "" TERM; while :; do sleep 0.05; done' >/dev/null 2>&1 & echo $! $$; wait`;
    let settled = false;
    const running = makeRunner({ command, clock, killGraceSeconds: 5 })
      .run(job)
      .then((result) => {
        settled = true;
        return result;
      });
    await expect.poll(() => output.length).toBe(1);
    const [child, shell] = output[0]!.line.split(' ').map(Number) as [number, number];
    controller.abort('timeout');
    await expect.poll(() => isAlive(shell)).toBe(false);
    await clock.settle();
    expect(settled).toBe(false);
    expect(isAlive(child)).toBe(true);
    await clock.advance(5000);
    await running;
    expect(settled).toBe(true);
    await expect.poll(() => isAlive(child), { timeout: 2000 }).toBe(false);
  });

  it('settles as soon as the group has ended, without waiting out the kill grace (children left as zombies do not count)', async () => {
    const clock = createManualClock();
    const controller = new AbortController();
    const { job, output } = makeJob('x', { signal: controller.signal });
    let settled = false;
    const running = makeRunner({ command: 'sleep 30 & echo started; wait', clock, killGraceSeconds: 5 })
      .run(job)
      .then((result) => {
        settled = true;
        return result;
      });
    await expect.poll(() => output.length).toBe(1);
    const abortedAtMs = clock.now();
    controller.abort('stop');
    await expect
      .poll(async () => {
        await clock.advance(100);
        return settled;
      }, { timeout: 4000 })
      .toBe(true);
    expect(clock.now() - abortedAtMs).toBeLessThan(5000);
    await running;
  });

  it('does not start a worker whose job was aborted before it began', async () => {
    const controller = new AbortController();
    controller.abort('stop');
    const { job, output } = makeJob('x', { signal: controller.signal });
    const result = await makeRunner({ command: 'echo ran' }).run(job);
    expect(result).toEqual({ exitCode: null, signal: null });
    expect(output).toEqual([]);
  });
});

it('leaves no worker processes behind after a run (checked with ps)', async () => {
  const marker = `watchbot-marker-${process.pid}`;
  await makeRunner({ command: `(exec -a ${marker} sleep 30) & true` }).run(makeJob().job);
  await expect
    .poll(() => execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(marker) && !l.startsWith('Z')).length, { timeout: 2000 })
    .toBe(0);
});
