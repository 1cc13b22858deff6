/**
 * Scenario 1: the watcher is killed with SIGKILL at random moments (seeded), 50 times, while a
 * stream of messages arrives; a new watcher starts after each kill. A killed watcher settles
 * nothing, so the messages it held come back after their visibility timeout and run again:
 * duplicates are expected, losses are not.
 */
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import type { Queue } from '@watchbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedrivenQueue,
  createScenarioDir,
  createSeededRandom,
  emulatorEnvironment,
  openEmulatorQueue,
  readDeadLetterIds,
  readFaultSeed,
  readQueueFileIds,
  readWorkLog,
  recordFaultRows,
  runWatchbot,
  sendMessages,
  startWatchbot,
  tallyMessages,
  toFaultRow,
  pause,
  withDeadline,
  workMessages,
  writeFaultWorker,
} from '../src/index.js';
import type { ScenarioDir } from '../src/index.js';

const scenario = '1. kill -9 of the watcher';
const kills = Number(process.env['FAULTS_KILLS'] ?? 50);
/** Messages added to the stream before each restart. */
const messagesPerRound = 8;
/** Short, so that what a killed watcher held comes back within the scenario. */
const visibilityTimeoutSeconds = 5;
const maxReceives = 10;

let emulator: SqsEmulator;
beforeAll(async () => {
  emulator = await startSqsEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

/** One queue under test: how to reach it and how to read it afterwards. */
interface KillTarget {
  readonly queue: 'embedded' | 'emulator';
  readonly queueArgument: string;
  readonly env: Record<string, string>;
  /** Sends through the queue's own send path. */
  readonly sender: Queue;
  /** Dead-lettered ids and whether the queue is now empty. */
  finalState(): Promise<{ deadLettered: Set<string>; empty: boolean }>;
}

async function killRepeatedly(dir: ScenarioDir, target: KillTarget, seed: number): Promise<void> {
  const startedAtMs = Date.now();
  const random = createSeededRandom(seed);
  const logPath = dir.file('work.log');
  const worker = writeFaultWorker(dir.path, { work: 'set -- $Message; sleep "$2"' });
  const env = { ...target.env, FAULT_LOG: logPath };
  const args = ['run', '--queue', target.queueArgument, '--concurrency', '4', '--visibility-timeout', String(visibilityTimeoutSeconds), '--max-receives', String(maxReceives), '--log-format', 'json', '--', worker];
  const sent: string[] = [];
  let killsDuringStartUp = 0;
  let killsDuringWork = 0;

  for (let round = 0; round < kills; round += 1) {
    const batch = workMessages(`round${round}`, messagesPerRound, () => random.integer(20, 400) / 1000);
    sent.push(...(await sendMessages(target.sender, batch)).ids);
    const watcherName = `k${round}`;
    const watcher = startWatchbot(args, { cwd: dir.path, env: { ...env, FAULT_WATCHER: watcherName } });
    await pause(random.integer(0, 1_000));
    if (!watcher.lines().some((line) => line.text.includes('"msg":"watching'))) killsDuringStartUp += 1;
    if (readWorkLog(logPath).runs.some((run) => run.watcher === watcherName && run.endLine === undefined)) killsDuringWork += 1;
    watcher.child.kill('SIGKILL');
    const exit = await withDeadline(watcher.exited, 10_000, `killed watcher ${watcherName} to exit`);
    expect(exit.signal, `watcher ${watcherName} ended by SIGKILL, not on its own: ${exit.stderr}`).toBe('SIGKILL');
  }

  // The last watcher is left alone: it waits out the visibility timeouts of what the killed
  // ones held and exits once nothing is visible, in flight or delayed.
  const last = await withDeadline(
    runWatchbot([...args.slice(0, -2), '--exit-when-empty', '--', worker], { cwd: dir.path, env: { ...env, FAULT_WATCHER: 'last' } }),
    180_000,
    'the last watcher to drain the queue',
  );
  expect(last.code, last.stderr).toBe(0);

  const { deadLettered, empty } = await target.finalState();
  const tally = tallyMessages({ sent, log: readWorkLog(logPath), deadLettered });
  recordFaultRows(
    toFaultRow(scenario, target.queue, tally, startedAtMs, { kills, killsDuringStartUp, killsDuringWork, seed }),
  );
  expect(tally.lost, 'messages neither done nor dead-lettered').toEqual([]);
  expect(tally.strangers).toEqual([]);
  expect(empty, 'the queue is empty at the end').toBe(true);
  // At-least-once: kills in the middle of work must have led to messages running again.
  expect(killsDuringWork).toBeGreaterThan(0);
  expect(tally.duplicates).toBeGreaterThan(0);
}

describe(scenario, () => {
  it(`loses no message on the embedded queue over ${kills} kills at random moments, and counts the duplicates`, async () => {
    const dir = createScenarioDir('kill-embedded');
    const queuePath = dir.file('queue.db');
    const sender = openSqliteQueue({ path: queuePath });
    try {
      await killRepeatedly(
        dir,
        {
          queue: 'embedded',
          queueArgument: queuePath,
          env: {},
          sender,
          async finalState() {
            const ids = readQueueFileIds(queuePath);
            return { deadLettered: new Set(ids.deadLettered), empty: ids.waiting.size === 0 };
          },
        },
        readFaultSeed(),
      );
    } finally {
      await sender.close();
      dir.remove();
    }
  });

  it(`loses no message on SQS (the emulator) over ${kills} kills at random moments, and counts the duplicates`, async () => {
    const dir = createScenarioDir('kill-emulator');
    const queue = await createRedrivenQueue(emulator, 'kill-nine', maxReceives);
    const sender = await openEmulatorQueue(emulator, queue.url);
    try {
      await killRepeatedly(
        dir,
        {
          queue: 'emulator',
          queueArgument: queue.url,
          env: emulatorEnvironment(emulator),
          sender,
          async finalState() {
            const counts = await sender.getCounts();
            const empty = counts.visible + counts.inFlight + counts.delayed === 0;
            return { deadLettered: await readDeadLetterIds(emulator, queue.deadLetterUrl), empty };
          },
        },
        readFaultSeed() + 1,
      );
    } finally {
      await sender.close();
      dir.remove();
    }
  });
});
