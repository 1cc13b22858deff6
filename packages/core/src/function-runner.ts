/**
 * A runner that calls a JavaScript function instead of spawning a process: the way an
 * embedder runs in-process work, and the way watcher tests script a worker's behaviour.
 */
import type { Runner, WorkerJob, WorkerResult } from './ports/runner.js';

/** Processes one job; resolves with an exit code (0 done, 3 rejected, 4 no-op, other failed). */
export type WorkerFunction = (job: WorkerJob) => Promise<number> | number;

/**
 * Creates a runner around `work`. A thrown error counts as exit 1. When the job is aborted
 * the result is whatever `work` resolves with; `work` should watch `job.signal`.
 */
export function createFunctionRunner(work: WorkerFunction): Runner {
  return {
    async run(job): Promise<WorkerResult> {
      try {
        return { exitCode: await work(job), signal: null };
      } catch (error) {
        job.onOutput('stderr', error instanceof Error ? error.message : String(error));
        return { exitCode: 1, signal: null };
      }
    },
  };
}
