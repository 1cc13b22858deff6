/**
 * Opens (and creates) the queue's database file: parent folders, WAL mode, the busy
 * timeout and the schema. Any failure becomes one QUEUE_NOT_FOUND line naming the path.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { applySchema } from './schema.js';
import { toOpenError, toSqliteResultCode } from './sqlite-errors.js';

/** How to open the file. */
export interface OpenDatabaseOptions {
  /** Lock wait per statement, in ms. */
  readonly busyTimeoutMs: number;
  /** Open without write access (no folders, no schema). */
  readonly readOnly: boolean;
}

const cantOpen = 14;

/** Creates the file's folder; a path through a file gets a message that says so. */
function createFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    throw new Error(`${folder} cannot be a folder: a file is in the way (${(error as Error).message})`, { cause: error });
  }
}

/**
 * SQLite says only "unable to open database file": name the folder's problem (permission
 * denied, a read-only file system) when the folder cannot be written.
 */
function explainCantOpen(error: unknown, folder: string): unknown {
  if (toSqliteResultCode(error) !== cantOpen) return error;
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return error;
  } catch (accessError) {
    return new Error(`${(error as Error).message} (${(accessError as Error).message})`, { cause: error });
  }
}

/** Opens the queue file, creating it (and its folders) unless read-only. */
export function openDatabase(path: string, options: OpenDatabaseOptions): DatabaseSync {
  const folder = dirname(resolve(path));
  let db: DatabaseSync | undefined;
  try {
    if (!options.readOnly) createFolder(folder);
    db = new DatabaseSync(path, { readOnly: options.readOnly, timeout: options.busyTimeoutMs });
    if (!options.readOnly) {
      // WAL: readers never block the writer, and a commit appends to the log instead of
      // rewriting pages. The mode is stored in the file, so every process that opens it gets it.
      db.exec('PRAGMA journal_mode = WAL');
    }
    // NORMAL for claims, deletes and visibility changes: in WAL mode a commit survives a crash
    // of the process, and may be lost only on power loss, which at-least-once delivery
    // tolerates (a lost delete or claim means one more delivery). Sends switch to FULL.
    db.exec('PRAGMA synchronous = NORMAL');
    applySchema(db, path, options.readOnly);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    // CANTOPEN may come from the WAL pragma rather than the open: a WAL file's -shm and -wal
    // must be created beside it, which a read-only or locked folder refuses.
    throw toOpenError(explainCantOpen(error, folder), path);
  }
}
