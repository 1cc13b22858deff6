/**
 * What this process knows about the receipt handles it received: until when each message is
 * invisible (measured on the injected clock from the moment the call was sent, so a little
 * before SQS's own count), whether it was handed back, whether it was deleted.
 *
 * Why: SQS answers a delete with a stale receipt handle with success — "the request succeeds,
 * but the message will not be deleted" when it was received again meanwhile — and it cannot
 * tell a message handed back to wait out a backoff from one still running. Knowing its own
 * leases lets the adapter report RECEIPT_EXPIRED truthfully and count returned messages as
 * delayed. Handles this process never received are passed to SQS unjudged.
 */
import type { Clock } from '@watchbot/core';

/** Where a receipt handle stands, as far as this process knows. */
export type LeaseState =
  /** Received here and still invisible. */
  | 'held'
  /** Received here, but its visibility timeout has passed: another consumer may hold the message now. */
  | 'expired'
  /** Deleted through this process. */
  | 'deleted'
  /** Never seen here (received by another process, or forgotten). */
  | 'unknown';

interface Lease {
  untilMs: number;
  returned: boolean;
  deleted: boolean;
}

/** The leases of one queue. */
export interface ReceiptLeases {
  /** Records a receive: invisible for `visibilityTimeoutSeconds` from `sinceMs` (ms since the epoch). */
  hold(receiptHandle: string, visibilityTimeoutSeconds: number, sinceMs: number): void;
  /** Records a visibility change made at `sinceMs`; `returned` marks a message handed back. */
  extend(receiptHandle: string, visibilityTimeoutSeconds: number, sinceMs: number, returned: boolean): void;
  /** Records a delete. */
  markDeleted(receiptHandle: string): void;
  /** Records that SQS called the handle invalid or expired. */
  markExpired(receiptHandle: string): void;
  /** Where the handle stands now. */
  stateOf(receiptHandle: string): LeaseState;
  /** How many messages this process handed back that are still waiting out their backoff. */
  countReturned(): number;
  /** How many messages received here are still being worked on: held, neither deleted nor handed back. */
  countInProgress(): number;
}

/**
 * Creates the lease table. It keeps every held lease, and up to `maxRemembered` leases in all:
 * past that, the oldest expired or deleted ones are forgotten (and become 'unknown').
 */
export function createReceiptLeases(clock: Clock, maxRemembered = 10_000): ReceiptLeases {
  const leases = new Map<string, Lease>();
  /** The handles that may be in progress: a small set (about the number of messages in flight), pruned when counted. */
  const active = new Set<string>();

  const isHeld = (lease: Lease, nowMs: number): boolean => !lease.deleted && lease.untilMs > nowMs;

  const remember = (receiptHandle: string, lease: Lease): void => {
    leases.delete(receiptHandle);
    leases.set(receiptHandle, lease);
    if (leases.size <= maxRemembered) return;
    const nowMs = clock.now();
    for (const [handle, old] of leases) {
      if (leases.size <= maxRemembered) break;
      if (!isHeld(old, nowMs)) leases.delete(handle);
    }
  };

  return {
    hold(receiptHandle, visibilityTimeoutSeconds, sinceMs) {
      remember(receiptHandle, { untilMs: sinceMs + visibilityTimeoutSeconds * 1000, returned: false, deleted: false });
      active.add(receiptHandle);
    },
    extend(receiptHandle, visibilityTimeoutSeconds, sinceMs, returned) {
      remember(receiptHandle, { untilMs: sinceMs + visibilityTimeoutSeconds * 1000, returned, deleted: false });
      if (!returned) active.add(receiptHandle);
    },
    markDeleted(receiptHandle) {
      remember(receiptHandle, { untilMs: 0, returned: false, deleted: true });
    },
    markExpired(receiptHandle) {
      const lease = leases.get(receiptHandle);
      if (lease !== undefined && !lease.deleted) lease.untilMs = Math.min(lease.untilMs, clock.now());
    },
    stateOf(receiptHandle) {
      const lease = leases.get(receiptHandle);
      if (lease === undefined) return 'unknown';
      if (lease.deleted) return 'deleted';
      return lease.untilMs > clock.now() ? 'held' : 'expired';
    },
    countInProgress() {
      const nowMs = clock.now();
      for (const handle of active) {
        const lease = leases.get(handle);
        if (lease === undefined || lease.returned || !isHeld(lease, nowMs)) active.delete(handle);
      }
      return active.size;
    },
    countReturned() {
      const nowMs = clock.now();
      let count = 0;
      for (const lease of leases.values()) if (lease.returned && isHeld(lease, nowMs)) count += 1;
      return count;
    },
  };
}
