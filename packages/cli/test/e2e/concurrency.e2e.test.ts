/** --concurrency runs up to N workers at once, never more. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, readStatus, runCli, sendMessages, writeWorker } from './cli-process.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** The most intervals that overlap at any instant. */
function maxOverlap(intervals: readonly (readonly [number, number])[]): number {
  const events = intervals.flatMap(([start, end]) => [[start, 1] as const, [end, -1] as const]);
  // At equal times, an end comes before a start: touching intervals do not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let most = 0;
  for (const [, change] of events) {
    running += change;
    most = Math.max(most, running);
  }
  return most;
}

describe('watchbot run --concurrency', () => {
  it('runs 8 one-second workers four at a time: well under 4 s in all, never more than 4 at once', async () => {
    // Each worker records its start and end (ns since the epoch) in a file of its own.
    const worker = await writeWorker(
      dir.path,
      'worker.sh',
      'mkdir -p spans\nstart=$(date +%s%N)\nsleep 1\necho "$start $(date +%s%N)" > "spans/$MessageId"',
    );
    await sendMessages(dir.path, ['1', '2', '3', '4', '5', '6', '7', '8']);
    const started = Date.now();
    const result = await runCli(['run', '--concurrency', '4', '--exit-when-empty', '--', worker], { cwd: dir.path });
    const elapsedMs = Date.now() - started;
    expect(result.code).toBe(0);
    // Two rounds of 1 s; one at a time would take 8 s. A wide margin: a behaviour check, not a benchmark.
    expect(elapsedMs).toBeLessThan(4000);
    const files = await readdir(join(dir.path, 'spans'));
    expect(files).toHaveLength(8);
    const spans = await Promise.all(
      files.map(async (file) => {
        const [start, end] = (await readFile(join(dir.path, 'spans', file), 'utf8')).trim().split(' ').map((ns) => Number(BigInt(ns) / 1000n));
        return [start ?? 0, end ?? 0] as const;
      }),
    );
    expect(maxOverlap(spans)).toBeLessThanOrEqual(4);
    expect(maxOverlap(spans)).toBeGreaterThan(1);
    expect(await readStatus(dir.path)).toMatchObject({ visible: 0, inFlight: 0, deadLettered: 0 });
  });
});
