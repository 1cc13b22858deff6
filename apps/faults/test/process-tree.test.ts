/**
 * Scenario 4: workers that fork children and grandchildren — some ignoring SIGTERM — and hang.
 * --max-job-duration must end each worker's whole process group (SIGTERM, then SIGKILL after the
 * grace period), count the job as timed out, and leave no process behind. Every process of the
 * tree carries a marker in its environment; /proc is scanned for it.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createScenarioDir,
  findMarkedProcesses,
  findSettledCounts,
  killMarkedProcesses,
  parseWatcherLog,
  readQueueFileIds,
  readWorkLog,
  recordFaultRows,
  sendMessages,
  startWatchbot,
  tallyMessages,
  toFaultRow,
  waitFor,
  withDeadline,
  writeFaultWorker,
} from '../src/index.js';

const scenario = '4. a worker that forks and hangs';
const maxJobDurationSeconds = 2;
/** SIGTERM to SIGKILL, as the runner does it (docs/worker-runtime.md). */
const killGraceSeconds = 5;
const jobs = 3;

/**
 * The tree each worker builds, all in its own process group: a child that ignores SIGTERM, a
 * child whose own children (one ignoring SIGTERM) sleep, a subshell loop ignoring SIGTERM,
 * and the worker itself hanging in `wait`.
 */
const forkingWork = `
sh -c 'trap "" TERM; sleep 300' &
sh -c 'sleep 300 & sh -c "trap \\"\\" TERM; sleep 300" & wait' &
( trap '' TERM; while :; do sleep 1; done ) &
sleep 300 &
wait`;
/**
 * Processes per worker once the tree has grown, at the least: the worker, its `sleep`, the loop
 * subshell, the TERM-ignoring child's `sleep`, the second child, its `sleep` and its own
 * TERM-ignoring child's `sleep` (a shell may exec its last command rather than fork it).
 */
const processesPerWorker = 7;

const markers: string[] = [];
afterEach(() => {
  // Should the test fail midway, leave nothing running.
  for (const marker of markers.splice(0)) killMarkedProcesses(marker);
});

describe(scenario, () => {
  it('ends every worker\'s whole process tree at --max-job-duration, SIGTERM-ignoring members included, and leaves no orphan', async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('process-tree');
    const marker = `WATCHBOT_FAULT_TREE=${randomUUID()}`;
    markers.push(marker);
    const queuePath = dir.file('queue.db');
    const sender = openSqliteQueue({ path: queuePath });
    try {
      const logPath = dir.file('work.log');
      const worker = writeFaultWorker(dir.path, { work: forkingWork });
      const { ids: sent } = await sendMessages(sender, Array.from({ length: jobs }, (_, index) => ({ body: `tree-${index}` })));
      const [name = '', value = ''] = marker.split('=');
      const watcher = startWatchbot(
        ['run', '--queue', queuePath, '--concurrency', String(jobs), '--max-job-duration', String(maxJobDurationSeconds), '--max-receives', '1', '--exit-when-empty', '--log-format', 'json', '--', worker],
        { cwd: dir.path, env: { FAULT_LOG: logPath, [name]: value } },
      );
      // The watcher carries the marker too (workers inherit its environment): count only its descendants.
      const trees = await waitFor(
        () => {
          const found = findMarkedProcesses(marker).filter((process) => process.pid !== watcher.pid);
          return found.length >= jobs * processesPerWorker ? found : undefined;
        },
        { timeoutMs: 15_000, what: `${jobs} process trees to grow` },
      );
      const exit = await withDeadline(watcher.exited, (maxJobDurationSeconds + killGraceSeconds + 20) * 1000, 'the watcher to end the trees and exit');
      const exitSeconds = exit.durationMs / 1000;
      // The moment the watcher has exited, nothing of the trees may remain.
      const survivors = findMarkedProcesses(marker);

      expect(exit.code, exit.stderr).toBe(0);
      expect(survivors.map((process) => `${process.pid} ${process.state} ${process.commandLine}`)).toEqual([]);
      expect(findSettledCounts(parseWatcherLog(exit.stdout.split('\n').map((text) => ({ atMs: 0, text }))))).toMatchObject({ 'timed-out': jobs });
      // SIGTERM at the limit, SIGKILL for the TERM-ignoring members after the grace period; not sooner, not much later.
      expect(exitSeconds).toBeGreaterThanOrEqual(maxJobDurationSeconds + killGraceSeconds);
      expect(exitSeconds).toBeLessThan(maxJobDurationSeconds + killGraceSeconds + 10);
      const files = readQueueFileIds(queuePath);
      const tally = tallyMessages({ sent, log: readWorkLog(logPath), deadLettered: files.deadLettered });
      recordFaultRows(
        toFaultRow(scenario, 'embedded', tally, startedAtMs, {
          maxJobDurationSeconds,
          processesEnded: trees.length,
          survivors: survivors.length,
          watcherExitSeconds: Math.round(exitSeconds * 10) / 10,
        }),
      );
      // Timed out on their only allowed attempt: dead-lettered, none lost.
      expect(tally.deadLettered).toBe(jobs);
      expect(tally.lost).toEqual([]);
      expect(files.waiting.size).toBe(0);
    } finally {
      await sender.close();
      dir.remove();
    }
  });
});
