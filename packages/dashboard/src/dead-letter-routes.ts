/**
 * GET /api/dead-letters and POST /api/dead-letters/replay and /delete: the dead letters, and
 * the operator's two actions on them. A listing shows the start of each body only; bodies are
 * untrusted text and the page renders them as text.
 */
import type { DeadLetter, DeadLetterQueue } from '@watchbot/core';
import type { DashboardContext } from './dashboard-context.js';
import { HttpError, invalidRequest } from './http-error.js';
import { readLimit } from './query-values.js';
import { toSourceError } from './to-source-error.js';

/** The most dead letters one listing returns. */
export const maxDeadLettersPerPage = 500;
/** The most ids one replay or delete takes. */
export const maxIdsPerAction = 100;
/** How much of a body a listing shows, in characters. */
export const bodyPreviewChars = 2_000;

/** A dead letter as the listing shows it. */
export interface DeadLetterView extends Omit<DeadLetter, 'body'> {
  /** The start of the body: at most {@link bodyPreviewChars} characters. */
  readonly body: string;
  /** The whole body's size, in bytes (UTF-8). */
  readonly bodyBytes: number;
  /** True when `body` is only the start of it. */
  readonly bodyTruncated: boolean;
}

/** What a replay or delete did, per id. */
export interface DeadLetterActionView {
  readonly done: readonly string[];
  readonly failed: readonly { readonly id: string; readonly code?: string; readonly message: string }[];
}

function requireDeadLetters(context: DashboardContext): DeadLetterQueue {
  if (context.sources.deadLetters === undefined) throw new HttpError('NOT_AVAILABLE', 'dead letters are not available for this queue');
  return context.sources.deadLetters;
}

function toView(letter: DeadLetter): DeadLetterView {
  const { body, ...rest } = letter;
  const truncated = body.length > bodyPreviewChars;
  return { ...rest, body: truncated ? body.slice(0, bodyPreviewChars) : body, bodyBytes: Buffer.byteLength(body), bodyTruncated: truncated };
}

/** GET /api/dead-letters?limit= → `{ count, deadLetters }`, oldest first (limit 1 to 500, default 50). */
export async function listDeadLetters(context: DashboardContext, url: URL): Promise<{ count: number; deadLetters: DeadLetterView[] }> {
  const deadLetters = requireDeadLetters(context);
  const limit = readLimit(url, 50, maxDeadLettersPerPage);
  try {
    const [count, letters] = await Promise.all([deadLetters.count(), deadLetters.list(limit)]);
    return { count, deadLetters: letters.map(toView) };
  } catch (error) {
    throw toSourceError(error, 'the dead-letter queue');
  }
}

/** Reads `{ "ids": ["…", …] }`: 1 to 100 distinct non-empty ids. */
function readIds(body: unknown): string[] {
  const ids = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { ids?: unknown }).ids : undefined;
  const allowed = `an array of 1 to ${maxIdsPerAction} message ids (non-empty strings)`;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > maxIdsPerAction) throw invalidRequest('ids', ids, allowed);
  for (const id of ids) if (typeof id !== 'string' || id === '' || id.length > 1024) throw invalidRequest('ids', ids, allowed);
  return [...new Set(ids as string[])];
}

/** POST /api/dead-letters/replay or /delete with `{ ids }` → which ids were done and which failed, and why. */
export async function actOnDeadLetters(context: DashboardContext, action: 'replay' | 'delete', body: unknown): Promise<DeadLetterActionView> {
  const deadLetters = requireDeadLetters(context);
  const ids = readIds(body);
  try {
    const result = await (action === 'replay' ? deadLetters.replay(ids) : deadLetters.delete(ids));
    return {
      done: result.done,
      failed: result.failed.map(({ id, error }) => {
        const code = (error as { code?: unknown }).code;
        return { id, ...(typeof code === 'string' && { code }), message: error.message };
      }),
    };
  } catch (error) {
    throw toSourceError(error, 'the dead-letter queue');
  }
}
