/**
 * Reading the dead-letter table: messages that were received `maxReceives` times without
 * being deleted. They stay until removed by hand (there is no 14-day retention as on SQS).
 */
import type { DatabaseSync } from 'node:sqlite';
import { decodeBody } from './body-codec.js';
import { toNumber, toOptionalString, toText } from './row-values.js';

/** A message moved to the dead-letter table. */
export interface DeadLetter {
  /** The message id it had in the queue. */
  readonly id: string;
  /** The body as sent. */
  readonly body: string;
  /** The subject it was sent with, if any. */
  readonly subject?: string;
  /** Its message group, if any. */
  readonly groupId?: string;
  /** When it was sent, in ms since the Unix epoch. */
  readonly sentAtMs: number;
  /** When it was first received, in ms since the Unix epoch (absent if it never was). */
  readonly firstReceivedAtMs?: number;
  /** How many times it was received. */
  readonly receiveCount: number;
  /** When it was moved to the dead-letter table, in ms since the Unix epoch. */
  readonly deadLetteredAtMs: number;
  /** Set when the stored body was not valid UTF-8 and was decoded lossily. */
  readonly decodeWarnings?: readonly string[];
}

/** Reads up to `limit` dead letters, oldest first. */
export function readDeadLetters(db: DatabaseSync, limit: number): DeadLetter[] {
  const rows = db
    .prepare(
      `SELECT id, CAST(body AS BLOB) AS body, subject, group_id, sent_at_ms, first_received_at_ms, receive_count, dead_lettered_at_ms
       FROM dead_letters ORDER BY seq LIMIT ?`,
    )
    .all(limit);
  return rows.map((row) => {
    const { body, warnings } = decodeBody(row['body']);
    const subject = toOptionalString(row['subject']);
    const groupId = toOptionalString(row['group_id']);
    const firstReceived = row['first_received_at_ms'];
    return {
      id: toText(row['id']),
      body,
      ...(subject !== undefined && { subject }),
      ...(groupId !== undefined && { groupId }),
      sentAtMs: toNumber(row['sent_at_ms']),
      ...(firstReceived !== null && firstReceived !== undefined && { firstReceivedAtMs: toNumber(firstReceived) }),
      receiveCount: toNumber(row['receive_count']),
      deadLetteredAtMs: toNumber(row['dead_lettered_at_ms']),
      ...(warnings !== undefined && { decodeWarnings: warnings }),
    };
  });
}
