/**
 * `--since`: how far back `watchbot jobs` looks, as a duration (`30s`, `15m`, `1h`, `7d`) or an
 * ISO-8601 time. A bad value is one line naming the option, the value and what is allowed.
 */
import { invalidOption } from '@watchbot/core';

const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The longest duration accepted, in days (ten years). */
const maxDays = 3650;

const allowed = 'a duration such as 30s, 15m, 1h or 7d, or an ISO-8601 time such as 2026-01-01T12:00:00Z, not in the future';

/**
 * Parses `raw` into a time in ms since the epoch.
 * @param nowMs the current time, which durations count back from.
 * @throws WatchbotError INVALID_OPTION: `--since: "1 hour" is not valid; expected a duration such as 30s, …`.
 */
export function parseSince(raw: string, nowMs: number, option = '--since'): number {
  const text = raw.trim();
  const duration = /^(\d{1,10})([smhd])$/.exec(text);
  if (duration !== null) {
    const amount = Number(duration[1]);
    const ms = amount * unitMs[duration[2] as keyof typeof unitMs];
    if (ms > maxDays * unitMs.d) throw invalidOption(option, raw, `${allowed}; at most ${maxDays}d`);
    return nowMs - ms;
  }
  // Only full dates (and times) count as times: Date.parse alone would take "1" or "May".
  const timeMs = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(timeMs) || timeMs > nowMs) throw invalidOption(option, raw, allowed);
  return timeMs;
}

/** A time window for people: "in the last 1h", or "since 2026-01-01T00:00:00.000Z". */
export function describeSince(raw: string | undefined, sinceMs: number): string {
  const text = raw?.trim();
  return text !== undefined && /^\d+[smhd]$/.test(text) ? `in the last ${text}` : `since ${new Date(sinceMs).toISOString()}`;
}
