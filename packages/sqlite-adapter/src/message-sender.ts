/**
 * Sends: every body is checked before anything is stored, then the batch is inserted in one
 * transaction committed with `synchronous = FULL`.
 *
 * Why FULL for sends only: in WAL mode, NORMAL commits are safe against a process crash but
 * the newest ones can vanish on power loss, because the log is fsynced only at checkpoints.
 * For a claim, delete or visibility change that costs at most one extra delivery, which
 * at-least-once delivery allows. A send is different: the caller is told the message is
 * durable and may throw its only copy away, so the commit must reach the disk first. FULL
 * fsyncs the log at the commit (which also makes every earlier NORMAL commit durable). The
 * setting is per connection and may change only between transactions, hence the switch
 * around each send rather than FULL for everything (FULL claims are ~4x slower).
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { OutgoingMessage } from '@watchbot/core';
import { encodeBody } from './body-codec.js';
import { inImmediateTransaction } from './immediate-transaction.js';

/** Stores messages durably; returns their ids, in order. */
export type MessageSender = (nowMs: number, messages: readonly OutgoingMessage[]) => string[];

/** Creates the sender for `db`, limiting bodies to `maxBodyBytes` (UTF-8). */
export function createMessageSender(db: DatabaseSync, maxBodyBytes: number): MessageSender {
  const insert = db.prepare(
    'INSERT INTO messages (id, body, subject, group_id, sent_at_ms, visible_at_ms) VALUES (:id, :body, :subject, :groupId, :sentAt, :visibleAt)',
  );
  return (nowMs, messages) => {
    const bodies = messages.map((message, index) => encodeBody(message.body, maxBodyBytes, index));
    if (messages.length === 0) return [];
    db.exec('PRAGMA synchronous = FULL');
    try {
      return inImmediateTransaction(db, () =>
        messages.map((message, index) => {
          const id = randomUUID();
          insert.run({
            id,
            body: bodies[index] ?? new Uint8Array(),
            subject: message.subject ?? null,
            groupId: message.groupId ?? null,
            sentAt: nowMs,
            visibleAt: nowMs + (message.delaySeconds ?? 0) * 1000,
          });
          return id;
        }),
      );
    } finally {
      db.exec('PRAGMA synchronous = NORMAL');
    }
  };
}
