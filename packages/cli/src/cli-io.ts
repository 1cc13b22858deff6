/**
 * The CLI's connection to the outside world: its output streams, working directory,
 * environment and standard input. `main` takes one, so the CLI can be embedded and tested
 * without touching the real process.
 */
import type { Readable } from 'node:stream';

/** A stream the CLI writes text to. */
export interface TextOutput {
  /** Writes text as is (the caller adds newlines). */
  write(text: string): unknown;
  /** True when the stream is a terminal (picks the default log format). */
  readonly isTTY?: boolean;
}

/** Everything the CLI reads from or writes to outside itself. */
export interface CliIo {
  /** Where results and (for `run` and `listen`) log lines go. */
  readonly stdout: TextOutput;
  /** Where usage errors and fatal errors go, one line each. */
  readonly stderr: TextOutput;
  /** The directory relative queue addresses and files are resolved against. */
  readonly cwd: string;
  /** The environment: `listen` is configured from it, and workers inherit it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Read by `send --from -`. Default: the process's standard input. */
  readonly stdin?: Readable;
}

/** The real process's streams, directory and environment. */
export function createProcessIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stdin: process.stdin };
}
