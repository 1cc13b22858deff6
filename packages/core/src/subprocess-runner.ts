/**
 * The default runner: the user's command as `/bin/sh -c <command>`, one process group per
 * message, so that a timeout or a stop ends the worker and everything it started — not just
 * the shell. The body also goes to a file (`MessageFile`), since the environment cannot carry
 * a body over 128 KiB or one with a NUL byte.
 *
 * Workers are forked by the spawn helper (spawn-helper.ts), a small process that forks far more
 * cheaply than the watcher can, or by Node's own spawn (`spawnHelper: false`, or whenever the
 * helper cannot be used); what a worker sees and what the runner reports are the same either way.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchbotError, errorCodes } from './errors.js';
import { createLineSplitter } from './line-splitter.js';
import { isProcessGroupRunning, signalProcess, signalProcessGroup } from './process-group.js';
import type { Runner, WorkerJob, WorkerResult } from './ports/runner.js';
import { createHelperSpawner } from './spawn-helper.js';
import type { SubprocessRunnerOptions } from './subprocess-runner-options.js';
import { createSystemClock } from './system-clock.js';
import { toWorkerEnvironment } from './worker-environment.js';
import { createNodeSpawner } from './worker-process.js';
import type { WorkerProcess, WorkerSpawner } from './worker-process.js';

/** The subprocess runner; `close()` removes its MessageFile folder when it made one. */
export interface SubprocessRunner extends Runner {
  /** Removes the temporary folder for message files (if the runner created it). */
  close(): Promise<void>;
}

/** How long to wait for a worker's output pipes to close after its process group is gone, in ms. */
const pipeDrainMs = 1000;

/** After ending a worker, how often to look whether anything of its group still runs, in ms. */
const groupPollMs = 100;

