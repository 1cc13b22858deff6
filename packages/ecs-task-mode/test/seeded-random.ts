/**
 * A small seeded generator for fuzz tests (fast-check is not a dependency): mulberry32, plus
 * helpers to pick, to build random JSON values and to mutate text. The seed is printed in
 * failure messages, so any failure replays exactly.
 */

/** Random choices from one seed. */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [0, max). */
  below(max: number): number;
  /** One of `items`. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A short random string, sometimes with control characters, quotes, NULs or astral characters. */
  string(maxLength?: number): string;
  /** A random JSON value, nested at most `depth` levels. */
  json(depth?: number): unknown;
}

/** Creates a generator from `seed`. */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '{', '}', '[', ']', ':', ',', '\n', '\0', 'é', '😀', '\u2028', '-', 'T', '.'];
  const string = (maxLength = 12): string => Array.from({ length: below(maxLength + 1) }, () => pick(alphabet)).join('');
  const json = (depth = 3): unknown => {
    const kind = below(depth > 0 ? 9 : 7);
    switch (kind) {
      case 0: return null;
      case 1: return next() < 0.5;
      case 2: return below(2000) - 1000;
      case 3: return pick([0.5, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 8.64e15 + 1]);
      case 4: return string();
      case 5: return pick(['STOPPED', 'RUNNING', '2026-03-02T10:17:35Z', 'not a time', '', 'aws.ecs', 'ECS Task State Change']);
      case 6: return pick([[], {}]);
      case 7: return Array.from({ length: below(4) }, () => json(depth - 1));
      default: return Object.fromEntries(Array.from({ length: below(4) }, () => [pick(['name', 'exitCode', 'lastStatus', 'container', 'x', '__proto__', string(5)]), json(depth - 1)]));
    }
  };
  return { next, below, pick, chance: (p) => next() < p, string, json };
}
