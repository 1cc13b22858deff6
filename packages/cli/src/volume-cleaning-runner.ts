/**
 * The original's `Volumes` contract: the folders a read-only container may write to are
 * emptied after every job, so one job's files never leak into the next. With more than one
 * worker at a time, they are emptied whenever no worker is running (and no worker starts
 * until they are), so a job never loses its files under its feet.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import type { Runner, WorkerResult } from '@watchbot/core';

/** Options for {@link createVolumeCleaningRunner}. */
export interface VolumeCleaningOptions {
  /** Absolute folders whose contents are removed after jobs. The folders themselves stay. */
  readonly volumes: readonly string[];
  /** Absolute paths never removed, nor any folder that contains them (e.g. Watchbot's own message files). */
  readonly keep?: readonly string[];
  /** Told about each entry that could not be removed, one line each. */
  readonly onError?: (line: string) => void;
}

/** Wraps `runner` so that `volumes` are emptied after jobs. */
export function createVolumeCleaningRunner(runner: Runner, options: VolumeCleaningOptions): Runner {
  let running = 0;
  let cleaning: Promise<void> | undefined;
  return {
    async run(job): Promise<WorkerResult> {
      while (cleaning !== undefined) await cleaning;
      running += 1;
      try {
        return await runner.run(job);
      } finally {
        running -= 1;
        if (running === 0) {
          cleaning = emptyVolumes(options);
          await cleaning;
          cleaning = undefined;
        }
      }
    },
  };
}

async function emptyVolumes(options: VolumeCleaningOptions): Promise<void> {
  const keep = options.keep ?? [];
  for (const volume of options.volumes) {
    let entries: string[];
    try {
      entries = await readdir(volume);
    } catch {
      continue; // A volume that is not there (yet) has nothing to clean.
    }
    for (const entry of entries) {
      const path = join(volume, entry);
      if (keep.some((kept) => isInside(kept, path))) continue;
      try {
        await rm(path, { recursive: true, force: true });
      } catch (error) {
        options.onError?.(`could not remove ${path} from volume ${volume}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** True when `path` is `folder` or lies inside it. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
