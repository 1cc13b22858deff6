/**
 * Deletes and visibility changes: coalesced across callers into DeleteMessageBatch and
 * ChangeMessageVisibilityBatch (10 entries a call), judged against this process's receipt
 * leases first, and failed entry by entry — an expired receipt fails its own entry only.
 */
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { WatchbotError, errorCodes, invalidOption, isWatchbotError } from '@watchbot/core';
import type { BatchResult, Clock, Logger, VisibilityChange } from '@watchbot/core';
import { createBatchCoalescer } from './batch-coalescer.js';
import type { ReceiptLeases } from './receipt-leases.js';
import { toEntryError, toWatchbotError } from './to-watchbot-error.js';
import type { BatchEntryFailure } from './to-watchbot-error.js';

/** SQS's batch limit for deletes and visibility changes. */
const maxBatchEntries = 10;

/** The result of one entry: undefined on success; `whole` when the call itself failed. */
type EntryOutcome = { readonly error: WatchbotError; readonly whole: boolean } | undefined;

/** Settles received messages. */
export interface MessageSettler {
  /** Deletes (acknowledges) messages by receipt handle. */
  deleteMessages(receiptHandles: readonly string[]): Promise<BatchResult>;
  /** Changes the visibility of received messages. */
  changeVisibility(changes: readonly VisibilityChange[]): Promise<BatchResult>;
  /** Makes messages visible again at once (a receive's late messages); failures are logged. */
  handBack(receiptHandles: readonly string[]): Promise<void>;
  /** Sends everything pending and waits for it. */
  flush(): Promise<void>;
}

/** What the settler works with. */
export interface MessageSettlerOptions {
  /** The client calls go through. */
  readonly sqs: SQSClient;
  /** The queue settled. */
  readonly queueUrl: string;
  /** The clock batch windows and lease times are measured on. */
  readonly clock: Clock;
  /** This process's receipts, judged before any call. */
  readonly leases: ReceiptLeases;
  /** How long an entry may wait for company, in ms. */
  readonly batchWindowMs: number;
  /** Where failed hand-backs are reported. */
  readonly logger?: Logger | undefined;
}

function expired(action: string, why: string): WatchbotError {
  return new WatchbotError(errorCodes.RECEIPT_EXPIRED, `${action}: the receipt handle ${why}`);
}

/** Per-entry outcomes from a batch response's Failed list (entries not listed succeeded). */
function outcomesOf(count: number, failed: readonly (BatchEntryFailure & { Id?: string | undefined })[] | undefined, action: string): EntryOutcome[] {
  const outcomes: EntryOutcome[] = Array.from({ length: count }, () => undefined);
  for (const failure of failed ?? []) {
    const index = Number(failure.Id);
    if (Number.isInteger(index) && index >= 0 && index < count) outcomes[index] = { error: toEntryError(failure, action, errorCodes.RECEIPT_EXPIRED), whole: false };
  }
  return outcomes;
}

/** Turns per-entry outcomes into a BatchResult; a call that failed as a whole for every entry throws instead. */
function toBatchResult(receiptHandles: readonly string[], outcomes: readonly EntryOutcome[]): BatchResult {
  const failures = outcomes.flatMap((outcome, index) => (outcome === undefined ? [] : [{ receiptHandle: receiptHandles[index] ?? '', ...outcome }]));
  const first = failures[0];
  if (first !== undefined && failures.length === receiptHandles.length && failures.every((failure) => failure.whole)) throw first.error;
  return { failed: failures.map(({ receiptHandle, error }) => ({ receiptHandle, error })) };
}

