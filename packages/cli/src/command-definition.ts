/** The shape every command module exports, so `main` can register and run them alike. */
import type { Argv } from 'yargs';
import type { CliIo } from './cli-io.js';

/** Parsed arguments as yargs hands them over: flags by name, `_` and `--` for the rest. */
export type ParsedArguments = Readonly<Record<string, unknown>>;

/** One `watchbot` command. */
export interface CommandDefinition {
  /** The command's name, e.g. "run". */
  readonly name: string;
  /** The yargs command string, e.g. "run [command..]". */
  readonly command: string;
  /** One line for `watchbot --help`. */
  readonly describe: string;
  /** Declares the command's options, usage text and examples. */
  readonly configure: (yargs: Argv) => Argv;
  /** Runs the command; resolves with the exit status. Throws usage errors (exit 2). */
  readonly execute: (args: ParsedArguments, io: CliIo) => Promise<number>;
}
