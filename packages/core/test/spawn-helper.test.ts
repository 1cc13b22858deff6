/**
 * The spawn helper: workers are forked by a small helper process rather than by the watcher,
 * and whenever the helper cannot do the job the runner still runs every worker (with Node's
 * spawn) or reports it failed — a worker is never lost or left running unwatched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnHelperName } from '../src/spawn-helper-script.js';
import { createSubprocessRunner } from '../src/subprocess-runner.js';
import type { SubprocessRunner } from '../src/subprocess-runner.js';
import type { SubprocessRunnerOptions } from '../src/subprocess-runner-options.js';
import { commandLineOf, isAlive, makeJob } from './runner-harness.js';

const runners: SubprocessRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

function makeRunner(options: SubprocessRunnerOptions): SubprocessRunner {
  const runner = createSubprocessRunner({ baseEnvironment: { PATH: process.env.PATH }, ...options });
  runners.push(runner);
  return runner;
}

/** The pid of the process that forked the worker (the shell's parent). */
async function parentOfWorker(runner: SubprocessRunner): Promise<number> {
  const { job, lines } = makeJob();
  await runner.run(job);
  return Number(lines()[0]);
}

describe('the spawn helper', () => {
  it('forks the workers, not the watcher', async () => {
    const parent = await parentOfWorker(makeRunner({ command: 'echo $PPID' }));
    expect(parent).not.toBe(process.pid);
    expect(commandLineOf(parent)).toContain(spawnHelperName);
  });

  it('serves every worker of a runner from one process, and is gone once the runner is closed', async () => {
    const runner = makeRunner({ command: 'echo $PPID' });
    const parents = await Promise.all([1, 2, 3].map(() => parentOfWorker(runner)));
    expect(new Set(parents).size).toBe(1);
    await runner.close();
    await expect.poll(() => isAlive(parents[0]!), { timeout: 2000 }).toBe(false);
  });

  it('lets a running worker finish and report when the runner is closed meanwhile', async () => {
    const runner = makeRunner({ command: 'sleep 0.2; echo done' });
    const { job, lines } = makeJob();
    const running = runner.run(job);
    await runner.close();
    expect(await running).toEqual({ exitCode: 0, signal: null });
    expect(lines()).toEqual(['done']);
  });

  it("is not swayed by Perl settings in the watcher's environment, which the workers still get", async () => {
    const { job, lines } = makeJob();
    const runner = makeRunner({ command: 'echo "$PERL5OPT"', baseEnvironment: { PATH: process.env.PATH, PERL5OPT: '-Mwarnings=FATAL,all -e die' } });
    expect(await runner.run(job)).toEqual({ exitCode: 0, signal: null });
    expect(lines()).toEqual(['-Mwarnings=FATAL,all -e die']);
  });

  it('is not used when there is no perl on the PATH: Node spawns the workers', async () => {
    const { job, lines } = makeJob();
    const runner = makeRunner({ command: 'echo $PPID', baseEnvironment: { PATH: '/nonexistent' } });
    expect(await runner.run(job)).toEqual({ exitCode: 0, signal: null });
    expect(Number(lines()[0])).toBe(process.pid);
  });

  it('is not used when asked not to (spawnHelper: false)', async () => {
    expect(await parentOfWorker(makeRunner({ command: 'echo $PPID', spawnHelper: false }))).toBe(process.pid);
  });

  it('kills the group of a worker whose helper died, reports the worker failed, and serves the next from a new helper', async () => {
    const runner = makeRunner({ command: '[ "$Message" = long ] && { sleep 30 & echo "$PPID $!"; wait; }; echo $PPID' });
    const { job, lines } = makeJob('long');
    const running = runner.run(job);
    await expect.poll(() => lines().length).toBe(1);
    const [helper, child] = lines()[0]!.split(' ').map(Number) as [number, number];
    process.kill(helper, 'SIGKILL');
    const result = await running;
    expect(result).toMatchObject({ exitCode: null, signal: null, startError: { code: 'SPAWN_FAILED' } });
    expect(result.startError?.message).toMatch(/spawn helper/);
    await expect.poll(() => isAlive(child), { timeout: 2000 }).toBe(false);
    const next = await parentOfWorker(runner);
    expect(next).not.toBe(helper);
    expect(commandLineOf(next)).toContain(spawnHelperName);
  });

  it('after its third death spawns with Node for good', async () => {
    const runner = makeRunner({ command: 'echo $PPID' });
    for (let death = 1; death <= 3; death++) {
      const helper = await parentOfWorker(runner);
      expect(helper).not.toBe(process.pid);
      process.kill(helper, 'SIGKILL');
      await expect.poll(() => isAlive(helper), { timeout: 2000 }).toBe(false);
      // Let the runner see it go before the next worker is asked for.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect.poll(() => parentOfWorker(runner), { timeout: 2000 }).toBe(process.pid);
  });
});
