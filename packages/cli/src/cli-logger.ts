/**
 * The logger `run` and `listen` write to standard output: JSON lines for log collectors
 * (the default when stdout is not a terminal) or readable lines for people.
 */
import { createJsonLogger, createTextLogger, invalidOption } from '@watchbot/core';
import type { Logger } from '@watchbot/core';
import type { TextOutput } from './cli-io.js';

/** How log lines are written. */
export type LogFormat = 'json' | 'text';

/**
 * Picks the log format: the one asked for, else text on a terminal and JSON elsewhere.
 * @param option the flag or variable the value came from, for the error message.
 * @throws WatchbotError INVALID_OPTION when `requested` is neither "json" nor "text".
 */
export function resolveLogFormat(requested: string | undefined, stdout: TextOutput, option = '--log-format'): LogFormat {
  if (requested === undefined) return stdout.isTTY === true ? 'text' : 'json';
  if (requested === 'json' || requested === 'text') return requested;
  throw invalidOption(option, requested, 'json or text');
}

/** Options for {@link createCliLogger}. */
export interface CliLoggerOptions {
  /** JSON lines or readable text. */
  readonly format: LogFormat;
  /** Also write debug lines (each receive and worker start). Default false. */
  readonly verbose?: boolean;
  /** Where lines go. */
  readonly stdout: TextOutput;
}

/** Creates the logger for `run` and `listen`. */
export function createCliLogger(options: CliLoggerOptions): Logger {
  const write = (line: string): void => {
    options.stdout.write(`${line}\n`);
  };
  const settings = { write, minLevel: options.verbose === true ? ('debug' as const) : ('info' as const) };
  return options.format === 'json' ? createJsonLogger(settings) : createTextLogger(settings);
}
