/**
 * Waiting on real processes: poll a condition until it holds or a deadline passes. The suite
 * never sleeps to let something happen; it waits for the thing itself, with a deadline.
 */

/** How to wait for a condition. */
export interface WaitOptions {
  /** Give up after this long, in ms. */
  readonly timeoutMs: number;
  /** What is awaited, for the error: "the watcher to exit". */
  readonly what: string;
  /** Time between checks, in ms. Default 25. */
  readonly intervalMs?: number;
}

/**
 * Resolves with the first truthy value `check` returns; rejects after `timeoutMs` with an
 * error naming `what`.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions): Promise<NonNullable<T>> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await pause(options.intervalMs ?? 25);
  }
}

/**
 * Resolves after `ms`. Only for a fault's own length (an outage, a kill moment) — never to
 * let a condition come true.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves with `promise`, or rejects after `timeoutMs` with an error naming `what` — a
 * function is called at the deadline, so the error can say how far things had got.
 */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string | (() => string)): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeUp]);
  } finally {
    clearTimeout(timer);
  }
}
