/**
 * Typed reads of the loosely typed values node:sqlite returns: a row from a file another
 * program may have written is checked, not cast.
 */
import type { SQLOutputValue } from 'node:sqlite';

/** The value as a number; bigints are narrowed, anything else is 0. */
export function toNumber(value: SQLOutputValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

/** The value as a string, or undefined when it is NULL or not text. */
export function toOptionalString(value: SQLOutputValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value as a string; NULL and non-text values become "". */
export function toText(value: SQLOutputValue | undefined): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}
