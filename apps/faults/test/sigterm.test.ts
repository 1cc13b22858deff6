/**
 * Scenario 2: SIGTERM in the middle of work. Jobs that can finish within --stop-timeout do, and
 * their messages are deleted; jobs that cannot are ended and their messages made visible again
 * at once; the watcher exits 0 within the stop timeout; nothing is deleted that was not done.
 * A second watcher then finishes the rest.
 */
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import type { Queue, QueueCounts } from '@watchbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedrivenQueue,
  createScenarioDir,
  emulatorEnvironment,
  finishedMessages,
  openEmulatorQueue,
  readDeadLetterIds,
  readQueueFileIds,
  readWorkLog,
  recordFaultRows,
  runWatchbot,
  runWatchbotOk,
  sendMessages,
  startWatchbot,
  tallyMessages,
  toFaultRow,
  waitFor,
  withDeadline,
  writeFaultWorker,
} from '../src/index.js';
import type { ScenarioDir } from '../src/index.js';

const scenario = '2. SIGTERM in the middle of work';
const stopTimeoutSeconds = 3;
const concurrency = 4;

let emulator: SqsEmulator;
beforeAll(async () => {
  emulator = await startSqsEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

interface StopTarget {
  readonly queue: 'embedded' | 'emulator';
  readonly queueArgument: string;
  readonly env: Record<string, string>;
  readonly sender: Queue;
  /** The ids still in the queue, when the queue can list them (the embedded file). */
  waitingIds(): Set<string> | undefined;
  /** Dead-lettered ids, read at the very end. */
  deadLetteredIds(): Promise<Set<string>>;
}

async function stopInTheMiddle(dir: ScenarioDir, target: StopTarget): Promise<void> {
  const startedAtMs = Date.now();
  const logPath = dir.file('work.log');
  // "<name> <seconds>": long jobs outlast the stop timeout, short ones finish within it.
  // FAULT_SLEEP, when set, replaces every job's time (the second watcher's quick run).
  const worker = writeFaultWorker(dir.path, { work: 'set -- $Message; sleep "${FAULT_SLEEP:-$2}"' });
  const bodies = ['long-0 60', 'short-1 1', 'long-2 60', 'short-3 1', ...Array.from({ length: 8 }, (_, index) => `short-${index + 4} 1`)];
  const { ids: sent } = await sendMessages(target.sender, bodies.map((body) => ({ body })));
  const isLong = new Map(sent.map((id, index) => [id, bodies[index]?.startsWith('long') === true]));
  const env = { ...target.env, FAULT_LOG: logPath };
  const args = ['run', '--queue', target.queueArgument, '--concurrency', String(concurrency), '--stop-timeout', String(stopTimeoutSeconds), '--log-format', 'json', '--'];

  const watcher = startWatchbot([...args, worker], { cwd: dir.path, env: { ...env, FAULT_WATCHER: 'first' } });
  await waitFor(
    () => {
      const open = readWorkLog(logPath).runs.filter((run) => run.endLine === undefined);
      return open.length === concurrency && open.some((run) => isLong.get(run.messageId) === true);
    },
    { timeoutMs: 20_000, what: `${concurrency} workers, a long one among them, to be running` },
  );
  const signalledAtMs = Date.now();
  watcher.child.kill('SIGTERM');
  const exit = await withDeadline(watcher.exited, 30_000, 'the watcher to exit after SIGTERM');
  const stopSeconds = (Date.now() - signalledAtMs) / 1000;

  expect(exit.code, exit.stderr).toBe(0);
  // Within the stop timeout, plus the moment a TERM'd worker takes to exit and its message to be released.
  expect(stopSeconds).toBeLessThan(stopTimeoutSeconds + 2);
  const afterStop = readWorkLog(logPath);
  const finished = finishedMessages(afterStop);
  const released = afterStop.runs.filter((run) => run.endLine === undefined).map((run) => run.messageId);
  expect(released.length).toBeGreaterThan(0);
  expect(released.every((id) => isLong.get(id) === true), 'only jobs that could not finish in time are ended').toBe(true);
  // Nothing acknowledged that was not done: exactly the finished messages left the queue, and
  // every other message (released or never started) is visible again at once.
  const notDone = sent.filter((id) => !finished.has(id));
  const waiting = target.waitingIds();
  if (waiting !== undefined) expect([...waiting].sort()).toEqual([...notDone].sort());
  const counts = await target.sender.getCounts();
  expect(pick(counts)).toEqual({ visible: notDone.length, inFlight: 0, delayed: 0 });

  // A new watcher finishes the rest.
  const second = await withDeadline(
    runWatchbot([...args, worker].toSpliced(-2, 0, '--exit-when-empty'), { cwd: dir.path, env: { ...env, FAULT_WATCHER: 'second', FAULT_SLEEP: '0.05' } }),
    60_000,
    'the second watcher to finish the rest',
  );
  expect(second.code, second.stderr).toBe(0);
  const log = readWorkLog(logPath);
  const tally = tallyMessages({ sent, log, deadLettered: await target.deadLetteredIds() });
  recordFaultRows(
    toFaultRow(scenario, target.queue, tally, startedAtMs, {
      stopTimeoutSeconds,
      exitSecondsAfterSigterm: Math.round(stopSeconds * 10) / 10,
      finishedInTime: finished.size,
      released: released.length,
    }),
  );
  expect(tally.lost).toEqual([]);
  expect(tally.done).toBe(sent.length);
  // The released jobs ran twice; nothing else did.
  expect(tally.duplicates).toBe(released.length);
}

function pick(counts: QueueCounts): Pick<QueueCounts, 'visible' | 'inFlight' | 'delayed'> {
  return { visible: counts.visible, inFlight: counts.inFlight, delayed: counts.delayed };
}

describe(scenario, () => {
  it('on the embedded queue, finishes what fits in --stop-timeout, releases the rest at once, exits 0, and a new watcher finishes', async () => {
    const dir = createScenarioDir('sigterm-embedded');
    const queuePath = dir.file('queue.db');
    const sender = openSqliteQueue({ path: queuePath });
    try {
      await stopInTheMiddle(dir, {
        queue: 'embedded',
        queueArgument: queuePath,
        env: {},
        sender,
        waitingIds: () => new Set(readQueueFileIds(queuePath).waiting),
        deadLetteredIds: async () => new Set(readQueueFileIds(queuePath).deadLettered),
      });
      // What `watchbot status` shows a user agrees with the file.
      const status = JSON.parse((await runWatchbotOk(['status', '--json', '--queue', queuePath], { cwd: dir.path })).stdout) as Record<string, number>;
      expect(status).toMatchObject({ visible: 0, inFlight: 0, delayed: 0, deadLettered: 0 });
    } finally {
      await sender.close();
      dir.remove();
    }
  });

  it('on SQS (the emulator), finishes what fits in --stop-timeout, releases the rest at once, exits 0, and a new watcher finishes', async () => {
    const dir = createScenarioDir('sigterm-emulator');
    const queue = await createRedrivenQueue(emulator, 'sigterm', 10);
    const sender = await openEmulatorQueue(emulator, queue.url);
    try {
      await stopInTheMiddle(dir, {
        queue: 'emulator',
        queueArgument: queue.url,
        env: emulatorEnvironment(emulator),
        sender,
        waitingIds: () => undefined,
        deadLetteredIds: () => readDeadLetterIds(emulator, queue.deadLetterUrl),
      });
    } finally {
      await sender.close();
      dir.remove();
    }
  });
});
