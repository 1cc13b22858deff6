/**
 * The real, built `watchbot` CLI (packages/cli/bin/watchbot.js → dist/) as a child process:
 * what a user runs, nothing mocked. Every line it writes is kept with the time it arrived, so
 * a scenario can ask what the watcher said during an outage.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const cliRoot = dirname(createRequire(import.meta.url).resolve('@watchbot/cli/package.json'));

/** The CLI's bin script. */
export const watchbotBin = join(cliRoot, 'bin', 'watchbot.js');

/** Throws unless the CLI has been built (the suite runs the built CLI, as users do). */
export function assertCliBuilt(): void {
  const dist = join(cliRoot, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` at the repository root first`);
}

/** One line the process wrote, with the time it arrived (ms since the epoch). */
export interface TimedLine {
  readonly atMs: number;
  readonly text: string;
}

/** How a watchbot process ended. */
export interface WatchbotExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to exit, in ms. */
  readonly durationMs: number;
}

/** A watchbot process that is running (or has ended). */
export interface WatchbotProcess {
  readonly child: ChildProcess;
  /** The process id. */
  readonly pid: number;
  /** When it was spawned, in ms since the epoch. */
  readonly startedAtMs: number;
  /** Every stdout line so far, timed. */
  lines(): readonly TimedLine[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited and its pipes have closed. */
  readonly exited: Promise<WatchbotExit>;
}

/** Where and how a watchbot process runs. */
export interface WatchbotOptions {
  /** The working directory. */
  readonly cwd: string;
  /** Variables added to a minimal environment (PATH, HOME, TMPDIR). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Runs the CLI through `/bin/sh -c '<prefix> exec node …'` instead of directly, e.g.
   * `ulimit -f 64;` to bound the files it may write. Default: none.
   */
  readonly shellPrefix?: string;
}

/** Watchbot processes started and not yet ended. */
const running = new Set<ChildProcess>();

/**
 * Sends SIGKILL to every watchbot process this module started that is still running; returns
 * how many. The suite calls it after each test, so a failed test leaves no watcher behind.
 */
export function killRunningWatchbots(): number {
  const count = running.size;
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  return count;
}

/** Starts `watchbot <args>`. */
export function startWatchbot(args: readonly string[], options: WatchbotOptions): WatchbotProcess {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: options.cwd, TMPDIR: tmpdir(), ...options.env };
  const child =
    options.shellPrefix === undefined
      ? spawn(process.execPath, [watchbotBin, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('/bin/sh', ['-c', `${options.shellPrefix} exec "$@"`, 'sh', process.execPath, watchbotBin, ...args], {
          cwd: options.cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  const startedAtMs = Date.now();
  running.add(child);
  child.once('exit', () => running.delete(child));
  const lines: TimedLine[] = [];
  let partial = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const atMs = Date.now();
    stdout += chunk;
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ atMs, text });
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<WatchbotExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (partial !== '') lines.push({ atMs: Date.now(), text: partial });
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - startedAtMs });
    });
  });
  if (child.pid === undefined) throw new Error('watchbot could not be started');
  return { child, pid: child.pid, startedAtMs, lines: () => lines, stderr: () => stderr, exited };
}

/** Runs `watchbot <args>` to its end. */
export function runWatchbot(args: readonly string[], options: WatchbotOptions): Promise<WatchbotExit> {
  return startWatchbot(args, options).exited;
}

/** Runs `watchbot <args>` and fails with its stderr unless it exits 0. */
export async function runWatchbotOk(args: readonly string[], options: WatchbotOptions): Promise<WatchbotExit> {
  const result = await runWatchbot(args, options);
  if (result.code !== 0) throw new Error(`watchbot ${args.join(' ')} exited ${String(result.code ?? result.signal)}: ${result.stderr}`);
  return result;
}
