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
  /** When it was first received, in ms since the Unix epoch, where the queue records it. */
  readonly firstReceivedAtMs?: number;
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

/** How far a bulk action has got, reported after each batch. */
export interface DeadLetterProgress {
  /** Dead letters acted on so far. */
  readonly done: number;
  /** Dead letters that failed so far. */
  readonly failed: number;
  /** How many the action expects to handle in all (approximate on SQS for `replayAll` and `purge`). */
  readonly total: number;
}

/** Options of the bulk actions. */
export interface DeadLetterActionOptions {
  /** Called after each batch (SQS: every 10 messages) with the running totals; for progress bars. */
  readonly onProgress?: (progress: DeadLetterProgress) => void;
}

/**
 * A walk through the dead letters, one at a time, for triage and for writing them all out.
 * Each dead letter is met once. On SQS the letters met are held invisible until the walk is
 * closed (or their hold expires), so the walk can move on past them; `replay` and `delete` of
 * a held letter act on it at once, without searching the queue again.
 */
export interface DeadLetterCursor {
  /** The next dead letter this walk has not met yet, oldest first where the queue can tell; undefined at the end. */
  next(): Promise<DeadLetter | undefined>;
  /** Ends the walk. On SQS, the letters met and not acted on become visible again at once. */
  close(): Promise<void>;
}

/**
 * A dead-letter queue as operators act on it. Replay sends a message back to the work queue
 * first and removes it from the dead letters second, so a crash between the two may duplicate
 * a message but never lose one. Listing and reading leave every message in place.
 */
export interface DeadLetterQueue {
  /** How many messages are dead-lettered (approximate on SQS). */
  count(): Promise<number>;
  /** Up to `limit` dead letters, oldest first where the queue can tell; messages stay in place. */
  list(limit: number): Promise<DeadLetter[]>;
  /** One dead letter by id, or undefined when there is none with that id. */
  get(id: string): Promise<DeadLetter | undefined>;
  /**
   * Sends these dead letters back to the work queue (same body, subject and group), then
   * removes them. An id that is not a dead letter fails alone, with MESSAGE_NOT_FOUND.
   */
  replay(ids: readonly string[], options?: DeadLetterActionOptions): Promise<DeadLetterActionResult>;
  /**
   * Replays every message that was dead-lettered when the call started, in batches, without
   * listing them first. A replayed message that is dead-lettered again during the call is
   * left for the next call, so a worker that still fails cannot make this loop forever.
   */
  replayAll(options?: DeadLetterActionOptions): Promise<DeadLetterActionResult>;
  /** Removes these dead letters for good. An id that is not a dead letter fails alone, with MESSAGE_NOT_FOUND. */
  delete(ids: readonly string[], options?: DeadLetterActionOptions): Promise<DeadLetterActionResult>;
  /** Removes every dead letter; resolves with how many were removed. */
  purge(options?: DeadLetterActionOptions): Promise<number>;
  /** Starts a walk through the dead letters, one at a time (see {@link DeadLetterCursor}). */
  openCursor(): DeadLetterCursor;
  /** Releases connections and handles (closing any open cursor first). */
  close(): Promise<void>;
}
