/**
 * The SQS dead-letter queue as core's DeadLetterQueue port. SQS cannot read a message without
 * receiving it, so listing, reading and searching walk the queue by receiving (see
 * dead-letter-scan.ts) and hand the messages back when done. A replay is two calls per batch
 * of 10 — SendMessageBatch to the work queue, THEN DeleteMessageBatch from the dead-letter
 * queue — so a crash between the two duplicates a message and never loses one.
 *
 * Purge receives and deletes (10 a call) rather than calling PurgeQueue: it reports exactly
 * how many it removed, takes effect at once, and is not limited to one call per 60 s; PurgeQueue
 * would also delete messages that arrive in the following minute, unseen.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { QueueAttributeName, SQSClient } from '@aws-sdk/client-sqs';
import { WatchbotError, errorCodes, invalidOption, sqsLimits } from '@watchbot/core';
import type { DeadLetter, DeadLetterCursor, DeadLetterQueue } from '@watchbot/core';
import { createSqsClient } from './aws-clients.js';
import { chunkBatches } from './batch-chunks.js';
import { actOnAll, actOnIds } from './dead-letter-actions.js';
import type { BatchAction } from './dead-letter-actions.js';
import { heldMessageBytes, maxBatchEntries, removeDeadLetters, sendCopies } from './dead-letter-moves.js';
import { createDeadLetterScan } from './dead-letter-scan.js';
import type { DeadLetterScan } from './dead-letter-scan.js';
import { createHeldDeadLetters } from './held-dead-letters.js';
import type { HeldDeadLetter } from './held-dead-letters.js';
import { readQueueSetup } from './queue-setup.js';
import { attachRequestCounter } from './request-counter.js';
import { checkSqsDeadLetterQueueOptions } from './sqs-dead-letter-queue-options.js';
import type { SqsDeadLetterQueueOptions } from './sqs-dead-letter-queue-options.js';
import { toWatchbotError } from './to-watchbot-error.js';

/** An open SQS dead-letter queue: the {@link DeadLetterQueue} port plus what only SQS can tell. */
export interface SqsDeadLetterQueue extends DeadLetterQueue {
  /** The work queue replays go to. */
  readonly queueUrl: string;
  /** The dead-letter queue. */
  readonly deadLetterQueueUrl: string;
  /** True when the work queue is FIFO (replays then keep their message group). */
  readonly isFifo: boolean;
  /** The SQS requests made so far through this queue's client, by action name, retries included. */
  requestCounts(): Readonly<Record<string, number>>;
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) throw invalidOption('limit', limit, 'an integer of at least 0');
  return limit;
}

const countNames: QueueAttributeName[] = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];

const byAge = (a: DeadLetter, b: DeadLetter): number => a.sentAtMs - b.sentAtMs;

/** Checks that the dead-letter queue given exists (one GetQueueAttributes call). */
async function checkExists(sqs: SQSClient, deadLetterQueueUrl: string): Promise<void> {
  try {
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }));
  } catch (error) {
    throw toWatchbotError(error, `open the dead-letter queue ${deadLetterQueueUrl}`, { opening: true });
  }
}

/**
 * Opens the dead-letter queue of the work queue at `options.queueUrl`: the one given, else the
 * one its redrive policy names.
 * @throws WatchbotError INVALID_OPTION for a bad option; QUEUE_NOT_FOUND when a queue does not
 *   exist or the work queue has no dead-letter queue; QUEUE_ACCESS_DENIED or QUEUE_UNAVAILABLE
 *   when SQS refuses or cannot be reached.
 */
