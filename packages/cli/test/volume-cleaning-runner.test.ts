import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFunctionRunner } from '@watchbot/core';
import type { WorkerJob } from '@watchbot/core';
import { createVolumeCleaningRunner } from '../src/volume-cleaning-runner.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'watchbot-volumes-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A job whose message is irrelevant to the runner under test. */
function job(): WorkerJob {
  return {
    message: { id: 'm', body: 'b', receiveCount: 1, sentAtMs: 0, firstReceivedAtMs: 0, queueMessage: { id: 'm', body: 'b', receiptHandle: 'r', receiveCount: 1, sentAtMs: 0, firstReceivedAtMs: 0 } },
    signal: new AbortController().signal,
    onOutput: () => undefined,
    onWarning: () => undefined,
  };
}

describe('createVolumeCleaningRunner', () => {
  it('empties each volume after a job, keeping the volume folder itself', async () => {
    const volume = join(root, 'vol');
    await mkdir(volume);
    const runner = createVolumeCleaningRunner(
      createFunctionRunner(async () => {
        await writeFile(join(volume, 'file'), 'x');
        await mkdir(join(volume, 'dir', 'deep'), { recursive: true });
        return 0;
      }),
      { volumes: [volume] },
    );
    expect(await runner.run(job())).toEqual({ exitCode: 0, signal: null });
    expect(existsSync(volume)).toBe(true);
    expect(await readdir(volume)).toEqual([]);
  });

  it('keeps a kept path and the folder that holds it', async () => {
    const volume = join(root, 'vol');
    const kept = join(volume, 'watchbot-messages', 'inner');
    await mkdir(kept, { recursive: true });
    await writeFile(join(volume, 'junk'), 'x');
    const runner = createVolumeCleaningRunner(createFunctionRunner(() => 0), { volumes: [volume], keep: [kept] });
    await runner.run(job());
    expect(await readdir(volume)).toEqual(['watchbot-messages']);
  });

  it('cleans only once no job is running, so a concurrent job keeps its files', async () => {
    const volume = join(root, 'vol');
    await mkdir(volume);
    let releaseSlow: () => void = () => undefined;
    const slowCanFinish = new Promise<void>((resolve) => (releaseSlow = resolve));
    const seenBySlow: string[][] = [];
    const runner = createVolumeCleaningRunner(
      createFunctionRunner(async (current) => {
        if (current.message.body === 'slow') {
          await writeFile(join(volume, 'slow-file'), 'x');
          await slowCanFinish;
          seenBySlow.push(await readdir(volume));
        }
        return 0;
      }),
      { volumes: [volume] },
    );
    const slowJob = { ...job(), message: { ...job().message, body: 'slow' } };
    const slow = runner.run(slowJob);
    await runner.run(job()); // a quick job ends while the slow one still runs
    releaseSlow();
    await slow;
    expect(seenBySlow).toEqual([['slow-file']]);
    expect(await readdir(volume)).toEqual([]);
  });

  it('passes the result through and tolerates a volume that does not exist', async () => {
    const runner = createVolumeCleaningRunner(createFunctionRunner(() => 3), { volumes: [join(root, 'missing')] });
    expect(await runner.run(job())).toEqual({ exitCode: 3, signal: null });
  });
});
