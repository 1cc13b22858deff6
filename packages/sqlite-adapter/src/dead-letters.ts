/**
 * Reading the dead-letter table: messages that were received `maxReceives` times without
 * being deleted. They stay until removed by hand (there is no 14-day retention as on SQS).
 */
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { DeadLetter as CoreDeadLetter } from '@watchbot/core';
import { decodeBody } from './body-codec.js';
import { toNumber, toOptionalString, toText } from './row-values.js';

/** A message moved to the dead-letter table: core's {@link CoreDeadLetter}, with what only the table records. */
export interface DeadLetter extends CoreDeadLetter {
  /** When it was moved to the dead-letter table, in ms since the Unix epoch: always recorded here. */
  readonly deadLetteredAtMs: number;
  /** Set when the stored body was not valid UTF-8 and was decoded lossily. */
  readonly decodeWarnings?: readonly string[];
}

/** The columns a dead letter is read from, `seq` included (the dead-lettering order). */
export const deadLetterColumns =
  'seq, id, CAST(body AS BLOB) AS body, subject, group_id, sent_at_ms, first_received_at_ms, receive_count, dead_lettered_at_ms';

/** A row of `dead_letters`, read with {@link deadLetterColumns}, as a dead letter. */
export function toDeadLetter(row: Record<string, SQLOutputValue>): DeadLetter {
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
}

/** Reads up to `limit` dead letters, oldest first. */
export function readDeadLetters(db: DatabaseSync, limit: number): DeadLetter[] {
  return db.prepare(`SELECT ${deadLetterColumns} FROM dead_letters ORDER BY seq LIMIT ?`).all(limit).map(toDeadLetter);
}
