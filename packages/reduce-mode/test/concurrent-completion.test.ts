/**
 * The concurrency test: 1,000 parts completed at once by 8 separate OS processes on
 * the SQLite store (and by 8 concurrent workers on DynamoDB/dynalite), ~10% of them twice.
 * Exactly one call may learn it completed the job, and the count must be exact.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoProgressStore, openSqliteProgressStore } from '../src/index.js';
import { startDynaliteTable } from './dynalite-table.js';
import { toCompletionsPerSecond, toPartShares } from './part-shares.js';
import { createTempFolder } from './temp-folder.js';
import type { TempFolder } from './temp-folder.js';

const totalParts = 1_000;
const workers = 8;
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface WorkerReport {
  readonly calls: number;
  readonly completedBy: number[];
}

/** Starts one completing process and resolves once it has opened the store and said "ready". */
async function startWorker(path: string, jobId: string, parts: readonly number[]): Promise<{ child: ChildProcessWithoutNullStreams; report: Promise<WorkerReport> }> {
  const child = spawn(process.execPath, ['--import', join(fixtures, 'resolve-ts.mjs'), join(fixtures, 'complete-parts.ts'), path, jobId, parts.join(',')]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`worker did not start: ${stderr}`);
  const report = (async () => {
    const last = await lines.next();
    const exitCode = child.exitCode ?? (await new Promise<number | null>((resolve) => child.once('exit', resolve)));
    if (exitCode !== 0 || typeof last.value !== 'string') throw new Error(`worker failed (exit ${exitCode}): ${stderr}`);
    return JSON.parse(last.value) as WorkerReport;
  })();
  return { child, report };
}

describe('concurrent completion', () => {
  let folder: TempFolder;
  beforeAll(async () => {
    folder = await createTempFolder();
  });
  afterAll(async () => {
    await folder.remove();
  });

  it('SQLite: 8 processes completing 1,000 parts, ~10% twice, see exactly one completion', { timeout: 120_000 }, async () => {
    const path = join(folder.dir, 'progress.db');
    const store = openSqliteProgressStore({ path });
    await store.setTotal('big-job', totalParts);
    const shares = toPartShares(totalParts, workers);
    const started = await Promise.all(shares.map((parts) => startWorker(path, 'big-job', parts)));
    const startedAt = performance.now();
    for (const { child } of started) child.stdin.end('go\n');
    const reports = await Promise.all(started.map(({ report }) => report));
    const elapsedMs = performance.now() - startedAt;

    const calls = reports.reduce((sum, report) => sum + report.calls, 0);
    expect(calls).toBeGreaterThanOrEqual(totalParts * 1.09);
    expect(reports.flatMap((report) => report.completedBy)).toHaveLength(1);
    expect(await store.getStatus('big-job')).toMatchObject({ completedParts: totalParts, progress: 1, done: true });
    await store.close();
    console.log(`SQLite: ${workers} processes, ${calls} completePart calls (${totalParts} distinct parts) in ${Math.round(elapsedMs)} ms: ${toCompletionsPerSecond(calls, elapsedMs)} completions/s`);
  });

  it('DynamoDB (dynalite): 8 concurrent workers completing 1,000 parts, ~10% twice, see exactly one completion', { timeout: 120_000 }, async () => {
    const dynamo = await startDynaliteTable();
    try {
      const store = createDynamoProgressStore({ tableName: dynamo.tableName, client: dynamo.client });
      await store.setTotal('big-job', totalParts);
      const startedAt = performance.now();
      const reports = await Promise.all(
        toPartShares(totalParts, workers).map(async (parts) => {
          const completedBy: number[] = [];
          for (const part of parts) if ((await store.completePart('big-job', part)).completedJob) completedBy.push(part);
          return { calls: parts.length, completedBy };
        }),
      );
      const elapsedMs = performance.now() - startedAt;

      const calls = reports.reduce((sum, report) => sum + report.calls, 0);
      expect(reports.flatMap((report) => report.completedBy)).toHaveLength(1);
      expect(await store.getStatus('big-job')).toMatchObject({ completedParts: totalParts, progress: 1, done: true });
      console.log(`DynamoDB (dynalite, in-process): ${workers} workers, ${calls} completePart calls (${totalParts} distinct parts) in ${Math.round(elapsedMs)} ms: ${toCompletionsPerSecond(calls, elapsedMs)} completions/s`);
    } finally {
      await dynamo.close();
    }
  });
});
