/**
 * The spawn helper spawner: workers forked by one small long-lived helper process (Perl,
 * spawn-helper-script.ts) instead of by the watcher, whose own fork costs grow with its size.
 * It keeps every guarantee of Node's spawn — the environment, a process group per worker,
 * stdout and stderr as they come, the exact exit code or signal, start failures as errors —
 * and falls back to Node's spawn whenever the helper cannot do the job: no `perl` to run, a
 * helper that died (three times), or a job the protocol cannot carry (a NUL byte).
 *
 * Workers whose helper dies while they run are killed (their whole group) and reported as
 * failed to run, so the message is retried rather than left running unwatched.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { WatchbotError, errorCodes } from './errors.js';
import { signalProcessGroup } from './process-group.js';
import type { OutputStream } from './ports/runner.js';
import { spawnHelperName, spawnHelperScript } from './spawn-helper-script.js';
import { createNodeSpawner } from './worker-process.js';
import type { WorkerProcess, WorkerProcessEvents, WorkerSpawner, WorkerSpawnerOptions } from './worker-process.js';

/** Options of {@link createHelperSpawner}. */
export interface HelperSpawnerOptions extends WorkerSpawnerOptions {
  /**
   * The Perl interpreter: a path, or a name looked up on the base environment's PATH.
   * Default "perl". When it cannot be found or started, workers are spawned by Node.
   */
  readonly perl?: string;
}

/** Helper deaths after which the spawner stops restarting it and spawns with Node for good. */
const maxHelperDeaths = 3;

/** One worker the helper was asked for. */
interface HelperJob {
  readonly variables: Readonly<Record<string, string>>;
  readonly events: WorkerProcessEvents;
  /** Its pid, once the helper has forked it. */
  pid?: number;
  /** Set once the worker runs through the fallback spawner instead. */
  fallback?: WorkerProcess;
  readonly decoders: Record<OutputStream, StringDecoder>;
  /** Its output is no longer wanted. */
  dropped: boolean;
  /** Its exit has been reported. */
  exited: boolean;
  /** Its output pipes have closed (reported). */
  closed: boolean;
}

/** The pipes to a child process are sockets: they keep the event loop alive unless unref'd. */
interface Refable {
  ref(): void;
  unref(): void;
}

