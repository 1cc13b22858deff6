/**
 * The default runner: the user's command as `/bin/sh -c <command>`, one process group per
 * message, so that a timeout or a stop ends the worker and everything it started — not just
 * the shell. The body also goes to a file (`MessageFile`), since the environment cannot carry
 * a body over 128 KiB or one with a NUL byte.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchbotError, errorCodes } from './errors.js';
import { createLineSplitter } from './line-splitter.js';
import { isProcessGroupRunning, signalProcessGroup } from './process-group.js';
import type { Runner, WorkerJob, WorkerResult } from './ports/runner.js';
import type { SubprocessRunnerOptions } from './subprocess-runner-options.js';
import { createSystemClock } from './system-clock.js';
import { toWorkerEnvironment } from './worker-environment.js';

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
  const baseEnvironment = withoutUnsetOrNul(options.baseEnvironment ?? process.env);
  let folder: Promise<string> | undefined;
  let sequence = 0;

  const messageFolder = (): Promise<string> => {
    folder ??=
      options.messageFileDirectory === undefined
        ? mkdtemp(join(tmpdir(), 'watchbot-'))
        : mkdir(options.messageFileDirectory, { recursive: true }).then(() => options.messageFileDirectory as string);
    return folder;
  };

  const run = async (job: WorkerJob): Promise<WorkerResult> => {
    let messageFile: string | undefined;
    try {
      messageFile = join(await messageFolder(), `message-${process.pid}-${++sequence}`);
      await writeFile(messageFile, job.message.body, { mode: 0o600 });
      const { variables, warnings } = toWorkerEnvironment(job.message, messageFile, options.resources);
      for (const warning of warnings) job.onWarning(warning);
      return await runProcess(job, { ...baseEnvironment, ...variables });
    } catch (error) {
      return { exitCode: null, signal: null, startError: toSpawnError(error) };
    } finally {
      if (messageFile !== undefined) await unlink(messageFile).catch(() => undefined);
    }
  };

  const runProcess = (job: WorkerJob, env: Record<string, string>): Promise<WorkerResult> =>
    new Promise((resolve) => {
      if (job.signal.aborted) return resolve({ exitCode: null, signal: null });
      let child: ChildProcess;
      try {
        child = spawn('/bin/sh', ['-c', options.command], {
          env,
          ...(options.cwd !== undefined && { cwd: options.cwd }),
          detached: true, // a process group of its own, so the whole group can be signalled
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        return resolve({ exitCode: null, signal: null, startError: toSpawnError(error) });
      }
      const splitters = (['stdout', 'stderr'] as const).map((stream) => {
        const splitter = createLineSplitter((line) => job.onOutput(stream, line));
        child[stream]?.setEncoding('utf8');
        child[stream]?.on('data', (chunk: string) => splitter.write(chunk));
        return splitter;
      });
      const groupId = child.pid;
      const signalGroup = (signal: NodeJS.Signals): void => {
        if (groupId !== undefined) signalProcessGroup(groupId, signal);
      };
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
        for (const splitter of splitters) splitter.end();
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
      child.once('error', (error) => {
        result = { exitCode: null, signal: null, startError: toSpawnError(error) };
        pipesDone = true;
        maybeFinish();
      });
      child.once('exit', (exitCode, signal) => {
        result ??= { exitCode, signal };
        // A normal exit ends whatever the shell left running in its group. After a TERM, the
        // rest of the group keeps its grace period: the kill timer sends KILL when it ends.
        if (!job.signal.aborted) signalGroup('SIGKILL');
        // The pipes close when the last process holding them is gone; wait for the last lines,
        // but not forever: a process that left the group (setsid) may hold them open.
        drainTimer = clock.setTimeout(
          () => {
            child.stdout?.destroy();
            child.stderr?.destroy();
            pipesDone = true;
            maybeFinish();
          },
          (job.signal.aborted ? killGraceMs : 0) + pipeDrainMs,
        );
        maybeFinish();
      });
      child.once('close', () => {
        pipesDone = true;
        maybeFinish();
      });
    });

  return {
    run,
    async close() {
      if (folder !== undefined && options.messageFileDirectory === undefined) {
        await rm(await folder, { recursive: true, force: true }).catch(() => undefined);
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
  const reason = error instanceof Error ? error.message : String(error);
  return new WatchbotError(errorCodes.SPAWN_FAILED, `the worker could not be started: ${reason}`, { cause: error });
}