/** Creates the settler of one queue. */
export function createMessageSettler(options: MessageSettlerOptions): MessageSettler {
  const { sqs, queueUrl, clock, leases } = options;
  const deleteAction = `delete from ${queueUrl}`;
  const changeAction = `change visibility in ${queueUrl}`;
  const wholeFailure = (action: string) => (error: unknown, entries: readonly unknown[]) =>
    entries.map(() => ({ error: toWatchbotError(error, action), whole: true }));
  // Once every message still worked on here has an entry pending, no other can join the batch.
  const nothingMoreExpected = (pendingCount: number): boolean => pendingCount >= leases.countInProgress();

  const deletes = createBatchCoalescer<string, EntryOutcome>({
    clock,
    windowMs: options.batchWindowMs,
    maxEntries: maxBatchEntries,
    onCallError: wholeFailure(deleteAction),
    nothingMoreExpected,
    send: async (handles) => {
      const entries = handles.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle }));
      const output = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      return outcomesOf(handles.length, output.Failed, deleteAction);
    },
  });

  const changes = createBatchCoalescer<{ readonly receiptHandle: string; readonly seconds: number }, EntryOutcome>({
    clock,
    windowMs: options.batchWindowMs,
    maxEntries: maxBatchEntries,
    onCallError: wholeFailure(changeAction),
    nothingMoreExpected,
    send: async (items) => {
      const entries = items.map((item, index) => ({ Id: String(index), ReceiptHandle: item.receiptHandle, VisibilityTimeout: item.seconds }));
      const output = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      return outcomesOf(items.length, output.Failed, changeAction);
    },
  });

  const deleteMessages = async (receiptHandles: readonly string[]): Promise<BatchResult> => {
    const states = receiptHandles.map((handle) => leases.stateOf(handle));
    const forwarded = receiptHandles.filter((_, index) => states[index] !== 'deleted');
    const sent = await deletes.add(forwarded);
    let next = 0;
    const outcomes = receiptHandles.map((handle, index): EntryOutcome => {
      if (states[index] === 'deleted') return { error: expired(deleteAction, 'was already used to delete the message'), whole: false };
      const outcome = sent[next++];
      if (outcome === undefined) leases.markDeleted(handle);
      // SQS reports success for a stale handle even when the message was received again and not deleted.
      if (outcome === undefined && states[index] === 'expired') {
        return { error: expired(deleteAction, 'had expired before the delete: another consumer may have received the message, which may then run again'), whole: false };
      }
      return outcome;
    });
    return toBatchResult(receiptHandles, outcomes);
  };

  const changeVisibility = async (requested: readonly VisibilityChange[]): Promise<BatchResult> => {
    const sinceMs = clock.now();
    const local = requested.map((change): EntryOutcome => {
      const seconds = change.visibilityTimeoutSeconds;
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) {
        return { error: invalidOption('visibilityTimeoutSeconds', seconds, 'a whole number of seconds from 0 to 43,200'), whole: false };
      }
      const state = leases.stateOf(change.receiptHandle);
      if (state === 'deleted') return { error: expired(changeAction, 'was already used to delete the message'), whole: false };
      // Changing a message another consumer may hold now could cut its run short: refuse without asking SQS.
      if (state === 'expired') return { error: expired(changeAction, 'has expired: the visibility timeout passed'), whole: false };
      return undefined;
    });
    const forwarded = requested.filter((_, index) => local[index] === undefined);
    const sent = await changes.add(forwarded.map((change) => ({ receiptHandle: change.receiptHandle, seconds: change.visibilityTimeoutSeconds })));
    let next = 0;
    const outcomes = requested.map((change, index): EntryOutcome => {
      if (local[index] !== undefined) return local[index];
      const outcome = sent[next++];
      if (outcome === undefined) leases.extend(change.receiptHandle, change.visibilityTimeoutSeconds, sinceMs, change.returned === true);
      else if (isWatchbotError(outcome.error, errorCodes.RECEIPT_EXPIRED)) leases.markExpired(change.receiptHandle);
      return outcome;
    });
    return toBatchResult(requested.map((change) => change.receiptHandle), outcomes);
  };

  return {
    deleteMessages,
    changeVisibility,
    async handBack(receiptHandles) {
      if (receiptHandles.length === 0) return;
      // Urgent: these messages are hidden from every consumer until this call lands.
      const outcomes = await changes.add(receiptHandles.map((receiptHandle) => ({ receiptHandle, seconds: 0 })), true);
      const failures = outcomes.filter((outcome) => outcome !== undefined);
      const first = failures[0];
      if (first !== undefined) {
        options.logger?.log({
          level: 'warn',
          msg: `could not hand back ${failures.length} message(s) that arrived after their receive had ended (${first.error.message}); they stay invisible until their visibility timeout ends`,
        });
      }
    },
    async flush() {
      await Promise.all([deletes.flush(), changes.flush()]);
    },
  };
}
