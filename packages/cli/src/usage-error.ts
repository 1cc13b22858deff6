/**
 * Usage errors: the user asked for something the CLI cannot do as asked (an unknown flag,
 * a bad value, a missing command). Reported as one line on stderr, exit status 2.
 */
import { errorCodes, isWatchbotError } from '@watchbot/core';

/** A mistake in how the CLI was called; `message` is the one line the user reads. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/**
 * True when `error` is a usage error: a {@link UsageError}, a core INVALID_OPTION, or a queue
 * that cannot be opened or created where it was asked for (QUEUE_NOT_FOUND).
 */
export function isUsageError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    isWatchbotError(error, errorCodes.INVALID_OPTION) ||
    isWatchbotError(error, errorCodes.QUEUE_NOT_FOUND)
  );
}

/** The error's message on one line (later lines dropped), for stderr. */
export function toOneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ') || 'unknown error';
}
