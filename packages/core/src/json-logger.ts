/** Log entries as one JSON object per line: what log collectors and metric filters read. */
import type { LogEntry, Logger, LogLevel } from './ports/logger.js';

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Options shared by both log forms. */
export interface LoggerOptions {
  /** Where lines go. Default: standard output. */
  readonly write?: LineWriter;
  /** The least serious level written. Default "info". */
  readonly minLevel?: LogLevel;
  /** The time source, ms since the epoch (injected for tests). Default `Date.now`. */
  readonly now?: () => number;
}

/** Where log lines go; default: standard output. */
export type LineWriter = (line: string) => void;

const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Creates a logger that writes each entry as one JSON line:
 * `{"level":"info","time":"2026-…Z","msg":"…","event":"succeeded","messageId":"…",…}`.
 */
export function createJsonLogger(options: LoggerOptions = {}): Logger {
  const { write = writeStdout, now = Date.now } = options;
  const minRank = levelRank[options.minLevel ?? 'info'];
  return {
    log(entry) {
      if (levelRank[entry.level] < minRank) return;
      const { level, msg, ...fields } = entry;
      try {
        write(JSON.stringify({ level, time: new Date(now()).toISOString(), msg, ...fields }));
      } catch {
        // An unserialisable field or a closed stream must never take the watcher down.
      }
    },
  };
}

/**
 * Creates a logger for people at a terminal: `12:00:01.234 INFO  [msg-id] text  key=value`.
 * Carries the same text as the JSON form, so "[failure]" appears in both.
 */
export function createTextLogger(options: LoggerOptions = {}): Logger {
  const { write = writeStdout, now = Date.now } = options;
  const minRank = levelRank[options.minLevel ?? 'info'];
  return {
    log(entry: LogEntry) {
      if (levelRank[entry.level] < minRank) return;
      const { level, msg, messageId, event: _event, ...fields } = entry;
      const time = new Date(now()).toISOString().slice(11, 23);
      const id = typeof messageId === 'string' ? ` [${messageId}]` : '';
      const extras = Object.entries(fields)
        .filter(([, value]) => value !== undefined && (typeof value !== 'object' || value === null))
        // Worker output is stdout unless marked: only stderr lines say where they came from.
        .filter(([key, value]) => !(key === 'stream' && value === 'stdout'))
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(' ');
      try {
        write(`${time} ${level.toUpperCase().padEnd(5)}${id} ${msg}${extras === '' ? '' : `  ${extras}`}`);
      } catch {
        // See createJsonLogger.
      }
    },
  };
}
