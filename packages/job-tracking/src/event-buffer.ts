/**
 * A bounded first-in, first-out buffer: adding is O(1), and when it is full the oldest entry
 * makes room for the newest (a store outage loses the oldest history, never the latest).
 */

/** A bounded FIFO buffer. */
export interface EventBuffer<T> {
  /** Entries waiting. */
  readonly size: number;
  /** Adds `entry` at the back; returns how many old entries were dropped to make room (0 or 1). */
  push(entry: T): number;
  /** Removes and returns up to `count` entries from the front, oldest first. */
  take(count: number): T[];
  /** Puts `entries` back at the front (a write that failed); returns how many of the oldest were dropped to stay within the bound. */
  putBack(entries: readonly T[]): number;
}

/** Creates a buffer that holds at most `capacity` entries. */
export function createEventBuffer<T>(capacity: number): EventBuffer<T> {
  let entries: T[] = [];
  let head = 0;
  const size = (): number => entries.length - head;
  const compact = (): void => {
    // Dropped and taken entries leave holes at the front; reclaim them once they are the majority.
    if (head > 1024 && head * 2 > entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  };
  return {
    get size() {
      return size();
    },
    push(entry) {
      entries.push(entry);
      if (size() <= capacity) return 0;
      head += 1;
      compact();
      return 1;
    },
    take(count) {
      const taken = entries.slice(head, head + count);
      head += taken.length;
      compact();
      return taken;
    },
    putBack(returned) {
      const waiting = entries.slice(head);
      const all = [...returned, ...waiting];
      const dropped = Math.max(0, all.length - capacity);
      entries = all.slice(dropped);
      head = 0;
      return dropped;
    },
  };
}