/** Creates the subprocess runner. */
export function createSubprocessRunner(options: SubprocessRunnerOptions): SubprocessRunner {
  const clock = options.clock ?? createSystemClock();
  const killGraceMs = (options.killGraceSeconds ?? 5) * 1000;
  const spawnerOptions = {
    command: options.command,
    baseEnvironment: withoutUnsetOrNul(options.baseEnvironment ?? process.env),
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  };
  const spawner: WorkerSpawner = options.spawnHelper === false ? createNodeSpawner(spawnerOptions) : createHelperSpawner(spawnerOptions);
  let folder: string | undefined;
  let sequence = 0;

  // The message file is written and removed synchronously: a few small system calls on the
  // event loop cost less than handing each to the thread pool and back (measured in
  // docs/benchmarks.md); a 1 MiB body, the largest a queue holds, writes in about a millisecond.
  const messageFolder = (): string => {
    if (folder === undefined) {
      const requested = options.messageFileDirectory;
      if (requested === undefined) {
        folder = mkdtempSync(join(tmpdir(), 'watchbot-'));
      } else {
        mkdirSync(requested, { recursive: true });
        folder = requested;
      }
    }
    return folder;
  };

  const run = async (job: WorkerJob): Promise<WorkerResult> => {
    let messageFile: string | undefined;
    try {
      messageFile = join(messageFolder(), `message-${process.pid}-${++sequence}`);
      writeFileSync(messageFile, job.message.body, { mode: 0o600 });
      const { variables, warnings } = toWorkerEnvironment(job.message, messageFile, options.resources);
      for (const warning of warnings) job.onWarning(warning);
      return await runProcess(job, variables);
    } catch (error) {
      return { exitCode: null, signal: null, startError: toSpawnError(error) };
    } finally {
      if (messageFile !== undefined) {
        try {
          unlinkSync(messageFile);
        } catch {
          // Already gone (the worker may remove it), or never written.
        }
      }
    }
  };

  const runProcess = (job: WorkerJob, variables: Readonly<Record<string, string>>): Promise<WorkerResult> =>
    new Promise((resolve) => {
      if (job.signal.aborted) return resolve({ exitCode: null, signal: null });
      const splitters = {
        stdout: createLineSplitter((line) => job.onOutput('stdout', line)),
        stderr: createLineSplitter((line) => job.onOutput('stderr', line)),
      };
      let groupId: number | undefined;
      const signalGroup = (signal: NodeJS.Signals): void => {
        if (groupId === undefined) return;
        // A worker just forked by the helper may not lead its group yet (setsid comes before
        // exec): then the signal goes to the process itself, which is all there is of it —
        // only while it has not been reported gone, after which its pid may name another process.
        if (!signalProcessGroup(groupId, signal) && result === undefined) signalProcess(groupId, signal);
      };
      let worker: WorkerProcess | undefined;
      let result: WorkerResult | undefined;
      let pipesDone = false;
      let killed = false;
      let settled = false;
      let killTimer: ReturnType<typeof clock.setTimeout> | undefined;
      let drainTimer: ReturnType<typeof clock.setTimeout> | undefined;
      let groupTimer: ReturnType<typeof clock.setTimeout> | undefined;
      // Resolves once the shell has exited, its output is read, and — after an abort — nothing
      // of its group survives (a child may ignore TERM and have closed its pipes).
      const maybeFinish = (): void => {
        if (settled || result === undefined || !pipesDone) return;
        if (job.signal.aborted && !killed && groupId !== undefined && isProcessGroupRunning(groupId)) {
          // Something of the group outlived the shell: look again shortly; the kill timer ends it at the latest.
          if (groupTimer === undefined) {
            groupTimer = clock.setTimeout(() => {
              groupTimer = undefined;
              maybeFinish();
            }, groupPollMs);
          }
          return;
        }
        settled = true;
        splitters.stdout.end();
        splitters.stderr.end();
        job.signal.removeEventListener('abort', onAbort);
        if (killTimer !== undefined) clock.clearTimeout(killTimer);
        if (drainTimer !== undefined) clock.clearTimeout(drainTimer);
        if (groupTimer !== undefined) clock.clearTimeout(groupTimer);
        resolve(result);
      };
      const onAbort = (): void => {
        signalGroup('SIGTERM');
        killTimer = clock.setTimeout(() => {
          signalGroup('SIGKILL');
          killed = true;
          maybeFinish();
        }, killGraceMs);
      };
      job.signal.addEventListener('abort', onAbort, { once: true });
      worker = spawner.spawn(variables, {
        onSpawn(pid) {
          groupId = pid;
          // Aborted before the pid was known: the signal onAbort could not send goes now.
          if (job.signal.aborted && result === undefined) signalGroup(killed ? 'SIGKILL' : 'SIGTERM');
        },
        onOutput(stream, text) {
          if (!settled) splitters[stream].write(text);
        },
        onError(error) {
          // A start failure; or the helper lost a running worker (after its exit, only its output).
          result ??= { exitCode: null, signal: null, startError: toSpawnError(error) };
          pipesDone = true;
          maybeFinish();
        },
        onExit(exitCode, signal) {
          if (result !== undefined) return;
          result = { exitCode, signal };
          // A normal exit ends whatever the shell left running in its group. After a TERM, the
          // rest of the group keeps its grace period: the kill timer sends KILL when it ends.
          if (!job.signal.aborted) signalGroup('SIGKILL');
          // The pipes close when the last process holding them is gone; wait for the last lines,
          // but not forever: a process that left the group (setsid) may hold them open.
          drainTimer = clock.setTimeout(
            () => {
              worker?.dropOutput();
              pipesDone = true;
              maybeFinish();
            },
            (job.signal.aborted ? killGraceMs : 0) + pipeDrainMs,
          );
          maybeFinish();
        },
        onClose() {
          pipesDone = true;
          maybeFinish();
        },
      });
    });

  return {
    run,
    async close() {
      await spawner.close();
      if (folder !== undefined && options.messageFileDirectory === undefined) {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

function withoutUnsetOrNul(environment: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    if (value !== undefined && !value.includes('\0') && !name.includes('\0') && !name.includes('=')) result[name] = value;
  }
  return result;
}

function toSpawnError(error: unknown): WatchbotError {
  if (error instanceof WatchbotError && error.code === errorCodes.SPAWN_FAILED) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new WatchbotError(errorCodes.SPAWN_FAILED, `the worker could not be started: ${reason}`, { cause: error });
}
