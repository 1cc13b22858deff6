/**
 * Scenario 5: malformed input. 10,000 seeded, fuzzed messages — random text and bytes, invalid
 * UTF-8, NUL bytes, a 1 MiB body, deeply nested JSON, broken SNS envelopes, events of unknown
 * shape, huge subjects — go to an embedded queue (bytes that are not UTF-8 written straight
 * into the file, as another program might), and a share of them to SQS. The watcher must never
 * crash, and every message must get a defined outcome: refused at send, or run once and settled
 * by the worker's exit code, which follows a rule on the message id so the counts are known.
 */
import { openSqliteQueue } from '@watchbot/sqlite-adapter';
import { startSqsEmulator } from '@watchbot/testing';
import type { SqsEmulator } from '@watchbot/testing';
import type { Queue, QueueCounts } from '@watchbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedrivenQueue,
  createScenarioDir,
  createSeededRandom,
  emulatorEnvironment,
  findSettledCounts,
  generateFuzzMessages,
  insertRawMessages,
  openEmulatorQueue,
  parseWatcherLog,
  readDeadLetterIds,
  readFaultSeed,
  readQueueFileIds,
  readWorkLog,
  recordFaultRows,
  runWatchbot,
  runWatchbotOk,
  sendMessages,
  tallyMessages,
  toFaultRow,
  withDeadline,
  writeFaultWorker,
} from '../src/index.js';
import type { FuzzMessage, ScenarioDir } from '../src/index.js';

const scenario = '5. malformed input';
const embeddedCount = Number(process.env['FAULTS_FUZZ_COUNT'] ?? 10_000);
/** Every tenth text message also goes to SQS. */
const emulatorShare = 10;

/**
 * The worker's exit code by the last hex digit of $MessageId (random in a UUID): 0–9 and a
 * succeed, b is rejected (3), c is a no-op (4), d and e fail (1), f is killed by SIGKILL.
 */
const exitRule = {
  work: 'case "$MessageId" in *b) code=3 ;; *c) code=4 ;; *d|*e) code=1 ;; *f) code=137 ;; esac',
  finish: 'case "$MessageId" in *f) kill -KILL $$ ;; esac\nexit "$code"',
};

/** The outcome the watcher must report for a message id, by {@link exitRule}. */
function expectedOutcome(id: string): 'succeeded' | 'rejected' | 'noop' | 'failed' {
  const last = id.at(-1) ?? '';
  if (last === 'b') return 'rejected';
  if (last === 'c') return 'noop';
  if (last === 'd' || last === 'e' || last === 'f') return 'failed';
  return 'succeeded';
}

let emulator: SqsEmulator;
beforeAll(async () => {
  emulator = await startSqsEmulator();
});
afterAll(async () => {
  await emulator.stop();
});

/** Sends text messages through `queue` and, when `rawPath` is given, writes raw ones into that file. */
async function deliver(queue: Queue, messages: readonly FuzzMessage[], batchSize: number, rawPath?: string) {
  const text = messages.filter((message) => message.transport === 'text');
  const result = await sendMessages(
    queue,
    text.map((message) => ({ body: message.body, ...(message.subject !== undefined && { subject: message.subject }) })),
    batchSize,
  );
  const raw = messages.filter((message) => message.transport === 'raw');
  const rawIds = rawPath === undefined ? [] : insertRawMessages(rawPath, raw.map((message) => ({ body: message.body, ...(message.subject !== undefined && { subject: message.subject }) })));
  const refusedKinds = result.refused.map((refusal) => `${text[refusal.index]?.kind ?? '?'}:${refusal.code}`);
  return { accepted: [...result.ids, ...rawIds], refusedKinds };
}

