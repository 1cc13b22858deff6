/**
 * The queue port: what the watcher needs of a queue. Adapters (SQLite, SQS, the
 * in-memory fake) implement it; all of them pass the same contract suite.
 */

/** A message as the queue delivers it, before any envelope is unwrapped. */
export interface QueueMessage {
  /** The queue's id for the message (SQS MessageId); stable across receives. */
  readonly id: string;
  /** The body as sent: for an SNS-delivered message, the SNS envelope JSON. */
  readonly body: string;
  /** The token that names this receive; deletes and visibility changes need it. */
  readonly receiptHandle: string;
  /** How many times the message has been received, this receive included (1 on the first). */
  readonly receiveCount: number;
  /** When the message was sent, in ms since the Unix epoch. */
  readonly sentAtMs: number;
  /** When the message was first received, in ms since the Unix epoch. */
  readonly firstReceivedAtMs: number;
  /** The subject it was sent with, where the queue carries one (SNS subjects come in the envelope). */
  readonly subject?: string;
  /** The message group (FIFO queues): the queue never has two of one group in flight. */
  readonly groupId?: string;
  /**
   * Problems the adapter found while decoding the stored message (e.g. bytes that were not
   * valid UTF-8 and were replaced with U+FFFD). The watcher logs them; the message still runs.
   */
  readonly decodeWarnings?: readonly string[];
}

/** A message to send. */
export interface OutgoingMessage {
  /** The body: UTF-8 text, at most the queue's `maxBodyBytes`. */
  readonly body: string;
  /** An optional subject, handed to the worker as `Subject`. */
  readonly subject?: string;
  /** The message group, for FIFO ordering and exclusivity. */
  readonly groupId?: string;
  /** Seconds before the message first becomes visible (0 to 900). Default 0. */
  readonly delaySeconds?: number;
}

/** Options for one receive. */
export interface ReceiveOptions {
  /**
   * How long to wait for a first message when none is visible, in ms (a long poll).
   * 0 returns at once. Adapters may return earlier, never much later.
   */
  readonly waitMs: number;
  /** How long the received messages stay invisible to other consumers, in seconds. */
  readonly visibilityTimeoutSeconds: number;
  /** Aborting ends the wait early with whatever has been received (usually nothing). */
  readonly signal?: AbortSignal;
}

/** A visibility change for one received message. */
export interface VisibilityChange {
  /** The receipt handle of the receive being changed. */
  readonly receiptHandle: string;
  /** Seconds from now until the message is visible again (0 = at once). */
  readonly visibilityTimeoutSeconds: number;
  /**
   * True when the message is being handed back (a retry backoff or a release), false or absent
   * when a running message's invisibility is extended. Queues that can tell count a returned
   * message as delayed rather than in flight.
   */
  readonly returned?: boolean;
}

/** The per-entry result of a batch call: which receipt handles failed, and why. */
export interface BatchResult {
  /** Entries that failed, each with its receipt handle and a typed error. */
  readonly failed: readonly { readonly receiptHandle: string; readonly error: Error }[];
}

/** How many messages are where, as the queue counts them (approximate on SQS). */
export interface QueueCounts {
  /** Ready to be received now. */
  readonly visible: number;
  /** Received and not yet deleted or returned. */
  readonly inFlight: number;
  /** Waiting out a send delay or a retry backoff. */
  readonly delayed: number;
  /** In the dead-letter queue; undefined where the queue cannot tell. */
  readonly deadLettered?: number;
}

/** The size limits a queue enforces. */
export interface QueueLimits {
  /** The largest body the queue accepts, in bytes (UTF-8). SQS: 1,048,576. */
  readonly maxBodyBytes: number;
  /** The most messages one receive returns. SQS: 10. */
  readonly maxReceiveBatch: number;
  /** The most invisibility a message may have in total from its receive, in seconds. SQS: 43,200. */
  readonly maxVisibilitySeconds: number;
}

/** What the watcher needs of a queue. */
export interface Queue {
  /** The queue's limits, fixed for its lifetime. */
  readonly limits: QueueLimits;
  /**
   * Receives up to `maxMessages` (1 to `limits.maxReceiveBatch`) messages, making them
   * invisible for `visibilityTimeoutSeconds`. Resolves with none after `waitMs` when the
   * queue stays empty. Messages that exceed the redrive threshold are dead-lettered here.
   */
  receive(maxMessages: number, options: ReceiveOptions): Promise<QueueMessage[]>;
  /** Deletes received messages (acknowledges them). An expired receipt fails its entry only. */
  deleteMessages(receiptHandles: readonly string[]): Promise<BatchResult>;
  /** Changes the visibility of received messages. An expired receipt fails its entry only. */
  changeVisibility(changes: readonly VisibilityChange[]): Promise<BatchResult>;
  /** Sends messages; resolves with their ids once they are durable. */
  send(messages: readonly OutgoingMessage[]): Promise<string[]>;
  /** Counts the messages in each state. */
  getCounts(): Promise<QueueCounts>;
  /** Releases resources (connections, handles). The queue is unusable afterwards. */
  close(): Promise<void>;
}
