/**
 * `dead-letter write-out`: every dead letter as one JSON object per line (NDJSON), to standard
 * output or to a new file, walking them with a cursor so nothing is held in memory; the dead
 * letters stay where they are.
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DeadLetterQueue } from '@watchbot/core';
import type { CliIo } from './cli-io.js';
import { toDeadLetterRecord } from './format-dead-letter.js';
import { UsageError, toOneLine } from './usage-error.js';

/**
 * Writes every dead letter to `file` (created; never overwritten), or to stdout when undefined.
 * @returns how many were written.
 * @throws UsageError when the file exists or cannot be created.
 */
export async function writeOutDeadLetters(deadLetters: DeadLetterQueue, file: string | undefined, io: CliIo): Promise<number> {
  const handle = file === undefined ? undefined : await createFile(resolve(io.cwd, file), file);
  const write = handle === undefined ? async (text: string) => void io.stdout.write(text) : async (text: string) => void (await handle.write(text));
  let written = 0;
  const cursor = deadLetters.openCursor();
  try {
    for (let letter = await cursor.next(); letter !== undefined; letter = await cursor.next()) {
      await write(`${JSON.stringify(toDeadLetterRecord(letter))}\n`);
      written += 1;
    }
  } finally {
    await cursor.close();
    await handle?.close();
  }
  return written;
}

async function createFile(path: string, asGiven: string) {
  try {
    // 'wx': never overwrite — an older write-out may be the only copy of purged messages.
    return await open(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'the file already exists (choose a new name, or remove it first)' : toOneLine(error);
    throw new UsageError(`--file: cannot create ${JSON.stringify(asGiven)}: ${why}`, { cause: error });
  }
}
