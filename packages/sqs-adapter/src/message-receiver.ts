/**
 * Receives: one long-polled ReceiveMessage per call, never aborted on the wire. SQS may
 * already have taken messages off the queue for a request in flight; aborting its HTTP request
 * would hide them until their visibility timeout. So an abort (or the end of `waitMs` on the
 * injected clock) resolves the caller's promise with [] at once, and lets the request finish:
 * whatever it then brings is handed straight back with visibility 0.
 */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { invalidOption } from '@watchbot/core';
import type { Clock, QueueMessage, ReceiveOptions, TimerHandle } from '@watchbot/core';
import type { ReceiptLeases } from './receipt-leases.js';
import { toWatchbotError } from './to-watchbot-error.js';
import { receiveMessageAttributes, receiveSystemAttributes, toQueueMessage } from './to-queue-message.js';

/** SQS's longest long poll, in seconds. */
const maxWaitSeconds = 20;

/** Receives messages from one queue. */
export interface MessageReceiver {
  /** Receives up to `maxMessages` (clamped to 1–10); see the module comment for aborts. */
  receive(maxMessages: number, options: ReceiveOptions): Promise<QueueMessage[]>;
  /** Ends waiting receives with [], then waits up to `maxWaitMs` (on the clock) for their requests and hand-backs to finish. */
  close(maxWaitMs: number): Promise<void>;
}

/** What the receiver works with. */
export interface MessageReceiverOptions {
  /** The client calls go through. */
  readonly sqs: SQSClient;
  /** The queue received from. */
  readonly queueUrl: string;
  /** Whether MessageGroupId is a group (FIFO) or only a fair-queue tenant (standard). */
  readonly isFifo: boolean;
  /** The clock `waitMs` and lease times are measured on. */
  readonly clock: Clock;
  /** Where each receipt handed out is recorded. */
  readonly leases: ReceiptLeases;
  /** Makes late messages visible again at once. */
  readonly handBack: (receiptHandles: readonly string[]) => Promise<void>;
}

/** Creates the receiver of one queue. */
export function createMessageReceiver(options: MessageReceiverOptions): MessageReceiver {
  const { sqs, queueUrl, isFifo, clock, leases } = options;
  const action = `receive from ${queueUrl}`;
  /** Requests in flight, each with how to end its caller's wait early. */
  const inFlight = new Map<Promise<unknown>, () => void>();
  let closed = false;

  const receive = (maxMessages: number, { waitMs, visibilityTimeoutSeconds, signal }: ReceiveOptions): Promise<QueueMessage[]> => {
    if (closed) return Promise.reject(new Error(`the queue ${queueUrl} is closed`));
    if (!Number.isInteger(visibilityTimeoutSeconds) || visibilityTimeoutSeconds < 0 || visibilityTimeoutSeconds > 43_200) {
      return Promise.reject(invalidOption('visibilityTimeoutSeconds', visibilityTimeoutSeconds, 'a whole number of seconds from 0 to 43,200'));
    }
    if (signal?.aborted) return Promise.resolve([]);
    const count = Math.max(1, Math.min(Math.floor(maxMessages) || 1, 10));
    const waitSeconds = Math.min(maxWaitSeconds, Math.max(0, Math.ceil(waitMs / 1000)));
    const sentAtMs = clock.now();
    const request = sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: count,
        WaitTimeSeconds: waitSeconds,
        VisibilityTimeout: visibilityTimeoutSeconds,
        MessageSystemAttributeNames: [...receiveSystemAttributes],
        MessageAttributeNames: [...receiveMessageAttributes],
      }),
    );

    return new Promise<QueueMessage[]>((resolve, reject) => {
      let answered = false;
      const deadline = waitMs > 0 ? clock.setTimeout(() => endWait(), waitMs) : undefined;
      const stopWaiting = (): void => {
        answered = true;
        if (deadline !== undefined) clock.clearTimeout(deadline);
        signal?.removeEventListener('abort', endWait);
      };
      function endWait(): void {
        if (answered) return;
        stopWaiting();
        resolve([]);
      }
      signal?.addEventListener('abort', endWait, { once: true });

      const settled = request.then(
        async (output) => {
          const handles = (output.Messages ?? []).map((message) => message.ReceiptHandle ?? '').filter((handle) => handle !== '');
          if (answered) return options.handBack(handles);
          stopWaiting();
          try {
            const receivedAtMs = clock.now();
            const messages = (output.Messages ?? []).map((message) => toQueueMessage(message, isFifo, receivedAtMs));
            for (const message of messages) leases.hold(message.receiptHandle, visibilityTimeoutSeconds, sentAtMs);
            resolve(messages);
          } catch (error) {
            reject(error);
            await options.handBack(handles);
          }
        },
        (error: unknown) => {
          if (answered) return;
          stopWaiting();
          reject(toWatchbotError(error, action));
        },
      );
      inFlight.set(settled, endWait);
      void settled.finally(() => inFlight.delete(settled));
    });
  };

  return {
    receive,
    async close(maxWaitMs) {
      closed = true;
      for (const endWait of inFlight.values()) endWait();
      if (inFlight.size === 0) return;
      let timer: TimerHandle | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, maxWaitMs)));
      await Promise.race([Promise.all([...inFlight.keys()]), timeUp]);
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
