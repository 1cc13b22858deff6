/**
 * The bulk actions on a dead-letter queue, over any action on a batch of held letters
 * (replay, delete): by id — letters a cursor holds are acted on at once, the rest are searched
 * for with a walk — or on everything the queue holds. Batches are of 10, SQS's limit. A batch
 * call that fails as a whole stops the action: what it was given and everything after fails
 * with that error, and the walk's letters are handed back.
 */
import { WatchbotError, errorCodes } from '@watchbot/core';
import type { DeadLetterActionOptions, DeadLetterActionResult } from '@watchbot/core';
import type { DeadLetterScan } from './dead-letter-scan.js';
import { maxBatchEntries } from './dead-letter-moves.js';
import type { HeldDeadLetter, HeldDeadLetters } from './held-dead-letters.js';
import { toWatchbotError } from './to-watchbot-error.js';

/** What an action on one batch (at most 10 letters) did; `abort` when a call failed as a whole. */
export interface BatchActionOutcome {
  readonly done: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: Error }[];
  readonly abort?: WatchbotError;
}

/** Acts on at most 10 held letters. Errors other than SQS's (a fault point's) reject. */
export type BatchAction = (letters: readonly HeldDeadLetter[]) => Promise<BatchActionOutcome>;

/** What the drivers work with. */
export interface DeadLetterActionContext {
  /** The letters held by this process (by a cursor). */
  readonly held: HeldDeadLetters;
  /** Starts a walk through the dead-letter queue. */
  readonly newScan: () => DeadLetterScan;
  /** The queue, for messages. */
  readonly deadLetterQueueUrl: string;
}

/** A result under construction, reporting progress as it grows. */
function createTally(total: () => number, options: DeadLetterActionOptions | undefined) {
  const done: string[] = [];
  const failed: { id: string; error: Error }[] = [];
  let abort: WatchbotError | undefined;
  const report = (): void => options?.onProgress?.({ done: done.length, failed: failed.length, total: total() });
  return {
    done,
    failed,
    get abort() {
      return abort;
    },
    set abort(error: WatchbotError | undefined) {
      abort = error;
    },
    report,
    /** Runs `act` on `letters` 10 at a time; after an abort, fails the rest with its error. */
    async run(letters: readonly HeldDeadLetter[], act: BatchAction): Promise<void> {
      for (let start = 0; start < letters.length; start += maxBatchEntries) {
        const batch = letters.slice(start, start + maxBatchEntries);
        if (abort !== undefined) {
          failed.push(...batch.map((letter) => ({ id: letter.letter.id, error: abort as Error })));
          continue;
        }
        const outcome = await act(batch);
        done.push(...outcome.done);
        failed.push(...outcome.failed);
        abort = outcome.abort;
        report();
      }
    },
  };
}

/** Receives the walk's next letters; a failed receive becomes the tally's abort and ends the walk. */
async function nextOf(scan: DeadLetterScan, tally: { abort: WatchbotError | undefined }, queueUrl: string): Promise<HeldDeadLetter[]> {
  try {
    return await scan.next();
  } catch (error) {
    tally.abort = toWatchbotError(error, `search the dead-letter queue ${queueUrl}`);
    return [];
  }
}

/** Acts on the dead letters with these ids, each once; an id the queue does not hold fails with MESSAGE_NOT_FOUND. */
export async function actOnIds(context: DeadLetterActionContext, ids: readonly string[], act: BatchAction, options?: DeadLetterActionOptions): Promise<DeadLetterActionResult> {
  const unique = [...new Set(ids)];
  const wanted = new Set(unique);
  const tally = createTally(() => unique.length, options);
  const alreadyHeld = unique.flatMap((id) => context.held.get(id) ?? []);
  for (const letter of alreadyHeld) wanted.delete(letter.letter.id);
  await tally.run(alreadyHeld, act);
  if (wanted.size > 0 && tally.abort === undefined) {
    const scan = context.newScan();
    try {
      while (wanted.size > 0 && tally.abort === undefined) {
        const batch = await nextOf(scan, tally, context.deadLetterQueueUrl);
        if (batch.length === 0) break;
        await tally.run(batch.filter((letter) => wanted.delete(letter.letter.id)), act);
      }
    } finally {
      await scan.release();
    }
  }
  for (const id of wanted) {
    tally.failed.push({ id, error: tally.abort ?? new WatchbotError(errorCodes.MESSAGE_NOT_FOUND, `no dead letter with id ${JSON.stringify(id)} in ${context.deadLetterQueueUrl}`) });
  }
  tally.report();
  return { done: tally.done, failed: tally.failed };
}

/**
 * Acts on every dead letter a walk meets, except those `skip` says to leave (they are handed
 * back at the end). A receive that fails stops the action with a WatchbotError saying how many
 * were done before it.
 */
export async function actOnAll(
  context: DeadLetterActionContext,
  total: number,
  act: BatchAction,
  options?: DeadLetterActionOptions & { readonly skip?: (letter: HeldDeadLetter) => boolean; readonly verb?: string },
): Promise<DeadLetterActionResult> {
  const tally = createTally(() => Math.max(total, tally.done.length + tally.failed.length), options);
  const scan = context.newScan();
  try {
    while (tally.abort === undefined) {
      const batch = await nextOf(scan, tally, context.deadLetterQueueUrl);
      if (batch.length === 0) break;
      await tally.run(batch.filter((letter) => options?.skip?.(letter) !== true), act);
    }
  } finally {
    await scan.release();
  }
  const abort = tally.abort;
  if (abort !== undefined && !tally.failed.some((failure) => failure.error === abort)) {
    throw new WatchbotError(abort.code, `${tally.done.length} dead letters were ${options?.verb ?? 'acted on'} before the failure: ${abort.message}`, { cause: abort });
  }
  tally.report();
  return { done: tally.done, failed: tally.failed };
}
