/**
 * The runner port: runs one message to a result. The default spawns the user's command;
 * an embedder can run a JavaScript function instead.
 */
import type { WorkMessage } from '../work-message.js';

/** Which stream a line of worker output came from. */
export type OutputStream = 'stdout' | 'stderr';

/** What the runner is given for one message. */
export interface WorkerJob {
  /** The message to process, envelope already unwrapped. */
  readonly message: WorkMessage;
  /**
   * Aborted when the worker must stop: its time ran out (`reason` "timeout") or the watcher
   * is stopping (`reason` "stop"). The runner ends the work and resolves promptly.
   */
  readonly signal: AbortSignal;
  /** Called for each complete line of output the worker writes. */
  readonly onOutput: (stream: OutputStream, line: string) => void;
  /** Called with a one-line explanation when something about the message could not be passed as usual. */
  readonly onWarning: (message: string) => void;
}

/** How the work ended. */
export interface WorkerResult {
  /** The exit code, or null when ended by a signal or never started. */
  readonly exitCode: number | null;
  /** The signal that ended the worker, e.g. "SIGTERM", or null. */
  readonly signal: string | null;
  /** Set when the worker could not be started at all; the message then counts as failed. */
  readonly startError?: Error;
}

/** Runs one message to a result. Never rejects: every problem is a result. */
export interface Runner {
  /** Runs the job; resolves when the work has ended (and, for a process, its whole group). */
  run(job: WorkerJob): Promise<WorkerResult>;
}
