/**
 * An in-memory queue with the same semantics as the SQLite and SQS adapters: visibility
 * timeouts, receive counts, dead-lettering after `maxReceives`, FIFO message groups and
 * send delays. It passes the queue contract suite, so tests of the watcher can trust it.
 */
import { randomUUID } from 'node:crypto';
import { WatchbotError, errorCodes } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { BatchResult, OutgoingMessage, Queue, QueueCounts, QueueLimits, QueueMessage, ReceiveOptions, VisibilityChange } from '../ports/queue.js';
import { sqsLimits } from '../queue-limits.js';
import { createSystemClock } from '../system-clock.js';

/** Options for {@link createMemoryQueue}. */
export interface MemoryQueueOptions {
  /** The clock visibility is measured on. Default: the system clock. */
  readonly clock?: Clock;
  /** Receives after which a message is dead-lettered instead of delivered again. Default 10. */
  readonly maxReceives?: number;
  /** Limits to enforce. Default: SQS's (1 MiB bodies, 10 per receive, 12 h visibility). */
  readonly limits?: Partial<QueueLimits>;
}

/** A message as the memory queue stores it. */
export interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly subject?: string;
  readonly groupId?: string;
  readonly sentAtMs: number;
  readonly sequence: number;
  firstReceivedAtMs?: number;
  receiveCount: number;
  visibleAtMs: number;
  receiptHandle?: string;
  /** True while it waits out a backoff after being handed back (counted as delayed, not in flight). */
  returned: boolean;
}

/** The in-memory queue, with read access to its state for tests. */
export interface MemoryQueue extends Queue {
  /** Messages moved to the dead-letter store, oldest first. */
  deadLetters(): readonly StoredMessage[];
  /** Messages still in the queue (any state), in send order. */
  messages(): readonly StoredMessage[];
}

