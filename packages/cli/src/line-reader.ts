/**
 * Answers typed on standard input, one line at a time (node:readline over the CLI's stdin
 * stream), for triage and for purge's confirmation. Tests drive it with an in-memory stream.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { TextOutput } from './cli-io.js';

/** Reads answers. */
export interface LineReader {
  /** Writes `prompt` to `output` and resolves with the next line typed (trimmed), or undefined at the end of input. */
  ask(prompt: string): Promise<string | undefined>;
  /** Stops reading (standard input is released). */
  close(): void;
}

/** True when `input` is a terminal: someone is there to answer. */
export function isTerminal(input: Readable | undefined): boolean {
  return (input as { isTTY?: boolean } | undefined)?.isTTY === true;
}

/** Creates a reader of `input` that prompts on `output`. */
export function createLineReader(input: Readable, output: TextOutput): LineReader {
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const readline = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  readline.on('line', (line) => {
    const next = waiting.shift();
    if (next === undefined) lines.push(line);
    else next(line);
  });
  readline.on('close', () => {
    ended = true;
    for (const next of waiting.splice(0)) next(undefined);
  });
  return {
    ask(prompt) {
      output.write(prompt);
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line.trim());
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push((answer) => resolve(answer?.trim())));
    },
    close() {
      readline.close();
    },
  };
}
