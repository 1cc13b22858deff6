/**
 * Scenario 3: the queue service disappears. The emulator closes its port and cuts every
 * connection for FAULTS_OUTAGE_SECONDS (default 30), keeping its queues and messages as SQS
 * would, then listens again on the same port. The watcher must back off (no hot loop), not
 * crash, and resume by itself once the service is back; nothing may be lost.
 */
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedrivenQueue,
  createScenarioDir,
  emulatorEnvironment,
  entriesMatching,
  openEmulatorQueue,
  parseWatcherLog,
  pause,
  readDeadLetterIds,
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

const scenario = '3. the queue service disappears';
const outageSeconds = readOutageSeconds();
/** The watcher's longest pause between failed receives (docs/retry-cycle.md), in s. */
const longestReceivePauseSeconds = 8;

function readOutageSeconds(): number {
  const raw = process.env['FAULTS_OUTAGE_SECONDS'] ?? '30';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 600) {
    throw new Error(`FAULTS_OUTAGE_SECONDS: ${JSON.stringify(raw)} is not valid; expected a whole number of seconds from 1 to 600`);
  }
  return value;
}

let emulator: SqsEmulator;
beforeAll(async () => {
  emulator = await startSqsEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

describe(scenario, () => {
  it(`backs off during a ${outageSeconds}-s outage, does not crash, resumes when the service returns, and loses nothing`, async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('outage');
    const queue = await createRedrivenQueue(emulator, 'outage', 10);
    const sender = await openEmulatorQueue(emulator, queue.url);
    try {
      const logPath = dir.file('work.log');
      const worker = writeFaultWorker(dir.path, { work: 'set -- $Message; sleep "$2"' });
      const { ids: sent } = await sendMessages(sender, workMessages('outage', 80, () => 0.1));
      const watcher = startWatchbot(
        ['run', '--queue', queue.url, '--concurrency', '2', '--visibility-timeout', '10', '--exit-when-empty', '--log-format', 'json', '--', worker],
        { cwd: dir.path, env: { ...emulatorEnvironment(emulator), FAULT_LOG: logPath } },
      );
      await waitFor(() => readWorkLog(logPath).runs.filter((run) => run.endLine !== undefined).length >= 10, {
        timeoutMs: 30_000,
        what: 'ten messages to be done before the outage',
      });

      const offlineAtMs = Date.now();
      await emulator.goOffline();
      const runsBeforeOutage = readWorkLog(logPath).runs.length;
      await pause(outageSeconds * 1000);
      const runsDuringOutage = readWorkLog(logPath).runs.length - runsBeforeOutage;
      await emulator.goOnline();
      const onlineAtMs = Date.now();
      expect(watcher.child.exitCode, `the watcher crashed during the outage: ${watcher.stderr()}`).toBeNull();

      // The first new job after the service's return marks the resumption.
      const runsAtReturn = readWorkLog(logPath).runs.length;
      await waitFor(() => readWorkLog(logPath).runs.length > runsAtReturn, {
        timeoutMs: (longestReceivePauseSeconds + 15) * 1000,
        what: 'the watcher to start a job after the service returned',
      });
      const resumeSeconds = (Date.now() - onlineAtMs) / 1000;
      const exit = await withDeadline(watcher.exited, 120_000, 'the watcher to finish the queue');
      expect(exit.code, exit.stderr).toBe(0);

      const entries = parseWatcherLog(watcher.lines());
      const failedReceives = entriesMatching(entries, /^could not receive messages/).filter((entry) => entry.atMs >= offlineAtMs && entry.atMs <= onlineAtMs);
      const failedSettles = entriesMatching(entries, /^could not (delete|return) the message/).length;
      const tally = tallyMessages({ sent, log: readWorkLog(logPath), deadLettered: await readDeadLetterIds(emulator, queue.deadLetterUrl) });
      const counts = await sender.getCounts();
      recordFaultRows(
        toFaultRow(scenario, 'emulator', tally, startedAtMs, {
          outageSeconds,
          failedReceivesDuringOutage: failedReceives.length,
          jobsStartedDuringOutage: runsDuringOutage,
          failedDeletesOrReturns: failedSettles,
          resumeSecondsAfterReturn: Math.round(resumeSeconds * 10) / 10,
        }),
      );

      // It tried, and kept trying, but with growing pauses: 1, 2, 4, then 8 s (halved at most by jitter).
      expect(failedReceives.length).toBeGreaterThanOrEqual(Math.min(3, Math.ceil(outageSeconds / 4)));
      expect(failedReceives.length).toBeLessThanOrEqual(maxReceivesWithBackoff(outageSeconds));
      expect(failedReceives[0]?.msg).toMatch(/retrying in \d+(\.\d+)? s/);
      expect(resumeSeconds).toBeLessThanOrEqual(longestReceivePauseSeconds + 5);
      expect(tally.lost).toEqual([]);
      expect(tally.done).toBe(sent.length);
      expect(counts.visible + counts.inFlight + counts.delayed).toBe(0);
    } finally {
      await sender.close();
      dir.remove();
    }
  });
});

/**
 * The most receives a watcher backing off as documented can make in `seconds`: the first, plus
 * one after each pause, each pause at least half its nominal 1, 2, 4, 8, 8 … s.
 */
function maxReceivesWithBackoff(seconds: number): number {
  let elapsed = 0;
  let receives = 1;
  for (let attempt = 1; ; attempt += 1) {
    elapsed += Math.min(longestReceivePauseSeconds, 2 ** (attempt - 1)) / 2;
    if (elapsed > seconds) return receives;
    receives += 1;
  }
}