const signalNames = new Map<number, NodeJS.Signals>(
  Object.entries(osConstants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/** The first executable called `name` on `path`, or `name` itself when it holds a slash. */
function findExecutable(name: string, path: string | undefined): string | undefined {
  const candidates = name.includes('/') ? [name] : (path ?? '').split(delimiter).filter((folder) => folder !== '').map((folder) => join(folder, name));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A frame for the helper: a 4-byte length, then the NUL-separated fields. */
function toFrame(fields: readonly string[]): Buffer {
  const payload = Buffer.from(fields.join('\0'), 'utf8');
  const frame = Buffer.allocUnsafe(4 + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  payload.copy(frame, 4);
  return frame;
}

/** The variables as "name=value" entries, or undefined when one cannot travel in a frame. */
function toEntries(variables: Readonly<Record<string, string>>): string[] | undefined {
  const entries: string[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (name === '' || name.includes('=') || name.includes('\0') || value.includes('\0')) return undefined;
    entries.push(`${name}=${value}`);
  }
  return entries;
}

/**
 * Creates a spawner that forks workers from a helper process, started on first use. Falls back
 * to Node's spawn (see the module comment) whenever the helper cannot be used.
 */
export function createHelperSpawner(options: HelperSpawnerOptions): WorkerSpawner {
  const fallback = createNodeSpawner(options);
  const baseEntries = toEntries(options.baseEnvironment);
  const cwd = options.cwd ?? '';
  // The protocol separates fields with NUL bytes: anything holding one goes to Node's spawn,
  // which reports it the way it always has.
  const perl = baseEntries === undefined || options.command.includes('\0') || cwd.includes('\0')
    ? undefined
    : findExecutable(options.perl ?? 'perl', options.baseEnvironment['PATH']);
  let usable = perl !== undefined;
  let helper: ChildProcess | undefined;
  let deaths = 0;
  let nextId = 0;
  const jobs = new Map<number, HelperJob>();
  /** Callers of close() waiting for the last running worker. */
  const whenIdle: (() => void)[] = [];
  let pending: Buffer = Buffer.alloc(0);

  /** Keeps the watcher alive only while a worker runs, as Node's own child processes do. */
  const updateRef = (): void => {
    if (helper === undefined) return;
    const method = jobs.size > 0 ? 'ref' : 'unref';
    helper[method]();
    for (const stream of [helper.stdin, helper.stdout, helper.stderr]) (stream as unknown as Refable | null)?.[method]();
  };

  const runWithFallback = (job: HelperJob): void => {
    job.fallback = fallback.spawn(job.variables, job.events);
  };

  const finish = (id: number): void => {
    jobs.delete(id);
    updateRef();
    if (jobs.size === 0) for (const resolve of whenIdle.splice(0)) resolve();
  };

  const onFrame = (type: number, id: number, data: Buffer): void => {
    const job = jobs.get(id);
    if (job === undefined) return;
    switch (String.fromCharCode(type)) {
      case 'S':
        job.pid = data.readUInt32BE(0);
        job.events.onSpawn(job.pid);
        return;
      case 'O':
        if (!job.dropped) job.events.onOutput('stdout', job.decoders.stdout.write(data));
        return;
      case 'E':
        if (!job.dropped) job.events.onOutput('stderr', job.decoders.stderr.write(data));
        return;
      case 'F': {
        const [code = 'EUNKNOWN', ...rest] = data.toString('utf8').split('\0');
        const error = Object.assign(new Error(`${rest.join(' ')} (${code})`), { code });
        finish(id);
        job.events.onError(error);
        return;
      }
      case 'X': {
        const exitCode = data.readInt32BE(0);
        const signal = data.readInt32BE(4);
        job.events.onExit(exitCode < 0 ? null : exitCode, signal === 0 ? null : (signalNames.get(signal) ?? null));
        job.exited = true;
        if (job.dropped || job.closed) finish(id);
        return;
      }
      case 'Z':
        for (const stream of ['stdout', 'stderr'] as const) {
          const rest = job.decoders[stream].end();
          if (rest !== '') job.events.onOutput(stream, rest);
        }
        job.closed = true;
        if (job.exited) finish(id);
        job.events.onClose();
        return;
      default:
        return;
    }
  };

  const onData = (chunk: Buffer): void => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let offset = 0;
    while (pending.length - offset >= 4) {
      const length = pending.readUInt32BE(offset);
      if (pending.length - offset < 4 + length) break;
      onFrame(pending[offset + 4] ?? 0, pending.readUInt32BE(offset + 5), pending.subarray(offset + 9, offset + 4 + length));
      offset += 4 + length;
    }
    pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
  };

  /** The helper is gone: restart-or-fall-back for workers not yet started, end the ones that were. */
  const onHelperGone = (gone: ChildProcess, reason: string): void => {
    if (helper !== gone) return;
    helper = undefined;
    pending = Buffer.alloc(0);
    deaths += 1;
    if (deaths >= maxHelperDeaths) usable = false;
    const orphans = [...jobs.entries()];
    jobs.clear();
    whenIdle.splice(0).forEach((resolve) => resolve());
    for (const [, job] of orphans) {
      if (job.pid === undefined) {
        // Never forked: start it another way, as if nothing had happened.
        if (usable) sendJob(job);
        else runWithFallback(job);
        continue;
      }
      // Running unwatched now: end its whole group, so a retry does not run beside it.
      signalProcessGroup(job.pid, 'SIGKILL');
      job.events.onError(
        new WatchbotError(errorCodes.SPAWN_FAILED, `the worker lost its spawn helper (${reason}); its process group was killed so that a retry does not run beside it`),
      );
    }
  };

  const startHelper = (): ChildProcess | undefined => {
    if (!usable || perl === undefined) return undefined;
    let child: ChildProcess;
    try {
      child = spawn(perl, ['-e', spawnHelperScript, spawnHelperName], {
        // Perl reads PERL5OPT, PERL5LIB and others from its environment: give it none of the
        // watcher's. Workers get theirs from the B frame.
        env: {},
        detached: true, // out of the terminal's process group: Ctrl-C is the watcher's to handle
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch {
      usable = false;
      return undefined;
    }
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr = (stderr + text).slice(-500);
    });
    child.stdout?.on('data', onData);
    child.stdin?.on('error', () => undefined); // EPIPE when it died: 'exit' handles that
    child.once('error', (error) => {
      // It could not be started at all (EACCES …): never try again.
      usable = false;
      onHelperGone(child, error.message);
    });
    child.once('exit', (code, signal) => onHelperGone(child, `${signal ?? `exit ${String(code)}`}${stderr === '' ? '' : `: ${stderr.trim()}`}`));
    child.stdin?.write(toFrame(['B', options.command, cwd, ...(baseEntries ?? [])]));
    return child;
  };

  function sendJob(job: HelperJob): void {
    helper ??= startHelper();
    const entries = toEntries(job.variables);
    if (helper === undefined || entries === undefined) {
      runWithFallback(job);
      return;
    }
    const id = ++nextId;
    jobs.set(id, job);
    updateRef();
    helper.stdin?.write(toFrame(['R', String(id), ...entries]));
  }

  return {
    spawn(variables, events) {
      const job: HelperJob = {
        variables,
        events,
        decoders: { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') },
        dropped: false,
        exited: false,
        closed: false,
      };
      sendJob(job);
      return {
        dropOutput() {
          if (job.fallback !== undefined) {
            job.fallback.dropOutput();
            return;
          }
          job.dropped = true;
          for (const [id, known] of jobs) {
            if (known !== job) continue;
            helper?.stdin?.write(toFrame(['C', String(id)]));
            if (job.exited) finish(id);
          }
        },
      };
    },
    async close() {
      // Workers still running keep their helper until they end: closing never strands a run().
      while (jobs.size > 0 && helper !== undefined) await new Promise<void>((resolve) => whenIdle.push(resolve));
      const child = helper;
      helper = undefined;
      if (child !== undefined && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.ref(); // an idle helper is unref'd: waiting for it must keep the watcher alive
        child.stdin?.end();
        await exited;
      }
      await fallback.close();
    },
  };
}
