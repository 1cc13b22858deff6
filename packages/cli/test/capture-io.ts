/** An in-memory CliIo for running `main` in-process: captures what it writes. */
import { Readable } from 'node:stream';
import type { CliIo } from '../src/cli-io.js';

/** A CliIo whose output is kept in strings. */
export interface CapturedIo extends CliIo {
  /** Everything written to stdout. */
  out(): string;
  /** Everything written to stderr. */
  err(): string;
}

/** Creates a captured io in `cwd`, with `env` and optional standard input. */
export function captureIo(cwd: string, env: Record<string, string> = {}, stdin = ''): CapturedIo {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}
