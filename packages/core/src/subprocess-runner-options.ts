/** Options of the default runner, which runs the user's command in a shell per message. */
import type { Clock } from './ports/clock.js';
import type { WorkerResources } from './worker-environment.js';

/** Everything {@link createSubprocessRunner} needs. Only `command` is required. */
export interface SubprocessRunnerOptions {
  /** The shell command run for each message, as `/bin/sh -c <command>`. */
  readonly command: string;
  /** The environment every worker inherits, before the message variables. Default: `process.env`. */
  readonly baseEnvironment?: Readonly<Record<string, string | undefined>>;
  /** The stack's resources, passed as WorkTopic, LogGroup and QueueUrl where set. */
  readonly resources?: WorkerResources;
  /** Seconds between SIGTERM and SIGKILL when a worker's process group is ended, 0 to 600. Default 5. */
  readonly killGraceSeconds?: number;
  /** The folder for MessageFile bodies. Default: a fresh folder under the OS temp directory. */
  readonly messageFileDirectory?: string;
  /** The working directory of workers. Default: the watcher's. */
  readonly cwd?: string;
  /**
   * Fork workers from the spawn helper, a small long-lived process (Perl), rather than from the
   * watcher: several times cheaper per worker for a watcher of ~100 MB (docs/benchmarks.md).
   * What workers see and what is reported are the same; the runner spawns with Node whenever the
   * helper cannot be used (no `perl` on the base environment's PATH). Default true.
   */
  readonly spawnHelper?: boolean;
  /** Time and timers (for the kill grace). Default: the system clock. */
  readonly clock?: Clock;
}
