/** Reads true/false environment variables, refusing anything else in one clear line. */
import { invalidOption } from '@watchbot/core';

/**
 * Parses a true/false variable (case-insensitive). Unset or empty gives `defaultValue`.
 * @throws WatchbotError INVALID_OPTION: `structuredLogging: "yes" is not valid; expected true or false`.
 */
export function parseBooleanVariable(name: string, raw: string | undefined, defaultValue: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return defaultValue;
  const text = raw.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalidOption(name, raw, 'true or false');
}