/** Creates an in-memory queue. */
export function createMemoryQueue(options: MemoryQueueOptions = {}): MemoryQueue {
  const clock = options.clock ?? createSystemClock();
  const maxReceives = options.maxReceives ?? 10;
  const limits: QueueLimits = { ...sqsLimits, ...options.limits };
  const stored: StoredMessage[] = [];
  const dead: StoredMessage[] = [];
  const waiters = new Set<() => void>();
  let sequence = 0;
  let closed = false;

  const wakeWaiters = (): void => {
    for (const wake of [...waiters]) wake();
  };

  const findByReceipt = (receiptHandle: string): StoredMessage | undefined =>
    stored.find((message) => message.receiptHandle === receiptHandle);

  const claim = (maxMessages: number, visibilityTimeoutSeconds: number): QueueMessage[] => {
    const now = clock.now();
    const exhausted = stored.filter((message) => message.visibleAtMs <= now && message.receiveCount >= maxReceives);
    for (const message of exhausted) {
      stored.splice(stored.indexOf(message), 1);
      dead.push(message);
    }
    const busyGroups = new Set(stored.filter((m) => m.groupId !== undefined && m.visibleAtMs > now && m.receiveCount > 0).map((m) => m.groupId));
    const seenGroups = new Set<string>();
    const claimed: QueueMessage[] = [];
    for (const message of stored) {
      if (claimed.length >= maxMessages) break;
      if (message.groupId !== undefined) {
        // Only a group's oldest message is eligible, and only when none of the group is in flight.
        if (seenGroups.has(message.groupId)) continue;
        seenGroups.add(message.groupId);
        if (busyGroups.has(message.groupId)) continue;
      }
      if (message.visibleAtMs > now) continue;
      message.receiveCount += 1;
      message.firstReceivedAtMs ??= now;
      message.visibleAtMs = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = randomUUID();
      message.returned = false;
      claimed.push({
        id: message.id,
        body: message.body,
        receiptHandle: message.receiptHandle,
        receiveCount: message.receiveCount,
        sentAtMs: message.sentAtMs,
        firstReceivedAtMs: message.firstReceivedAtMs,
        ...(message.subject !== undefined && { subject: message.subject }),
        ...(message.groupId !== undefined && { groupId: message.groupId }),
      });
    }
    return claimed;
  };

  const nextVisibleInMs = (): number | undefined => {
    const now = clock.now();
    const future = stored.filter((m) => m.visibleAtMs > now).map((m) => m.visibleAtMs - now);
    return future.length === 0 ? undefined : Math.min(...future);
  };

  const expired = (receiptHandle: string): { receiptHandle: string; error: Error } => ({
    receiptHandle,
    error: new WatchbotError(errorCodes.RECEIPT_EXPIRED, 'the receipt handle no longer names a message this consumer holds'),
  });

  return {
    limits,
    async receive(maxMessages: number, receiveOptions: ReceiveOptions): Promise<QueueMessage[]> {
      const count = Math.max(1, Math.min(maxMessages, limits.maxReceiveBatch));
      const deadlineMs = clock.now() + receiveOptions.waitMs;
      for (;;) {
        const claimed = claim(count, receiveOptions.visibilityTimeoutSeconds);
        const remainingMs = deadlineMs - clock.now();
        if (claimed.length > 0 || remainingMs <= 0 || receiveOptions.signal?.aborted || closed) return claimed;
        await new Promise<void>((resolve) => {
          const waitMs = Math.min(remainingMs, nextVisibleInMs() ?? remainingMs);
          const done = (): void => {
            clock.clearTimeout(timer);
            waiters.delete(done);
            receiveOptions.signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = clock.setTimeout(done, waitMs);
          waiters.add(done);
          receiveOptions.signal?.addEventListener('abort', done, { once: true });
        });
      }
    },
    async deleteMessages(receiptHandles: readonly string[]): Promise<BatchResult> {
      const failed = [];
      for (const receiptHandle of receiptHandles) {
        const message = findByReceipt(receiptHandle);
        if (message === undefined) failed.push(expired(receiptHandle));
        else stored.splice(stored.indexOf(message), 1);
      }
      if (failed.length < receiptHandles.length) wakeWaiters();
      return { failed };
    },
    async changeVisibility(changes: readonly VisibilityChange[]): Promise<BatchResult> {
      const failed = [];
      const now = clock.now();
      for (const change of changes) {
        const message = findByReceipt(change.receiptHandle);
        if (message === undefined) {
          failed.push(expired(change.receiptHandle));
          continue;
        }
        message.visibleAtMs = now + change.visibilityTimeoutSeconds * 1000;
        message.returned = change.returned === true;
      }
      wakeWaiters();
      return { failed };
    },
    async send(messages: readonly OutgoingMessage[]): Promise<string[]> {
      for (const message of messages) {
        const bytes = Buffer.byteLength(message.body, 'utf8');
        if (bytes > limits.maxBodyBytes) {
          throw new WatchbotError(errorCodes.MESSAGE_TOO_LARGE, `a message body is ${bytes} bytes; the queue accepts at most ${limits.maxBodyBytes}`);
        }
      }
      const now = clock.now();
      const ids = messages.map((message) => {
        const id = randomUUID();
        stored.push({
          id,
          body: message.body,
          ...(message.subject !== undefined && { subject: message.subject }),
          ...(message.groupId !== undefined && { groupId: message.groupId }),
          sentAtMs: now,
          sequence: sequence++,
          receiveCount: 0,
          visibleAtMs: now + (message.delaySeconds ?? 0) * 1000,
          returned: false,
        });
        return id;
      });
      wakeWaiters();
      return ids;
    },
    async getCounts(): Promise<QueueCounts> {
      const now = clock.now();
      let visible = 0;
      let inFlight = 0;
      let delayed = 0;
      for (const message of stored) {
        if (message.visibleAtMs <= now) visible++;
        else if (message.receiveCount === 0 || message.returned) delayed++;
        else inFlight++;
      }
      return { visible, inFlight, delayed, deadLettered: dead.length };
    },
    async close() {
      closed = true;
      wakeWaiters();
    },
    deadLetters: () => [...dead],
    messages: () => [...stored],
  };
}
