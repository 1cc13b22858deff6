/**
 * What a worker sees and what the runner reports must not depend on how the worker was forked:
 * every behaviour here runs through the spawn helper (the default) and through Node's own spawn.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubprocessRunner } from '../src/subprocess-runner.js';
import type { SubprocessRunner } from '../src/subprocess-runner.js';
import type { SubprocessRunnerOptions } from '../src/subprocess-runner-options.js';
import { isAlive, makeJob } from './runner-harness.js';

/** This process's descriptors above 2 that a child inherits (not close-on-exec), ascending. */
function inheritableDescriptors(): number[] {
  const closeOnExec = 0o2000000;
  return readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => fd > 2)
    .filter((fd) => {
      try {
        const flags = /^flags:\s+(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
        return flags !== undefined && (Number.parseInt(flags, 8) & closeOnExec) === 0;
      } catch {
        return false; // the descriptor readdir itself used
      }
    })
    .sort((a, b) => a - b);
}

const runners: SubprocessRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

describe.each([
  { path: 'the spawn helper', spawnHelper: true },
  { path: "Node's spawn", spawnHelper: false },
])('workers forked by $path', ({ spawnHelper }) => {
  const makeRunner = (options: SubprocessRunnerOptions): SubprocessRunner => {
    const runner = createSubprocessRunner({ baseEnvironment: { PATH: process.env.PATH }, spawnHelper, ...options });
    runners.push(runner);
    return runner;
  };

  it('tells an exit with status 137 from a kill by SIGKILL', async () => {
    const runner = makeRunner({ command: '[ "$Message" = exit ] && exit 137; kill -KILL $$' });
    expect(await runner.run(makeJob('exit').job)).toEqual({ exitCode: 137, signal: null });
    expect(await runner.run(makeJob('kill').job)).toEqual({ exitCode: null, signal: 'SIGKILL' });
  });

  it('reports a worker ended by SIGTERM as the signal, and one that caught it by its exit code', async () => {
    const runner = makeRunner({ command: '[ "$Message" = trap ] && trap "exit 7" TERM; kill -TERM $$; sleep 1' });
    expect(await runner.run(makeJob('plain').job)).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(await runner.run(makeJob('trap').job)).toEqual({ exitCode: 7, signal: null });
  });

  it('starts each worker in a process group and session of its own, with stdin from /dev/null', async () => {
    const { job, lines } = makeJob();
    await makeRunner({ command: 'echo "$$ $(ps -o pgid= -p $$) $(ps -o sid= -p $$)"; readlink /proc/$$/fd/0' }).run(job);
    const [pid, pgid, sid] = lines()[0]!.split(/\s+/).map(Number);
    expect(pgid).toBe(pid);
    expect(sid).toBe(pid);
    expect(lines()[1]).toBe('/dev/null');
  });

  it("gives a worker stdin, stdout and stderr and what the watcher lets children inherit — no other worker's pipes", async () => {
    const runner = makeRunner({ command: '[ "$Message" = list ] && ls /proc/$$/fd; sleep 0.3' });
    const others = [1, 2, 3].map((index) => runner.run(makeJob('other', { id: `other-${index}` }).job));
    const { job, lines } = makeJob('list');
    await Promise.all([runner.run(job), ...others]);
    expect(lines().map(Number)).toEqual([0, 1, 2, ...inheritableDescriptors()]);
  });

  it('runs 24 workers at once, each with its own environment, output and exit code', async () => {
    const runner = makeRunner({ command: 'echo "$MessageId"; echo "err $MessageId" >&2; exit "$Message"' });
    const jobs = Array.from({ length: 24 }, (_, index) => makeJob(String(index % 7), { id: `msg-${index}` }));
    const results = await Promise.all(jobs.map(({ job }) => runner.run(job)));
    results.forEach((result, index) => expect(result).toEqual({ exitCode: index % 7, signal: null }));
    jobs.forEach(({ lines }, index) => {
      expect(lines('stdout')).toEqual([`msg-${index}`]);
      expect(lines('stderr')).toEqual([`err msg-${index}`]);
    });
  });

  it("gives the next worker none of the previous worker's message variables, and the base value back", async () => {
    const runner = makeRunner({
      command: 'echo "${Subject-unset}|${MessageOnlyInFile-unset}|$KEPT"',
      baseEnvironment: { PATH: process.env.PATH, KEPT: 'base' },
      resources: { WorkTopic: 'arn:aws:sns:us-east-1:123456789012:topic' },
    });
    const first = makeJob('x'.repeat(140_000), { subject: 'first subject' });
    await runner.run(first.job);
    const second = makeJob('small');
    await runner.run(second.job);
    expect(first.lines()).toEqual(['first subject|true|base']);
    expect(second.lines()).toEqual(['unset|unset|base']);
  });

  it('passes a megabyte of output intact, multi-byte characters split across reads included', async () => {
    const { job, lines } = makeJob();
    await makeRunner({ command: 'i=0; while [ $i -lt 20 ]; do printf "%05000d\\n" 0 | sed "s/0/é/g"; i=$((i+1)); done' }).run(job);
    expect(lines()).toHaveLength(20);
    for (const line of lines()) expect(line).toBe('é'.repeat(5000));
  });

  it('reports a working directory that does not exist as a start error naming it', async () => {
    const result = await makeRunner({ command: 'true', cwd: '/nonexistent/folder' }).run(makeJob().job);
    expect(result).toMatchObject({ exitCode: null, signal: null, startError: { code: 'SPAWN_FAILED' } });
    expect(result.startError?.message).toMatch(/ENOENT/);
  });

  it('reports a command holding a NUL byte as a start error', async () => {
    const result = await makeRunner({ command: 'true\0false' }).run(makeJob().job);
    expect(result).toMatchObject({ exitCode: null, startError: { code: 'SPAWN_FAILED' } });
  });

  it('ends the group of a worker aborted before it started running, and reports it ended', async () => {
    const controller = new AbortController();
    const { job } = makeJob('x', { signal: controller.signal });
    const running = makeRunner({ command: 'echo $$ > /dev/null; sleep 30' }).run(job);
    controller.abort('stop'); // at once: the pid may not be known yet
    const result = await running;
    expect(result.signal ?? result.exitCode).toBeTruthy();
  });

  it('leaves nothing of a worker running after an abort', async () => {
    const controller = new AbortController();
    const { job, lines } = makeJob('x', { signal: controller.signal });
    const running = makeRunner({ command: 'sleep 30 & echo $!; wait' }).run(job);
    await expect.poll(() => lines().length).toBe(1);
    controller.abort('timeout');
    await running;
    expect(isAlive(Number(lines()[0]))).toBe(false);
  });
});
