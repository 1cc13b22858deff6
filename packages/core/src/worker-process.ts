/**
 * A worker process, however it was started: the subprocess runner asks a spawner for one and
 * hears back its process id (which is also its process group id), its output, how it ended, and
 * when its output pipes closed. Two spawners exist: Node's own `child_process.spawn` (this
 * file) and the spawn helper (spawn-helper.ts), which forks workers from a small process so
 * the watcher does not pay for forking itself.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { OutputStream } from './ports/runner.js';

/** What a spawner reports about one worker: spawn, output…, then exit and close in either order — or an error. */
export interface WorkerProcessEvents {
  /** The process exists: `pid` is also its process group id (each worker leads a group of its own). */
  onSpawn(pid: number): void;
  /** A piece of the worker's output, decoded as UTF-8 (a character split across pieces is kept whole). */
  onOutput(stream: OutputStream, text: string): void;
  /** The worker could not be started; nothing else follows. */
  onError(error: Error): void;
  /** The shell exited: its code, or the signal that ended it. */
  onExit(exitCode: number | null, signal: NodeJS.Signals | null): void;
  /** Every process holding the worker's output pipes has let go of them (all output was reported). */
  onClose(): void;
}

/** A started worker. */
export interface WorkerProcess {
  /** Stops reading the worker's output (a process that left its group may hold the pipes open forever); no `onClose` follows. */
  dropOutput(): void;
}

/** Starts workers: `/bin/sh -c <command>`, in a process group of its own, stdin from /dev/null. */
export interface WorkerSpawner {
  /**
   * Starts one worker with the base environment plus `variables` (which win). Never throws:
   * every failure is an `onError`.
   */
  spawn(variables: Readonly<Record<string, string>>, events: WorkerProcessEvents): WorkerProcess;
  /** Releases what the spawner holds (the helper process, if any). Call once no worker runs. */
  close(): Promise<void>;
}

/** What every spawner is made from. */
export interface WorkerSpawnerOptions {
  /** The shell command. */
  readonly command: string;
  /** The environment every worker starts from; no name or value holds a NUL byte, no name an "=". */
  readonly baseEnvironment: Readonly<Record<string, string>>;
  /** The workers' working directory; undefined: the watcher's. */
  readonly cwd?: string;
}

/** A spawner that forks each worker from this process with `child_process.spawn`. */
export function createNodeSpawner(options: WorkerSpawnerOptions): WorkerSpawner {
  return {
    spawn(variables, events) {
      let child: ChildProcess;
      try {
        child = spawn('/bin/sh', ['-c', options.command], {
          env: { ...options.baseEnvironment, ...variables },
          ...(options.cwd !== undefined && { cwd: options.cwd }),
          detached: true, // a process group of its own, so the whole group can be signalled
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        events.onError(error instanceof Error ? error : new Error(String(error)));
        return { dropOutput: () => undefined };
      }
      for (const stream of ['stdout', 'stderr'] as const) {
        child[stream]?.setEncoding('utf8');
        child[stream]?.on('data', (text: string) => events.onOutput(stream, text));
      }
      // A spawn that fails (ENOENT, E2BIG …) emits 'error' and leaves pid undefined.
      if (child.pid !== undefined) events.onSpawn(child.pid);
      child.once('error', (error) => events.onError(error));
      child.once('exit', (exitCode, signal) => events.onExit(exitCode, signal));
      child.once('close', () => events.onClose());
      return {
        dropOutput() {
          child.stdout?.destroy();
          child.stderr?.destroy();
        },
      };
    },
    async close() {},
  };
}
