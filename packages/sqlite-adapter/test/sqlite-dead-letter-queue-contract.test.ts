/** The SQLite dead letters pass the dead-letter queue contract, on a real file with the queue's own redrive. */
import { join } from 'node:path';
import { describeDeadLetterQueueContract } from '@watchbot/testing';
import { openSqliteDeadLetterQueue, openSqliteQueue } from '../src/index.js';
import { createTempFolder } from './temp-queue-file.js';

describeDeadLetterQueueContract('the SQLite dead letters', async ({ clock, maxReceives, onReplaySent }) => {
  const folder = await createTempFolder();
  const path = join(folder.dir, 'queue.db');
  const queue = openSqliteQueue({ path, clock, maxReceives });
  const open = () => openSqliteDeadLetterQueue({ path, clock, onReplaySent });
  return { queue, deadLetters: open(), reopen: async () => open(), cleanup: folder.remove };
});
