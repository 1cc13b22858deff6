/** Temporary folders for history files, removed by the test that made them. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the OS temp folder, and how to remove it. */
export interface TempFolder {
  readonly dir: string;
  remove(): Promise<void>;
}

/** Creates a fresh temporary folder. */
export async function createTempFolder(): Promise<TempFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'watchbot-jobs-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
