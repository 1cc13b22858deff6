// Latency on an idle watcher: the time from a send to the worker's first instruction. One
// message at a time, each sent after a random pause (so the send falls anywhere in the
// watcher's polling cycle) once the previous worker has run. The clock starts when the send call
// returns — the message is then durable (the embedded queue commits with an fsync before it
// returns) — and stops at the timestamp the worker writes as its first act
// (`date +%s%N`, wall-clock nanoseconds, the same clock as this process's).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBenchQueue } from '../lib/batch-run.mjs';
import { pause } from '../lib/commands.mjs';
import { formatMs, formatRange } from '../lib/report.mjs';
import { percentile, summarize } from '../lib/stats.mjs';
import { nowMs, startWatcher } from '../lib/watcher-process.mjs';

/** The embedded queue's target for the median, in ms. */
export const latencyTargetMs = 50;

const command = 'date "+$Message %s%N" >> "$WATCHBOT_BENCH_STARTS"';

/**
 * Waits for the worker's line for `sample` in `file`; resolves with its time, ms since the epoch.
 * @param {string} file
 * @param {string} sample
 * @param {number} timeoutMs
 */
async function waitForStart(file, sample, timeoutMs) {
  const deadlineMs = nowMs() + timeoutMs;
  const prefix = `${sample} `;
  while (nowMs() < deadlineMs) {
    const line = readFileSync(file, 'utf8').split('\n').find((entry) => entry.startsWith(prefix));
    if (line !== undefined) return Number(BigInt(line.slice(prefix.length).trim()) / 1000n) / 1000;
    await pause(2);
  }
  throw new Error(`message ${sample} did not start within ${timeoutMs} ms`);
}

/**
 * One run: an idle watcher, `samples` messages one by one; resolves with each latency, in ms.
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @param {'embedded' | 'sqs'} kind
 */
async function measureRun(context, kind) {
  const folder = mkdtempSync(join(tmpdir(), 'watchbot-bench-'));
  const starts = join(folder, 'starts.txt');
  writeFileSync(starts, '');
  const { queue, env } = await openBenchQueue(context, kind, folder);
  const watcher = startWatcher({ queue: queue.address, concurrency: 1, command, folder, env: { ...env, WATCHBOT_BENCH_STARTS: starts }, exitWhenEmpty: false });
  try {
    await watcher.ready();
    await pause(500); // idle: past start-up, into its wait for messages
    const latencies = [];
    for (let sample = 0; sample < context.options.samples; sample++) {
      await pause(50 + Math.random() * 100);
      await queue.sendOne(String(sample));
      const sentMs = nowMs();
      latencies.push((await waitForStart(starts, String(sample), 10_000)) - sentMs);
    }
    return latencies;
  } finally {
    watcher.stop();
    await watcher.finished.catch(() => undefined);
    await queue.close().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * @param {import('../lib/batch-run.mjs').BenchContext} context
 * @returns {Promise<import('../lib/report.mjs').SuiteResult>}
 */
export async function measureLatency(context) {
  const { options } = context;
  const rows = [];
  const figures = [];
  for (const kind of options.targets) {
    const p50s = [];
    const p99s = [];
    for (let run = 1; run <= options.runs; run++) {
      context.progress(`latency: ${kind} queue, run ${run}/${options.runs} (${options.samples} messages)`);
      const latencies = await measureRun(context, kind);
      p50s.push(percentile(latencies, 50));
      p99s.push(percentile(latencies, 99));
    }
    const p50 = summarize(p50s);
    const p99 = summarize(p99s);
    figures.push({
      name: `latency, ${kind} queue: send to worker start, p50`,
      summary: p50,
      format: formatMs,
      ...(kind === 'embedded' && { target: { op: '<', limit: latencyTargetMs } }),
    });
    figures.push({ name: `latency, ${kind} queue: send to worker start, p99`, summary: p99, format: formatMs });
    rows.push([kind, `${formatRange(p50, formatMs)}${kind === 'embedded' ? ` (target < ${latencyTargetMs})` : ''}`, formatRange(p99, formatMs)]);
  }
  return {
    tables: [
      {
        title: `Latency on an idle watcher: send to worker start, ${options.samples} messages per run`,
        header: ['queue', 'p50 ms', 'p99 ms'],
        rows,
        notes: [
          'From the moment the send call returns (the message is durable) to the timestamp the worker takes as its first act; percentiles per run, then the median of the runs.',
        ],
      },
    ],
    figures,
  };
}
