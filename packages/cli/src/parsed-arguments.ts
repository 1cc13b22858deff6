/**
 * Typed reads of yargs' parsed arguments. Options are declared as strings and checked by
 * the commands themselves, so every message names the flag and shows the text as typed.
 */
import { invalidOption } from '@watchbot/core';
import type { ParsedArguments } from './command-definition.js';
import type { WholeNumberRange } from './whole-number-option.js';
import { parseWholeNumber } from './whole-number-option.js';

/** The value of a string flag, or undefined when it was not given. Given twice, the last one wins. */
export function readString(args: ParsedArguments, name: string): string | undefined {
  const given = args[name];
  const value = Array.isArray(given) ? given.at(-1) : given;
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw invalidOption(`--${name}`, String(value), 'a value');
}

/** The value of a boolean flag; false when it was not given. Given twice, the last one wins. */
export function readBoolean(args: ParsedArguments, name: string): boolean {
  const given = args[name];
  return (Array.isArray(given) ? given.at(-1) : given) === true;
}

/** The words after `--` (or the positional array `positional`, when given), as strings. */
export function readRest(args: ParsedArguments, positional?: string): string[] {
  const words: unknown[] = [];
  const fromPositional = positional === undefined ? undefined : args[positional];
  if (Array.isArray(fromPositional)) words.push(...fromPositional);
  const afterDashes = args['--'];
  if (Array.isArray(afterDashes)) words.push(...afterDashes);
  return words.map(String);
}

/**
 * The value of a whole-number flag within `range`, or `defaultValue` when it was not given.
 * @throws WatchbotError INVALID_OPTION naming `--<name>` and the text as typed.
 */
export function readWholeNumber(args: ParsedArguments, name: string, range: WholeNumberRange, defaultValue: number): number {
  const raw = readString(args, name);
  return raw === undefined ? defaultValue : parseWholeNumber(`--${name}`, raw, range);
}
