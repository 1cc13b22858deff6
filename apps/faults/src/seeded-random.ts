/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same kill moments and
 * the same fuzzed bodies on every run, so a failure can be replayed.
 */

/** Numbers in [0, 1) and the helpers the scenarios draw with. */
export interface SeededRandom {
  /** The seed it started from. */
  readonly seed: number;
  /** The next number in [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  integer(min: number, max: number): number;
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
}

/** Creates the source for `seed` (any 32-bit integer). */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    integer,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick: no items');
      return items[integer(0, items.length - 1)] as (typeof items)[number];
    },
    bytes: (length) => {
      const bytes = new Uint8Array(length);
      for (let index = 0; index < length; index += 1) bytes[index] = integer(0, 255);
      return bytes;
    },
  };
}

/**
 * The suite's seed: `FAULTS_SEED` when set (a whole number), else a fixed default, so that
 * `npm run test:faults` is reproducible and `FAULTS_SEED=… npm run test:faults` explores.
 * @throws Error naming FAULTS_SEED when it is not a whole number.
 */
export function readFaultSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['FAULTS_SEED'];
  if (raw === undefined || raw === '') return 20_261_123;
  if (!/^\d{1,10}$/.test(raw.trim()) || Number(raw) > 0xffff_ffff) {
    throw new Error(`FAULTS_SEED: ${JSON.stringify(raw)} is not valid; expected a whole number from 0 to 4294967295`);
  }
  return Number(raw);
}
