/**
 * The embedded queue's dead letters as core's DeadLetterQueue port: list, read, replay,
 * delete and purge the `dead_letters` table of a queue file. Every action on a batch is one
 * transaction; a replay moves each message back into `messages` and out of `dead_letters` in
 * the same transaction (see dead-letter-writes.ts), so it is atomic here.
 */
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import { WatchbotError, createSystemClock, errorCodes, invalidOption } from '@watchbot/core';
import type { Clock, DeadLetterActionOptions, DeadLetterActionResult, DeadLetterCursor, DeadLetterQueue } from '@watchbot/core';
import { deadLetterColumns, readDeadLetters, toDeadLetter } from './dead-letters.js';
import type { DeadLetter } from './dead-letters.js';
import { createDeadLetterWrites } from './dead-letter-writes.js';
import type { DeadLetterRow } from './dead-letter-writes.js';
import { openDatabase } from './open-database.js';
import { toNumber, toText } from './row-values.js';
import { toOpenError, toReadError, toSqliteResultCode, toWriteError } from './sqlite-errors.js';
import { sqliteQueueDefaults } from './sqlite-queue-options.js';

/** Options for {@link openSqliteDeadLetterQueue}. */
export interface SqliteDeadLetterQueueOptions {
  /** The queue's database file (the one `openSqliteQueue` uses). Missing parent folders are created. */
  readonly path: string;
  /** The clock that stamps replayed messages' send time. Default: the system clock. */
  readonly clock?: Clock;
  /** How long one statement waits for another process's write lock, in ms, 0 to 60,000. Default 2,000. */
  readonly busyTimeoutMs?: number;
  /**
   * A fault point for tests of crash safety: runs inside each replay transaction, after the
   * batch's messages are inserted into the queue and before their dead-letter rows are deleted.
   * A throw rolls the batch back (the messages stay dead letters only) and rejects the replay.
   */
  readonly onReplaySent?: (ids: readonly string[]) => void;
}

/** The SQLite dead-letter queue: the {@link DeadLetterQueue} port, with the table's own fields. */
export interface SqliteDeadLetterQueue extends DeadLetterQueue {
  /** The database file, as given. */
  readonly path: string;
  /** Up to `limit` dead letters, in the order they were dead-lettered. */
  list(limit: number): Promise<DeadLetter[]>;
  /** The oldest dead letter with this id, or undefined. */
  get(id: string): Promise<DeadLetter | undefined>;
}

/** Rows acted on per transaction: one commit each, short enough not to starve a watcher of the lock. */
export const sqliteDeadLetterBatchSize = 100;

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) throw invalidOption('limit', limit, 'an integer of at least 0');
  return limit;
}

function notFound(id: string, path: string): WatchbotError {
  return new WatchbotError(errorCodes.MESSAGE_NOT_FOUND, `no dead letter with id ${JSON.stringify(id)} in the queue at ${path}`);
}

function resolveOptions(options: SqliteDeadLetterQueueOptions) {
  if (typeof options.path !== 'string' || options.path.trim() === '') {
    throw invalidOption('path', options.path, 'the path of the queue database file');
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? sqliteQueueDefaults.busyTimeoutMs;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0 || busyTimeoutMs > 60_000) {
    throw invalidOption('busyTimeoutMs', busyTimeoutMs, 'an integer from 0 to 60,000');
  }
  return { path: options.path, clock: options.clock ?? createSystemClock(), busyTimeoutMs, onReplaySent: options.onReplaySent };
}

function prepareStatements(db: DatabaseSync, path: string) {
  try {
    return {
      writes: createDeadLetterWrites(db),
      count: db.prepare('SELECT count(*) AS n FROM dead_letters'),
      maxSeq: db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM dead_letters'),
      byId: db.prepare(`SELECT ${deadLetterColumns} FROM dead_letters WHERE id = ? ORDER BY seq LIMIT 1`),
      rowById: db.prepare('SELECT seq, id FROM dead_letters WHERE id = ? ORDER BY seq LIMIT 1'),
      rowsUpTo: db.prepare('SELECT seq, id FROM dead_letters WHERE seq <= ? ORDER BY seq LIMIT ?'),
      after: db.prepare(`SELECT ${deadLetterColumns} FROM dead_letters WHERE seq > ? ORDER BY seq LIMIT 1`),
    };
  } catch (error) {
    db.close();
    throw toOpenError(error, path);
  }
}

/** A result under construction. */
interface Tally {
  readonly done: string[];
  readonly failed: { id: string; error: Error }[];
}

/**
 * Opens the dead letters of the queue file at `options.path` (creating the file and its schema
 * if needed, as `openSqliteQueue` does). Throws INVALID_OPTION for a bad option and
 * QUEUE_NOT_FOUND when the file cannot be opened.
 */