export async function openSqsDeadLetterQueue(options: SqsDeadLetterQueueOptions): Promise<SqsDeadLetterQueue> {
  const { holdSeconds } = checkSqsDeadLetterQueueOptions(options);
  const { queueUrl, logger, onReplaySent } = options;
  const sqs: SQSClient = options.client ?? createSqsClient(queueUrl);
  const requestCounts = attachRequestCounter(sqs);
  let deadLetterQueueUrl: string;
  let isFifo: boolean;
  try {
    const setup = await readQueueSetup(sqs, queueUrl, logger);
    isFifo = setup.isFifo;
    const found = options.deadLetterQueueUrl ?? setup.deadLetterQueueUrl;
    if (found === undefined) {
      throw new WatchbotError(errorCodes.QUEUE_NOT_FOUND, `the queue ${queueUrl} has no dead-letter queue: it has no redrive policy, or its target cannot be found (name the dead-letter queue's URL)`);
    }
    if (options.deadLetterQueueUrl !== undefined) await checkExists(sqs, found);
    deadLetterQueueUrl = found;
  } catch (error) {
    if (options.client === undefined) sqs.destroy();
    throw error;
  }

  const held = createHeldDeadLetters(isFifo);
  const newScan = (): DeadLetterScan => createDeadLetterScan({ sqs, deadLetterQueueUrl, holdSeconds, held, logger });
  const context = { held, newScan, deadLetterQueueUrl };
  const cursors = new Set<DeadLetterCursor>();
  /** The ids SQS gave the copies this queue replayed: if one is dead-lettered again, replayAll leaves it. */
  const copies = new Set<string>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error(`the dead-letter queue ${deadLetterQueueUrl} is closed`);
  };

  const replayBatch: BatchAction = async (letters) => {
    const done: string[] = [];
    const failed: { id: string; error: Error }[] = [];
    const chunks = chunkBatches(letters, heldMessageBytes, maxBatchEntries, sqsLimits.maxBodyBytes);
    for (const [index, chunk] of chunks.entries()) {
      let sent;
      try {
        sent = await sendCopies(sqs, queueUrl, isFifo, chunk);
      } catch (error) {
        const abort = toWatchbotError(error, `replay to ${queueUrl}`);
        failed.push(...chunks.slice(index).flat().map((letter) => ({ id: letter.letter.id, error: abort })));
        return { done, failed, abort };
      }
      failed.push(...sent.failed.map((failure) => ({ id: failure.letter.letter.id, error: failure.error })));
      const sentLetters = sent.done.map((entry) => entry.letter);
      for (const entry of sent.done) if (entry.newId !== undefined) copies.add(entry.newId);
      if (sentLetters.length === 0) continue;
      await onReplaySent?.(sentLetters.map((letter) => letter.letter.id));
      const removed = await removeDeadLetters(sqs, deadLetterQueueUrl, sentLetters, true);
      const removedIds = removed.done.map((entry) => entry.letter.letter.id);
      held.forget(removedIds);
      done.push(...removedIds);
      failed.push(...removed.failed.map((failure) => ({ id: failure.letter.letter.id, error: failure.error })));
    }
    return { done, failed };
  };

  const deleteBatch: BatchAction = async (letters) => {
    let removed;
    try {
      removed = await removeDeadLetters(sqs, deadLetterQueueUrl, letters);
    } catch (error) {
      const abort = toWatchbotError(error, `delete from ${deadLetterQueueUrl}`);
      return { done: [], failed: letters.map((letter) => ({ id: letter.letter.id, error: abort })), abort };
    }
    const removedIds = removed.done.map((entry) => entry.letter.letter.id);
    held.forget(removedIds);
    return { done: removedIds, failed: removed.failed.map((failure) => ({ id: failure.letter.letter.id, error: failure.error })) };
  };

  const count = async (): Promise<number> => {
    assertOpen();
    try {
      const { Attributes: attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: countNames }));
      // Everything in the queue: visible, held by a walk (or a worker), or delayed.
      return countNames.reduce((sum, name) => sum + (Number(attributes[name] ?? 0) || 0), 0);
    } catch (error) {
      throw toWatchbotError(error, `count the messages of ${deadLetterQueueUrl}`);
    }
  };

  /** Walks until `enough` says stop, then hands everything back; resolves with the letters met. */
  const collect = async (enough: (met: readonly HeldDeadLetter[]) => boolean): Promise<HeldDeadLetter[]> => {
    const scan = newScan();
    const met: HeldDeadLetter[] = [];
    try {
      while (!enough(met)) {
        const batch = await scan.next();
        if (batch.length === 0) break;
        met.push(...batch);
      }
    } finally {
      await scan.release();
    }
    return met;
  };

  return {
    queueUrl,
    deadLetterQueueUrl,
    isFifo,
    requestCounts,
    count,
    async list(limit) {
      assertOpen();
      const wanted = checkLimit(limit);
      if (wanted === 0) return [];
      const met = await collect((letters) => letters.length >= wanted);
      return met.map((letter) => letter.letter).sort(byAge).slice(0, wanted);
    },
    async get(id) {
      assertOpen();
      const holding = held.get(id);
      if (holding !== undefined) return holding.letter;
      const met = await collect((letters) => letters.some((letter) => letter.letter.id === id));
      return met.find((letter) => letter.letter.id === id)?.letter;
    },
    replay: async (ids, options) => (assertOpen(), actOnIds(context, ids, replayBatch, options)),
    delete: async (ids, options) => (assertOpen(), actOnIds(context, ids, deleteBatch, options)),
    async replayAll(options) {
      const total = await count();
      return actOnAll(context, total, replayBatch, { ...options, verb: 'replayed', skip: (letter) => copies.has(letter.letter.id) });
    },
    async purge(options) {
      const total = await count();
      const result = await actOnAll(context, total, deleteBatch, { ...options, verb: 'deleted' });
      const failure = result.failed[0];
      if (failure !== undefined) {
        throw new WatchbotError(codeOf(failure.error), `${result.done.length} dead letters were deleted before the failure: ${failure.error.message}`, { cause: failure.error });
      }
      return result.done.length;
    },
    openCursor() {
      assertOpen();
      const scan = newScan();
      let buffer: HeldDeadLetter[] = [];
      let ended = false;
      const cursor: DeadLetterCursor = {
        async next() {
          if (ended) return undefined;
          if (buffer.length === 0) buffer = (await scan.next()).sort((a, b) => byAge(a.letter, b.letter));
          return buffer.shift()?.letter;
        },
        async close() {
          if (ended) return;
          ended = true;
          cursors.delete(cursor);
          await scan.release();
        },
      };
      cursors.add(cursor);
      return cursor;
    },
    async close() {
      if (closed) return;
      for (const cursor of [...cursors]) await cursor.close();
      closed = true;
      if (options.client === undefined) sqs.destroy();
    },
  };
}

/** The code to report a failure under: its own when it is a WatchbotError, else QUEUE_UNAVAILABLE. */
function codeOf(error: Error) {
  return error instanceof WatchbotError ? error.code : errorCodes.QUEUE_UNAVAILABLE;
}
