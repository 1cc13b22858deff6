/**
 * The receive's one write: in a single short IMMEDIATE transaction, dead-letter the
 * messages that have used up their receives, then claim the oldest eligible messages with
 * one `UPDATE … WHERE seq IN (SELECT … LIMIT n) RETURNING …`. The transaction holds the
 * write lock, so two processes claiming from one file never claim the same message.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { QueueMessage } from '@watchbot/core';
import { decodeBody } from './body-codec.js';
import { inImmediateTransaction } from './immediate-transaction.js';
import { toNumber, toOptionalString } from './row-values.js';

/** Claims up to `maxMessages` messages at `nowMs`, invisible for `visibilityTimeoutSeconds`. */
export type MessageClaimer = (nowMs: number, maxMessages: number, visibilityTimeoutSeconds: number) => QueueMessage[];

// Copies, in send order, every visible message whose receives are used up (SQS's redrive).
// INDEXED BY: left to itself the planner walks the whole table in seq order to skip the sort.
const deadLetterSql = `
INSERT INTO dead_letters (id, subject, group_id, sent_at_ms, first_received_at_ms, receive_count, dead_lettered_at_ms, body)
SELECT id, subject, group_id, sent_at_ms, first_received_at_ms, receive_count, :now, body FROM messages INDEXED BY messages_by_receives
WHERE receive_count >= :maxReceives AND visible_at_ms <= :now ORDER BY seq`;
const dropDeadSql = 'DELETE FROM messages INDEXED BY messages_by_receives WHERE receive_count >= :maxReceives AND visible_at_ms <= :now';

// The candidates are the oldest visible ungrouped messages, plus each group's oldest message
// when it is visible. Only a group's oldest can be delivered, and it stays the oldest until it
// is deleted or dead-lettered, so a group with a message in flight or backing off has an
// invisible oldest message and offers nothing: one batch never holds two messages of a group.
// Ungrouped messages are read in rowid (send) order, NOT INDEXED: through the visibility index
// the planner would sort every visible message for each claim (15.7 ms with 100,000 waiting,
// against 0.005 ms in rowid order, which stops at the first `limit` visible rows).
// The groups are walked one index seek each (the recursive CTE), not message by message,
// so a long backlog in one blocked group costs nothing per receive.
const claimSql = `
UPDATE messages SET
  receive_count = receive_count + 1,
  first_received_at_ms = coalesce(first_received_at_ms, :now),
  visible_at_ms = :visibleAt,
  receipt = lower(hex(randomblob(16))),
  returned = 0
WHERE seq IN (
  WITH RECURSIVE groups (id) AS (
    SELECT min(group_id) FROM messages WHERE group_id IS NOT NULL
    UNION ALL
    SELECT (SELECT min(group_id) FROM messages WHERE group_id > groups.id) FROM groups WHERE groups.id IS NOT NULL
  )
  SELECT seq FROM (SELECT seq FROM messages NOT INDEXED WHERE group_id IS NULL AND visible_at_ms <= :now ORDER BY seq LIMIT :limit)
  UNION ALL
  SELECT m.seq FROM groups JOIN messages m ON m.seq = (SELECT min(seq) FROM messages WHERE group_id = groups.id)
  WHERE m.visible_at_ms <= :now
  ORDER BY 1 LIMIT :limit)
RETURNING seq, id, CAST(body AS BLOB) AS body, subject, group_id, sent_at_ms, first_received_at_ms, receive_count, receipt`;

/** Creates the claimer for `db`, with its statements prepared once. */
export function createMessageClaimer(db: DatabaseSync, maxReceives: number): MessageClaimer {
  const deadLetter = db.prepare(deadLetterSql);
  const dropDead = db.prepare(dropDeadSql);
  const claim = db.prepare(claimSql);
  return (nowMs, maxMessages, visibilityTimeoutSeconds) => {
    const rows = inImmediateTransaction(db, () => {
      if (deadLetter.run({ now: nowMs, maxReceives }).changes > 0) dropDead.run({ now: nowMs, maxReceives });
      return claim.all({ now: nowMs, visibleAt: nowMs + visibilityTimeoutSeconds * 1000, limit: maxMessages });
    });
    // RETURNING gives rows in no promised order: restore send order.
    rows.sort((a, b) => toNumber(a['seq']) - toNumber(b['seq']));
    return rows.map((row) => {
      const { body, warnings } = decodeBody(row['body']);
      const subject = toOptionalString(row['subject']);
      const groupId = toOptionalString(row['group_id']);
      return {
        id: String(row['id']),
        body,
        receiptHandle: String(row['receipt']),
        receiveCount: toNumber(row['receive_count']),
        sentAtMs: toNumber(row['sent_at_ms']),
        firstReceivedAtMs: toNumber(row['first_received_at_ms']),
        ...(subject !== undefined && { subject }),
        ...(groupId !== undefined && { groupId }),
        ...(warnings !== undefined && { decodeWarnings: warnings }),
      };
    });
  };
}
