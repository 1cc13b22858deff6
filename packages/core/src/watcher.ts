/**
 * The watcher loop: receive only as many messages as there are free worker slots, run each,
 * keep it invisible while it runs, settle it by its outcome, and stop gracefully.
 */
import type { Outcome } from './outcomes.js';
import type { WatcherOptions } from './watcher-options.js';

/** Why `run()` ended, and what was settled. */
export interface WatcherSummary {
  /** `empty`: exitWhenEmpty and nothing left; `stopped`: stop() was called; `max-messages`: maxMessages reached. */
  readonly reason: 'empty' | 'stopped' | 'max-messages';
  /** How many messages ended in each outcome. */
  readonly settled: Readonly<Record<Outcome, number>>;
}

/** A running watcher. */
export interface Watcher {
  /**
   * Receives and runs messages until stopped, empty (exitWhenEmpty) or maxMessages is reached.
   * Rejects only on a fatal queue error (QUEUE_NOT_FOUND): transient errors are retried with backoff.
   */
  run(): Promise<WatcherSummary>;
  /**
   * Stops gracefully: no more receives; running workers get `stopTimeoutSeconds` to finish, then
   * are ended and their messages made visible at once. Resolves when `run()` has resolved.
   */
  stop(): Promise<void>;
  /** How many workers are running now. */
  readonly running: number;
}

/** Creates a watcher. Options are validated here. @throws WatchbotError INVALID_OPTION */
export function createWatcher(options: WatcherOptions): Watcher {
  throw new Error(`not implemented yet: ${String(options)}`);
}
