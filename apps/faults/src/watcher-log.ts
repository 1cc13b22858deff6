/**
 * Reading what the watcher said: its JSON log lines (`--log-format json`), each with the time
 * it reached the suite, and the final summary line with its settled counts.
 */
import type { TimedLine } from './watchbot-process.js';

/** One JSON log line of the watcher. */
export interface WatcherLogEntry {
  readonly level: string;
  readonly msg: string;
  readonly event?: string;
  readonly messageId?: string;
  readonly reason?: string;
  readonly settled?: Readonly<Record<string, number>>;
  /** When the suite read the line, in ms since the epoch. */
  readonly atMs: number;
}

/** Parses the watcher's JSON lines; a line that is not JSON fails loudly (the watcher must keep its format). */
export function parseWatcherLog(lines: readonly TimedLine[]): WatcherLogEntry[] {
  return lines
    .filter((line) => line.text.trim() !== '')
    .map((line) => {
      try {
        return { ...(JSON.parse(line.text) as Omit<WatcherLogEntry, 'atMs'>), atMs: line.atMs };
      } catch {
        throw new Error(`the watcher wrote a line that is not JSON: ${line.text.slice(0, 200)}`);
      }
    });
}

/** The settled counts of the watcher's final summary line ("watcher finished …"), if it wrote one. */
export function findSettledCounts(entries: readonly WatcherLogEntry[]): Readonly<Record<string, number>> | undefined {
  return entries.findLast((entry) => entry.settled !== undefined && entry.msg.startsWith('watcher finished'))?.settled;
}

/** Lines whose message matches `pattern`. */
export function entriesMatching(entries: readonly WatcherLogEntry[], pattern: RegExp): WatcherLogEntry[] {
  return entries.filter((entry) => pattern.test(entry.msg));
}
