// One batch run, the unit most figures are made of: a fresh queue holding `count` messages, a
// watcher started on it with --exit-when-empty, and the check afterwards that every message
// was processed and deleted.
//
// Two rates come out of it. The steady rate counts from the watcher's "watching …" log line
// (queue open, watcher about to receive) to its exit: the work, without Node.js start-up and module
// loading, which the start-up figure measures on its own. The end-to-end rate counts from the
// moment the process was started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedQueue } from './queues.mjs';
import { startWatcher } from './watcher-process.mjs';

let queueNumber = 0;

/**
 * @typedef {object} BenchContext
 * @property {import('./options.mjs').BenchOptions} options
 * @property {() => Promise<import('./queues.mjs').BenchEmulator>} emulator starts the SQS emulator on first use
 * @property {(line: string) => void} progress one line of progress on stderr
 * @property {Map<string, BatchResult[]>} throughputRuns the throughput suite's runs with the spawn helper, by "<queue>:<concurrency>", for the footprint
 */

/**
 * A fresh queue of `kind`, and the environment a watcher needs to reach it.
 * @param {BenchContext} context
 * @param {'embedded' | 'sqs'} kind
 * @param {string} folder a scratch folder for an embedded queue's file
 * @returns {Promise<{ queue: import('./queues.mjs').BenchQueue, env: NodeJS.ProcessEnv }>}
 */
export async function openBenchQueue(context, kind, folder) {
  if (kind === 'embedded') return { queue: createEmbeddedQueue(folder), env: { ...process.env } };
  const emulator = await context.emulator();
  return { queue: await emulator.createQueue(`bench-${process.pid}-${++queueNumber}`), env: { ...process.env, ...emulator.env } };
}

/**
 * @typedef {object} BatchResult
 * @property {number} steadyRate messages per second from ready to exit
 * @property {number} endToEndRate messages per second from process start to exit
 * @property {number} startupSeconds from process start to ready
 * @property {import('./watcher-process.mjs').WatcherUsage} usage
 * @property {Record<string, number>} [requests] SQS requests served during the run, by action (when counted)
 */

/**
 * Runs one batch.
 * @param {BenchContext} context
 * @param {object} options
 * @param {'embedded' | 'sqs'} options.kind
 * @param {number} options.count messages
 * @param {number} options.concurrency
 * @param {string} options.command the worker
 * @param {boolean} [options.countRequests] count the SQS requests served while the watcher runs
 * @param {'helper' | 'node'} [options.spawn] how workers are forked (default: the spawn helper)
 * @returns {Promise<BatchResult>}
 */
export async function runBatch(context, { kind, count, concurrency, command, countRequests = false, spawn = 'helper' }) {
  const folder = mkdtempSync(join(tmpdir(), 'watchbot-bench-'));
  const { queue, env } = await openBenchQueue(context, kind, folder);
  try {
    await queue.fill(Array.from({ length: count }, (_, index) => `message ${index}`));
    const emulator = countRequests ? await context.emulator() : undefined;
    emulator?.startCounting();
    const watcherEnv = spawn === 'node' ? { ...env, WATCHBOT_SPAWN_HELPER: 'false' } : env;
    const watcher = startWatcher({ queue: queue.address, concurrency, command, folder, env: watcherEnv });
    let run;
    let requests;
    try {
      run = await watcher.finished;
    } finally {
      requests = emulator?.stopCounting();
    }
    const left = await queue.remaining();
    if (left !== 0) throw new Error(`${left} of ${count} messages were not processed (${kind} queue, concurrency ${concurrency})`);
    if (run.readyAtMs === undefined) throw new Error('the watcher never logged its "watching" line; cannot tell its start-up from its work');
    return {
      steadyRate: count / ((run.exitedAtMs - run.readyAtMs) / 1000),
      endToEndRate: count / ((run.exitedAtMs - run.spawnedAtMs) / 1000),
      startupSeconds: (run.readyAtMs - run.spawnedAtMs) / 1000,
      usage: run.usage,
      ...(requests !== undefined && { requests }),
    };
  } finally {
    await queue.close().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
}
