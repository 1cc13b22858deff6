/** The SQLite queue passes the same contract suite as the memory queue, on a real file. */
import { join } from 'node:path';
import { describeQueueContract } from '@watchbot/testing';
import { openSqliteQueue } from '../src/index.js';
import { createTempFolder } from './temp-queue-file.js';

describeQueueContract('the SQLite queue', async ({ clock, maxReceives }) => {
  const folder = await createTempFolder();
  const queue = openSqliteQueue({ path: join(folder.dir, 'queue.db'), clock, maxReceives });
  return { queue, cleanup: folder.remove };
});
