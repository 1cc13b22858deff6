/** The logger port: structured log entries, written as JSON lines or as readable text. */

/** How serious an entry is. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One log entry: a message plus structured fields. */
export interface LogEntry {
  /** How serious it is. */
  readonly level: LogLevel;
  /** The human-readable line. Failures carry the text "[failure]" so log metric filters match. */
  readonly msg: string;
  /** The lifecycle event this entry reports, where it reports one. */
  readonly event?: string;
  /** The queue message id it concerns. */
  readonly messageId?: string;
  /** Any other fields (durationMs, exitCode, stream …); values must be JSON-serialisable. */
  readonly [field: string]: unknown;
}

/** Writes log entries. Must not throw. */
export interface Logger {
  /** Writes one entry. */
  log(entry: LogEntry): void;
}
