/** The ProgressStore contract on the SQLite store (a temporary file), and its own edges. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReduceModeError, openSqliteProgressStore } from '../src/index.js';
import { describeProgressStoreContract } from './progress-store-contract.js';
import { createTempFolder } from './temp-folder.js';
import type { TempFolder } from './temp-folder.js';

let folder: TempFolder;
beforeAll(async () => {
  folder = await createTempFolder();
});
afterAll(async () => {
  await folder.remove();
});

describeProgressStoreContract('SQLite', async (clock) => openSqliteProgressStore({ path: join(folder.dir, 'nested', 'progress.db'), clock }));

describe('openSqliteProgressStore', () => {
  it('keeps progress across reopening the file', async () => {
    const path = join(folder.dir, 'reopen.db');
    const first = openSqliteProgressStore({ path });
    await first.setTotal('reopened', 2);
    await first.completePart('reopened', 1);
    await first.close();
    const second = openSqliteProgressStore({ path });
    expect(await second.completePart('reopened', 2)).toEqual({ completedJob: true, progress: 1 });
    await second.close();
  });

  it('reports a path it cannot create as STORE_UNAVAILABLE naming the path', async () => {
    const blocker = join(folder.dir, 'a-file');
    const first = openSqliteProgressStore({ path: blocker });
    await first.close();
    const path = join(blocker, 'progress.db');
    let error: unknown;
    try {
      openSqliteProgressStore({ path });
    } catch (caught) {
      error = caught;
    }
    expect(isReduceModeError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toContain(path);
  });

  it('rejects a negative busy timeout with INVALID_OPTION', () => {
    expect(() => openSqliteProgressStore({ path: join(folder.dir, 'x.db'), busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs: -1 is not valid/);
  });
});
