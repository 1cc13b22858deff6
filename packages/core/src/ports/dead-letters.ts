/**
 * The dead-letter port: what operator tools (the `watchbot dead-letter` command, the
 * dashboard) need of a dead-letter queue. The SQLite adapter keeps dead letters in a table
 * beside its queue; on SQS they are a second queue named by the work queue's redrive policy.
 */

/** A message that was received too many times without succeeding, as the dead-letter queue holds it. */
export interface DeadLetter {
  /** The message id it had in the work queue (on SQS, the id SQS kept when moving it). */
  readonly id: string;
  /** The body as sent: for an SNS-delivered message, the SNS envelope JSON. */
  readonly body: string;
  /** The subject it was sent with, if any. */
  readonly subject?: string;
  /** Its message group (FIFO), if any. */
  readonly groupId?: string;
  /** When it was first sent, in ms since the Unix epoch. */
  readonly sentAtMs: number;
  /** How many times it was received before being dead-lettered (on SQS, receives of the DLQ copy are counted too). */
  readonly receiveCount: number;
  /** When it was moved to the dead letters, in ms since the Unix epoch, where the queue records it. */
  readonly deadLetteredAtMs?: number;
}

/** What a bulk action did: which ids it acted on, and which failed and why. */
export interface DeadLetterActionResult {
  /** Ids acted on (replayed to the work queue, or deleted). */
  readonly done: readonly string[];
  /** Ids that could not be acted on (not found, or an error), each with a typed error. */
  readonly failed: readonly { readonly id: string; readonly error: Error }[];
}

/**
 * A dead-letter queue as operators act on it. Replay sends a message back to the work queue
 * first and removes it from the dead letters second, so a crash between the two may duplicate
 * a message but never lose one.
 */
export interface DeadLetterQueue {
  /** How many messages are dead-lettered (approximate on SQS). */
  count(): Promise<number>;
  /** Up to `limit` dead letters, oldest first where the queue can tell; messages stay in place. */
  list(limit: number): Promise<DeadLetter[]>;
  /** One dead letter by id, or undefined when there is none with that id. */
  get(id: string): Promise<DeadLetter | undefined>;
  /** Sends these dead letters back to the work queue (same body, subject and group), then removes them. */
  replay(ids: readonly string[]): Promise<DeadLetterActionResult>;
  /** Removes these dead letters for good. */
  delete(ids: readonly string[]): Promise<DeadLetterActionResult>;
  /** Removes every dead letter; resolves with how many were removed (approximate on SQS). */
  purge(): Promise<number>;
  /** Releases connections and handles. */
  close(): Promise<void>;
}
