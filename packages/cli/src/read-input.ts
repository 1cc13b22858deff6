/** Reads the whole of a file, or of standard input when the name is "-", as bytes. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { WatchbotError, errorCodes } from '@watchbot/core';

/**
 * Reads `name` (resolved against `cwd`), or all of `stdin` when `name` is "-".
 * @param option the flag that named it, for the error, e.g. "--from".
 * @throws WatchbotError INVALID_OPTION when the file cannot be read (one line with the reason).
 */
export async function readInput(name: string, option: string, cwd: string, stdin: Readable): Promise<Buffer> {
  if (name === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(cwd, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new WatchbotError(errorCodes.INVALID_OPTION, `${option}: cannot read ${JSON.stringify(name)}: ${reason}`, { cause: error });
  }
}
