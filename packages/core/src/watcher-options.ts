/**
 * The watcher's options, their defaults and their validation: checked once, up front, with
 * errors that name the option, the value and what is allowed.
 */
import type { BackoffPolicy } from './backoff.js';
import { defaultBackoffPolicy, validateBackoffPolicy } from './backoff.js';
import { invalidOption } from './errors.js';
import type { Clock } from './ports/clock.js';
import type { EventSink } from './ports/events.js';
import type { Logger } from './ports/logger.js';
import type { Notifier } from './ports/notifier.js';
import type { Queue } from './ports/queue.js';
import type { Runner } from './ports/runner.js';

/** Everything {@link createWatcher} needs. Only `queue` and `runner` are required. */
export interface WatcherOptions {
  /** Where messages come from. */
  readonly queue: Queue;
  /** What runs each message. */
  readonly runner: Runner;
  /** Where rejections, failures and dead letters are reported. Default: none. */
  readonly notifier?: Notifier;
  /** Receives every lifecycle event. Default: none (events still reach `logger`). */
  readonly events?: EventSink;
  /** Where the watcher's own lines and the workers' output go. Default: none. */
  readonly logger?: Logger;
  /** Time and timers. Default: the system clock. */
  readonly clock?: Clock;
  /** Workers run at once, 1 to 1000. Default 1. */
  readonly concurrency?: number;
  /** Seconds a received message stays invisible before a heartbeat extends it, 2 to 43200. Default 60. */
  readonly visibilityTimeoutSeconds?: number;
  /** Seconds a worker may run before it is ended and counted as failed, 1 to 43200; 0 = no limit. Default 0. */
  readonly maxJobDurationSeconds?: number;
  /** Seconds to let running workers finish after stop() before ending them, 0 to 3600. Default 20. */
  readonly stopTimeoutSeconds?: number;
  /** The queue's dead-letter threshold (receives), so the watcher can report dead-lettering. Default 10. */
  readonly maxReceives?: number;
  /** How retries are spaced. Default: 2^receiveCount s up to 900 s. */
  readonly backoff?: BackoffPolicy;
  /** Stop (resolve `run()`) once no message is visible, in flight or delayed. Default false. */
  readonly exitWhenEmpty?: boolean;
  /** Stop after this many messages have been settled (e.g. 1 for a fresh container per job). Default: no limit. */
  readonly maxMessages?: number;
  /** Longest long-poll per receive, in ms, 0 to 20000. Default 20000. */
  readonly receiveWaitMs?: number;
  /** Lines of worker output kept for failure notifications. Default 20. */
  readonly outputTailLines?: number;
  /** A source of numbers in [0, 1) for backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/** {@link WatcherOptions} with every default filled in. */
export type ResolvedWatcherOptions = Required<Omit<WatcherOptions, 'notifier' | 'events' | 'logger' | 'maxMessages'>> &
  Pick<WatcherOptions, 'notifier' | 'events' | 'logger' | 'maxMessages'>;

/** The defaults of every optional setting. */
export const watcherDefaults = {
  concurrency: 1,
  visibilityTimeoutSeconds: 60,
  maxJobDurationSeconds: 0,
  stopTimeoutSeconds: 20,
  maxReceives: 10,
  exitWhenEmpty: false,
  receiveWaitMs: 20_000,
  outputTailLines: 20,
} as const;

function checkInteger(option: string, value: number, min: number, max: number, unit: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(option, value, `a whole number${unit} from ${min} to ${max}`);
  }
}

/**
 * Fills in defaults and checks every value.
 * @throws WatchbotError INVALID_OPTION naming the first bad option.
 */
export function resolveWatcherOptions(options: WatcherOptions, defaultClock: () => Clock): ResolvedWatcherOptions {
  const resolved = {
    ...watcherDefaults,
    backoff: defaultBackoffPolicy,
    random: Math.random,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
    clock: options.clock ?? defaultClock(),
  } as ResolvedWatcherOptions;
  checkInteger('concurrency', resolved.concurrency, 1, 1000, '');
  checkInteger('visibilityTimeoutSeconds', resolved.visibilityTimeoutSeconds, 2, 43_200, ' of seconds');
  checkInteger('maxJobDurationSeconds', resolved.maxJobDurationSeconds, 0, 43_200, ' of seconds');
  checkInteger('stopTimeoutSeconds', resolved.stopTimeoutSeconds, 0, 3600, ' of seconds');
  checkInteger('maxReceives', resolved.maxReceives, 1, 1000, '');
  checkInteger('receiveWaitMs', resolved.receiveWaitMs, 0, 20_000, ' of ms');
  checkInteger('outputTailLines', resolved.outputTailLines, 0, 1000, '');
  if (resolved.maxMessages !== undefined) checkInteger('maxMessages', resolved.maxMessages, 1, Number.MAX_SAFE_INTEGER, '');
  validateBackoffPolicy(resolved.backoff);
  return resolved;
}
