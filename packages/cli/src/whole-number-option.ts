/**
 * Reads whole-number flags and variables from their raw text, so a bad value is reported
 * with the name the user typed (`--concurrency`, `maxJobDuration`) and the text as typed.
 */
import { invalidOption } from '@watchbot/core';

/** The accepted range of a whole-number setting, and its unit for messages. */
export interface WholeNumberRange {
  /** The smallest accepted value. */
  readonly min: number;
  /** The largest accepted value. */
  readonly max: number;
  /** The unit, for the message: "seconds" → "a whole number of seconds from 0 to 43200". */
  readonly unit?: string;
}

/**
 * Parses `raw` as a whole number within `range`.
 * @param name the flag or variable as the user wrote it, e.g. "--concurrency".
 * @throws WatchbotError INVALID_OPTION: `--concurrency: "abc" is not valid; expected a whole number from 1 to 1000`.
 */
export function parseWholeNumber(name: string, raw: string | number, range: WholeNumberRange): number {
  const text = String(raw).trim();
  const value = /^[+]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    const unit = range.unit === undefined ? '' : ` of ${range.unit}`;
    throw invalidOption(name, String(raw), `a whole number${unit} from ${range.min} to ${range.max}`);
  }
  return value;
}

/** The ranges of the watcher's settings, as core accepts them. */
export const watcherRanges = {
  /** Workers at once. */
  concurrency: { min: 1, max: 1000 },
  /** Receives before a message is dead-lettered. */
  maxReceives: { min: 1, max: 1000 },
  /** Seconds a worker may run; 0 = no limit. */
  maxJobDurationSeconds: { min: 0, max: 43_200, unit: 'seconds' },
  /** Seconds running workers get to finish after a stop signal. */
  stopTimeoutSeconds: { min: 0, max: 3600, unit: 'seconds' },
  /** Seconds a received message stays invisible before a heartbeat extends it. */
  visibilityTimeoutSeconds: { min: 2, max: 43_200, unit: 'seconds' },
  /** Seconds before a sent message first becomes visible. */
  delaySeconds: { min: 0, max: 900, unit: 'seconds' },
} as const satisfies Record<string, WholeNumberRange>;