/** Runs one watcher over the queue and checks every accepted message got the outcome its id dictates. */
async function runAndCheck(
  dir: ScenarioDir,
  target: { queue: 'embedded' | 'emulator'; queueArgument: string; env: Record<string, string> },
  accepted: readonly string[],
  deadLettered: () => Promise<Set<string>>,
  counts: () => Promise<QueueCounts>,
  startedAtMs: number,
  details: Record<string, number | string>,
): Promise<void> {
  const logPath = dir.file('work.log');
  const worker = writeFaultWorker(dir.path, exitRule);
  const exit = await withDeadline(
    runWatchbot(['run', '--queue', target.queueArgument, '--concurrency', '8', '--max-receives', '1', '--exit-when-empty', '--log-format', 'json', '--', worker], {
      cwd: dir.path,
      env: { ...target.env, FAULT_LOG: logPath },
    }),
    360_000,
    () => {
      const log = readWorkLog(logPath);
      return `the watcher to settle every fuzzed message (${log.runs.length} of ${accepted.length} started, ${log.runs.filter((run) => run.endLine !== undefined).length} ended)`;
    },
  );
  expect(exit.code, `the watcher must not crash: ${exit.stderr}`).toBe(0);
  expect(exit.stderr).toBe('');

  const expected = { succeeded: 0, rejected: 0, noop: 0, failed: 0, 'timed-out': 0, stopped: 0 };
  for (const id of accepted) expected[expectedOutcome(id)] += 1;
  const settled = findSettledCounts(parseWatcherLog(exit.stdout.split('\n').map((text) => ({ atMs: 0, text }))));
  const log = readWorkLog(logPath);
  const dead = await deadLettered();
  const tally = tallyMessages({ sent: accepted, log, deadLettered: dead });
  const ranOnce = accepted.filter((id) => log.runsByMessage.get(id)?.length === 1 && log.runsByMessage.get(id)?.[0]?.endLine !== undefined);
  recordFaultRows(toFaultRow(scenario, target.queue, tally, startedAtMs, { ...details, ...prefixed('settled.', settled ?? {}) }));

  expect(settled).toEqual(expected);
  // Every message reached its worker exactly once, whatever its body and subject.
  expect(accepted.length - ranOnce.length, 'messages whose worker did not run exactly once').toBe(0);
  expect(tally.lost).toEqual([]);
  expect(tally.strangers).toEqual([]);
  expect([...dead].sort()).toEqual(accepted.filter((id) => ['noop', 'failed'].includes(expectedOutcome(id))).sort());
  // The queue's own counts agree: nothing left, every no-op and failure dead-lettered.
  expect(await counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0, deadLettered: expected.noop + expected.failed });
}

function prefixed(prefix: string, counts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0).map(([key, count]) => [`${prefix}${key}`, count]));
}

function countKinds(messages: readonly FuzzMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const message of messages) counts[`kind.${message.kind}`] = (counts[`kind.${message.kind}`] ?? 0) + 1;
  return counts;
}

describe(scenario, () => {
  const seed = readFaultSeed();
  const messages = generateFuzzMessages(embeddedCount, createSeededRandom(seed));

  it(`settles each of ${embeddedCount.toLocaleString('en-US')} fuzzed messages on the embedded queue by its worker's exit code, without crashing`, async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('fuzz-embedded');
    const queuePath = dir.file('queue.db');
    const queue = openSqliteQueue({ path: queuePath });
    try {
      const { accepted, refusedKinds } = await deliver(queue, messages, 500, queuePath);
      await queue.close();
      // Only what the queue must refuse is refused: lone surrogates (not UTF-8) and a body over 1 MiB.
      expect(new Set(refusedKinds)).toEqual(new Set(['lone-surrogate:INVALID_MESSAGE', 'over-size:MESSAGE_TOO_LARGE']));
      expect(refusedKinds.length).toBe(messages.filter((message) => message.kind === 'lone-surrogate' || message.kind === 'over-size').length);
      await runAndCheck(
        dir,
        { queue: 'embedded', queueArgument: queuePath, env: {} },
        accepted,
        async () => new Set(readQueueFileIds(queuePath).deadLettered),
        async () => {
          // What `watchbot status` tells a user.
          const status = JSON.parse((await runWatchbotOk(['status', '--json', '--queue', queuePath], { cwd: dir.path })).stdout) as Required<QueueCounts>;
          return { visible: status.visible, inFlight: status.inFlight, delayed: status.delayed, deadLettered: status.deadLettered };
        },
        startedAtMs,
        { generated: messages.length, refusedAtSend: refusedKinds.length, seed, ...countKinds(messages) },
      );
      expect(readQueueFileIds(queuePath).waiting.size).toBe(0);
    } finally {
      await queue.close();
      dir.remove();
    }
  }, 420_000);

  it('settles a share of them on SQS (the emulator) the same way, refusing at send what SQS refuses', async () => {
    const startedAtMs = Date.now();
    const dir = createScenarioDir('fuzz-emulator');
    const share = messages.filter((message, index) => message.transport === 'text' && (index % emulatorShare === 0 || message.kind === 'max-size' || message.kind === 'huge-subject'));
    const queue = await createRedrivenQueue(emulator, 'fuzz', 1);
    const sender = await openEmulatorQueue(emulator, queue.url);
    try {
      const { accepted, refusedKinds } = await deliver(sender, share, 10);
      // SQS refuses NUL and other control characters, lone surrogates, and bodies over 1 MiB.
      for (const refusal of refusedKinds) expect(refusal).toMatch(/^(nul|random-text|lone-surrogate|over-size|broken-sns|unknown-event|blank):(INVALID_MESSAGE|MESSAGE_TOO_LARGE)$/);
      await runAndCheck(
        dir,
        { queue: 'emulator', queueArgument: queue.url, env: emulatorEnvironment(emulator) },
        accepted,
        () => readDeadLetterIds(emulator, queue.deadLetterUrl),
        () => sender.getCounts(),
        startedAtMs,
        { generated: share.length, refusedAtSend: refusedKinds.length },
      );
    } finally {
      await sender.close();
      dir.remove();
    }
  });
});
