/** A fixed-capacity ring of chart points: the newest `capacity` are kept, the oldest dropped. */

/** A bounded, oldest-first history. */
export interface PointRing<T> {
  /** Adds a point, dropping the oldest once `capacity` are held. */
  push(point: T): void;
  /** The points held, oldest first. */
  toArray(): T[];
  /** How many points are held. */
  readonly size: number;
}

/** Creates a ring holding at most `capacity` (≥ 1) points. */
export function createPointRing<T>(capacity: number): PointRing<T> {
  const slots: T[] = [];
  let next = 0;
  return {
    push(point) {
      if (slots.length < capacity) slots.push(point);
      else slots[next] = point;
      next = (next + 1) % capacity;
    },
    toArray: () => (slots.length < capacity ? [...slots] : [...slots.slice(next), ...slots.slice(0, next)]),
    get size() {
      return slots.length;
    },
  };
}