export function openSqliteDeadLetterQueue(options: SqliteDeadLetterQueueOptions): SqliteDeadLetterQueue {
  const { path, clock, busyTimeoutMs, onReplaySent } = resolveOptions(options);
  const db = openDatabase(path, { busyTimeoutMs, readOnly: false });
  const statements = prepareStatements(db, path);
  const { writes } = statements;
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error(`the dead letters of ${path} are closed`);
  };
  const read = <T>(action: string, work: () => T): T => {
    assertOpen();
    try {
      return work();
    } catch (error) {
      throw toReadError(error, path, action);
    }
  };
  const toRow = (row: Record<string, SQLOutputValue> | undefined): DeadLetterRow | undefined =>
    row === undefined ? undefined : { seq: toNumber(row['seq']), id: toText(row['id']) };
  const countAll = (): number => read('count dead letters', () => toNumber(statements.count.get()?.['n']));

  /**
   * Runs `act` on `rows` in batches and tallies each row as done, or as not found when it was
   * gone by then (`missing: 'skip'` leaves such rows out instead). A storage error fails the
   * batch and every later row, nothing after it is tried, and false is returned; any other error
   * (a fault point's throw) rejects, as a crash would end the call.
   */
  const inBatches = (
    rows: readonly DeadLetterRow[],
    tally: Tally,
    act: (batch: readonly DeadLetterRow[]) => DeadLetterRow[],
    { action, missing, report }: { action: string; missing: 'fail' | 'skip'; report: () => void },
  ): boolean => {
    for (let start = 0; start < rows.length; start += sqliteDeadLetterBatchSize) {
      const batch = rows.slice(start, start + sqliteDeadLetterBatchSize);
      let acted: DeadLetterRow[];
      try {
        acted = act(batch);
      } catch (error) {
        if (toSqliteResultCode(error) === undefined) throw error;
        const translated = toWriteError(error, path, action);
        for (const row of rows.slice(start)) tally.failed.push({ id: row.id, error: translated });
        report();
        return false;
      }
      const actedSeqs = new Set(acted.map((row) => row.seq));
      for (const row of batch) {
        if (actedSeqs.has(row.seq)) tally.done.push(row.id);
        else if (missing === 'fail') tally.failed.push({ id: row.id, error: notFound(row.id, path) });
      }
      report();
    }
    return true;
  };

  /** Acts on the dead letters named by `ids` (each once), reporting the ids that are none as not found. */
  const actOnIds = (ids: readonly string[], options: DeadLetterActionOptions | undefined, action: string, act: (batch: readonly DeadLetterRow[]) => DeadLetterRow[]): DeadLetterActionResult => {
    assertOpen();
    const unique = [...new Set(ids)];
    const tally: Tally = { done: [], failed: [] };
    const report = (): void => options?.onProgress?.({ done: tally.done.length, failed: tally.failed.length, total: unique.length });
    const rows: DeadLetterRow[] = [];
    for (const id of unique) {
      const row = read('read dead letters', () => toRow(statements.rowById.get(id)));
      if (row === undefined) tally.failed.push({ id, error: notFound(id, path) });
      else rows.push(row);
    }
    inBatches(rows, tally, act, { action, missing: 'fail', report });
    if (rows.length === 0) report();
    return tally;
  };

  const cursors = new Set<{ closed: boolean }>();

  return {
    path,
    count: async () => countAll(),
    list: async (limit) => read('read dead letters', () => readDeadLetters(db, checkLimit(limit))),
    async get(id) {
      const row = read('read dead letters', () => statements.byId.get(id));
      return row === undefined ? undefined : toDeadLetter(row);
    },
    replay: async (ids, options) => actOnIds(ids, options, 'replay', (batch) => writes.replay(clock.now(), batch, onReplaySent)),
    delete: async (ids, options) => actOnIds(ids, options, 'delete dead letters', (batch) => writes.remove(batch)),
    async replayAll(options) {
      assertOpen();
      const total = countAll();
      // Only what was dead-lettered before the call: a replayed message that fails again is left for the next call.
      const lastSeq = read('read dead letters', () => toNumber(statements.maxSeq.get()?.['seq']));
      const tally: Tally = { done: [], failed: [] };
      const report = (): void => options?.onProgress?.({ done: tally.done.length, failed: tally.failed.length, total });
      for (;;) {
        const rows = read('read dead letters', () => statements.rowsUpTo.all(lastSeq, sqliteDeadLetterBatchSize).map((row) => toRow(row) as DeadLetterRow));
        // A row another process replayed or deleted meanwhile is simply gone: not this call's to report.
        if (rows.length === 0 || !inBatches(rows, tally, (batch) => writes.replay(clock.now(), batch, onReplaySent), { action: 'replay', missing: 'skip', report })) break;
      }
      if (total === 0) report();
      return tally;
    },
    async purge(options) {
      assertOpen();
      const total = countAll();
      let removed: number;
      try {
        removed = writes.purge();
      } catch (error) {
        throw toWriteError(error, path, 'purge dead letters');
      }
      options?.onProgress?.({ done: removed, failed: 0, total });
      return removed;
    },
    openCursor(): DeadLetterCursor {
      assertOpen();
      const state = { closed: false, lastSeq: 0 };
      cursors.add(state);
      return {
        async next() {
          if (state.closed) return undefined;
          const row = read('read dead letters', () => statements.after.get(state.lastSeq));
          if (row === undefined) return undefined;
          state.lastSeq = toNumber(row['seq']);
          return toDeadLetter(row);
        },
        async close() {
          state.closed = true;
          cursors.delete(state);
        },
      };
    },
    async close() {
      if (closed) return;
      for (const cursor of cursors) cursor.closed = true;
      cursors.clear();
      closed = true;
      db.close();
    },
  };
}
