/**
 * Scenario 7: two watchers on one embedded queue file. SQLite's write lock decides who claims
 * what: no message may run twice at the same time (read from the start and end lines of the
 * log, which one append-only file orders across processes), and neither watcher may starve.
 */
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { describe, expect, it } from 'vitest';
import {
  createScenarioDir,
  overlappingMessages,
  readQueueFileIds,
  readWorkLog,
  recordFaultRows,
  sendMessages,
  startWatchbot,
  tallyMessages,
  toFaultRow,
  waitFor,
  withDeadline,
  workMessages,
  writeFaultWorker,
} from '../src/index.js';

const scenario = '7. two watchers, one queue file';
const messageCount = 400;
/** The least share of the jobs each watcher must run. */
const fairShare = 0.25;

describe(scenario, () => {
  it(`never runs one message twice at once, and gives each watcher at least ${fairShare * 100}% of ${messageCount} jobs`, async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('two-watchers');
    const queuePath = dir.file('queue.db');
    const sender = openSqliteQueue({ path: queuePath });
    try {
      const logPath = dir.file('work.log');
      const worker = writeFaultWorker(dir.path, { work: 'set -- $Message; sleep "$2"' });
      const { ids: sent } = await sendMessages(sender, workMessages('shared', messageCount, (index) => 0.02 + (index % 5) * 0.01), 100);
      const args = ['run', '--queue', queuePath, '--concurrency', '4', '--log-format', 'json', '--', worker];
      const watchers = ['a', 'b'].map((name) => startWatchbot(args, { cwd: dir.path, env: { FAULT_LOG: logPath, FAULT_WATCHER: name } }));

      // Both keep polling until stopped: wait for every message to be done and gone from the file.
      await waitFor(() => readWorkLog(logPath).runs.filter((run) => run.endLine !== undefined).length >= messageCount && readQueueFileIds(queuePath).waiting.size === 0, {
        timeoutMs: 120_000,
        what: `${messageCount} messages to be done by the two watchers`,
      });
      for (const watcher of watchers) watcher.child.kill('SIGTERM');
      const exits = await withDeadline(Promise.all(watchers.map((watcher) => watcher.exited)), 30_000, 'both watchers to stop');

      const log = readWorkLog(logPath);
      const share = (name: string): number => log.runs.filter((run) => run.watcher === name).length / log.runs.length;
      const tally = tallyMessages({ sent, log, deadLettered: readQueueFileIds(queuePath).deadLettered });
      recordFaultRows(
        toFaultRow(scenario, 'embedded', tally, startedAtMs, {
          shareA: Math.round(share('a') * 1000) / 1000,
          shareB: Math.round(share('b') * 1000) / 1000,
          overlapping: overlappingMessages(log).length,
        }),
      );
      for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
      expect(overlappingMessages(log)).toEqual([]);
      expect(share('a')).toBeGreaterThanOrEqual(fairShare);
      expect(share('b')).toBeGreaterThanOrEqual(fairShare);
      expect(tally.lost).toEqual([]);
      expect(tally.done).toBe(messageCount);
      // Nothing failed and no visibility timeout ran out: no message ran twice at all.
      expect(tally.duplicates).toBe(0);
    } finally {
      await sender.close();
      dir.remove();
    }
  });
});
