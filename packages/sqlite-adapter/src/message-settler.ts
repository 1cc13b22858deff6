/**
 * Deletes and visibility changes by receipt handle. Each batch is one transaction (one
 * commit for up to ten entries); within it the entries are independent: a receipt that no
 * longer names the message's current receive fails its own entry with RECEIPT_EXPIRED.
 */
import type { DatabaseSync } from 'node:sqlite';
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { BatchResult, VisibilityChange } from '@watchbot/core';
import { inImmediateTransaction } from './immediate-transaction.js';

/** Settles received messages. */
export interface MessageSettler {
  /** Deletes by receipt; resolves which entries failed. */
  deleteMessages(receiptHandles: readonly string[]): BatchResult;
  /** Changes visibility from `nowMs`; resolves which entries failed. */
  changeVisibility(nowMs: number, changes: readonly VisibilityChange[]): BatchResult;
}

type Failure = BatchResult['failed'][number];

function expired(receiptHandle: string): Failure {
  return {
    receiptHandle,
    error: new WatchbotError(errorCodes.RECEIPT_EXPIRED, 'the receipt handle no longer names a message this consumer holds (it was received again, deleted or dead-lettered)'),
  };
}

/** Creates the settler for `db`, with its statements prepared once. */
export function createMessageSettler(db: DatabaseSync): MessageSettler {
  const remove = db.prepare('DELETE FROM messages WHERE receipt = ?');
  const change = db.prepare('UPDATE messages SET visible_at_ms = :visibleAt, returned = :returned WHERE receipt = :receipt');
  return {
    deleteMessages(receiptHandles) {
      if (receiptHandles.length === 0) return { failed: [] };
      const failed = inImmediateTransaction(db, () =>
        receiptHandles.filter((receipt) => remove.run(receipt).changes === 0).map(expired),
      );
      return { failed };
    },
    changeVisibility(nowMs, changes) {
      if (changes.length === 0) return { failed: [] };
      const failed = inImmediateTransaction(db, () =>
        changes
          .filter(
            ({ receiptHandle, visibilityTimeoutSeconds, returned }) =>
              change.run({ receipt: receiptHandle, visibleAt: nowMs + visibilityTimeoutSeconds * 1000, returned: returned === true ? 1 : 0 }).changes === 0,
          )
          .map(({ receiptHandle }) => expired(receiptHandle)),
      );
      return { failed };
    },
  };
}
