/**
 * Runs a shipped artifact the way a user's machine would: from a fresh, empty directory (no
 * node_modules anywhere above it that the program could lean on) with a minimal environment
 * whose PATH holds no `node`.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How a process ended, with what it wrote. */
export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An empty working directory and an empty PATH directory, removed by `remove()`. */
export interface EmptyPlace {
  readonly cwd: string;
  /** The only PATH entry: an empty folder, so `node` (or anything else) is not found. */
  readonly pathDirectory: string;
  remove(): Promise<void>;
}

/** Makes a fresh empty working directory under the OS temp folder. */
export async function makeEmptyPlace(): Promise<EmptyPlace> {
  const root = await mkdtemp(join(tmpdir(), 'watchbot-artifact-'));
  const cwd = join(root, 'work');
  const pathDirectory = join(root, 'empty-bin');
  await mkdir(cwd);
  await mkdir(pathDirectory);
  return { cwd, pathDirectory, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Runs `command args` in `place.cwd` with PATH = the empty folder, HOME = cwd, plus `env`. */
export function runIn(place: EmptyPlace, command: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): ProcessResult {
  const result = spawnSync(command, args, {
    cwd: place.cwd,
    env: { PATH: place.pathDirectory, HOME: place.cwd, TMPDIR: tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Writes an executable shell worker that uses only shell built-ins: it appends
 * "<Message> node=<yes|no>" to done.txt and exits 3 (reject) for the message "reject-me".
 */
export async function writeShellWorker(place: EmptyPlace): Promise<string> {
  const path = join(place.cwd, 'worker.sh');
  await writeFile(
    path,
    [
      '#!/bin/sh',
      'if command -v node >/dev/null 2>&1; then node=yes; else node=no; fi',
      'echo "$Message node=$node" >> done.txt',
      '[ "$Message" = reject-me ] && exit 3',
      'exit 0',
      '',
    ].join('\n'),
  );
  await chmod(path, 0o755);
  return path;
}

/** The queue state `watchbot status --json` prints. */
export interface StatusJson {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly deadLettered: number;
  readonly notifications: readonly { readonly kind: string; readonly messageId: string }[];
}
