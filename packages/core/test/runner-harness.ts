/** Shared pieces of the subprocess runner's tests: a job with recorded output, and process probes. */
import { readFileSync } from 'node:fs';
import type { OutputStream, WorkerJob } from '../src/ports/runner.js';
import { toWorkMessage } from '../src/work-message.js';

/** A job for message `id` with `body`, recording its output and warnings. */
export function makeJob(body = 'hello', extra: { id?: string; subject?: string; signal?: AbortSignal } = {}) {
  const output: { stream: OutputStream; line: string }[] = [];
  const warnings: string[] = [];
  const job: WorkerJob = {
    message: toWorkMessage({
      id: extra.id ?? 'msg-1',
      body,
      receiptHandle: 'r',
      receiveCount: 1,
      sentAtMs: Date.UTC(2026, 0, 1),
      firstReceivedAtMs: Date.UTC(2026, 0, 1, 0, 0, 1),
      ...(extra.subject !== undefined && { subject: extra.subject }),
    }),
    signal: extra.signal ?? new AbortController().signal,
    onOutput: (stream, line) => output.push({ stream, line }),
    onWarning: (warning) => warnings.push(warning),
  };
  const lines = (stream: OutputStream = 'stdout') => output.filter((entry) => entry.stream === stream).map((entry) => entry.line);
  return { job, output, warnings, lines };
}

/** True while `pid` runs (a zombie does not count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

/** The command line of `pid`, its NUL separators as spaces. */
export function commandLineOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
}
