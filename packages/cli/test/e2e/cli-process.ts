/**
 * Runs the real, built `watchbot` (bin/watchbot.js → dist/) as a child process in a fresh
 * temporary directory, with real shell workers: what a user runs, nothing mocked.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI's bin script. */
export const binPath = fileURLToPath(new URL('../../bin/watchbot.js', import.meta.url));

const distPath = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
if (!existsSync(distPath)) {
  throw new Error(`${distPath} is missing: build the CLI first (npx tsup in packages/cli, or npm run build at the root)`);
}

/** How a CLI process ended, with everything it wrote. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one CLI process. */
export interface CliOptions {
  /** The working directory (the temp dir of the test). */
  readonly cwd: string;
  /** Variables added to a minimal environment (PATH, HOME, TMPDIR). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to standard input, which is then closed. */
  readonly input?: string | Buffer;
}

/** A CLI process still running, for tests that signal it. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<CliResult>;
}

/** Starts `watchbot <args>`. */
export function startCli(args: readonly string[], options: CliOptions): RunningCli {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.cwd, TMPDIR: tmpdir(), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, exited };
}

/** Runs `watchbot <args>` to its end. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return startCli(args, options).exited;
}

/** Makes a fresh temporary directory; `remove()` deletes it. */
export async function makeTempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'watchbot-e2e-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Writes an executable shell worker `name` in `dir` and returns its path. */
export async function writeWorker(dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

/** Polls `check` every 25 ms until it returns true; fails after `timeoutMs`. For real processes only. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The queue's state as `watchbot status --json` reports it. */
export interface StatusJson {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly deadLettered: number;
  readonly notifications: readonly { kind: string; messageId: string; summary: string; time: string }[];
}

/** Runs `watchbot status --json` (plus `args`) in `cwd` and parses it. */
export async function readStatus(cwd: string, args: readonly string[] = []): Promise<StatusJson> {
  const result = await runCli(['status', '--json', ...args], { cwd });
  if (result.code !== 0) throw new Error(`status failed (${String(result.code)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as StatusJson;
}

/** Sends messages with `watchbot send --json` and returns their ids. */
export async function sendMessages(cwd: string, args: readonly string[], input?: string | Buffer): Promise<string[]> {
  const result = await runCli(['send', '--json', ...args], { cwd, ...(input !== undefined && { input }) });
  if (result.code !== 0) throw new Error(`send failed (${String(result.code)}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { ids: string[] }).ids;
}

/** True while a process with this pid exists and has not exited (a zombie awaiting its reaper counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // "pid (comm) S …": the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
