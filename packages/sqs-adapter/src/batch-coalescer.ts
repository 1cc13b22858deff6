/**
 * Coalescing: entries from concurrent callers (each running message deletes or extends its own
 * receipt) share batch calls of at most `maxEntries`. A call goes out as soon as `maxEntries`
 * are pending, when no other entry can be expected, or `windowMs` after the first pending entry
 * on the injected clock — so an entry waits at most `windowMs`. Each caller gets the results of
 * its own entries.
 */
import type { Clock, TimerHandle } from '@watchbot/core';

/** Batches entries of type `E` into calls that yield one result `R` per entry. */
export interface BatchCoalescer<E, R> {
  /**
   * Queues `entries`; resolves with their results, in order, once their calls have returned.
   * Never rejects. `urgent` sends everything pending at once instead of waiting for the window.
   */
  add(entries: readonly E[], urgent?: boolean): Promise<R[]>;
  /** Sends everything pending now and waits for every call in flight. */
  flush(): Promise<void>;
}

/** How a coalescer sends and times its calls. */
export interface BatchCoalescerOptions<E, R> {
  /** The clock the window is measured on. */
  readonly clock: Clock;
  /** How long a pending entry may wait for company, in ms. 0: only entries added in the same tick share a call. */
  readonly windowMs: number;
  /** The most entries one call takes (10 for SQS's batch APIs). */
  readonly maxEntries: number;
  /** Makes one call; resolves with one result per entry, in order. */
  readonly send: (entries: E[]) => Promise<R[]>;
  /** The results for every entry of a call that failed as a whole. */
  readonly onCallError: (error: unknown, entries: readonly E[]) => R[];
  /**
   * True when no other entry can be expected soon (every message this process holds already has
   * one pending): the pending entries are then sent at once, since waiting would only add delay.
   */
  readonly nothingMoreExpected?: (pendingCount: number) => boolean;
}

interface Pending<E, R> {
  readonly entry: E;
  readonly resolve: (result: R) => void;
}

/** Creates a coalescer. */
export function createBatchCoalescer<E, R>(options: BatchCoalescerOptions<E, R>): BatchCoalescer<E, R> {
  const { clock, windowMs, maxEntries } = options;
  let pending: Pending<E, R>[] = [];
  let timer: TimerHandle | undefined;
  let microtaskQueued = false;
  const inFlight = new Set<Promise<void>>();

  const dispatch = (batch: Pending<E, R>[]): void => {
    const entries = batch.map((item) => item.entry);
    const call = options
      .send(entries)
      .catch((error: unknown) => options.onCallError(error, entries))
      .then((results) => batch.forEach((item, index) => item.resolve(results[index] as R)))
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  };

  const sendPending = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    while (pending.length > 0) dispatch(pending.splice(0, maxEntries));
  };

  const schedule = (): void => {
    if (windowMs > 0) {
      timer ??= clock.setTimeout(sendPending, windowMs);
    } else if (!microtaskQueued) {
      microtaskQueued = true;
      queueMicrotask(() => {
        microtaskQueued = false;
        sendPending();
      });
    }
  };

  return {
    add(entries, urgent = false) {
      const results = entries.map((entry) => new Promise<R>((resolve) => pending.push({ entry, resolve })));
      while (pending.length >= maxEntries) dispatch(pending.splice(0, maxEntries));
      if (urgent || (pending.length > 0 && options.nothingMoreExpected?.(pending.length) === true)) sendPending();
      else if (pending.length > 0) schedule();
      return Promise.all(results);
    },
    async flush() {
      sendPending();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
