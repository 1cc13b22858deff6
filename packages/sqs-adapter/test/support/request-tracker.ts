/**
 * Tracks a test client's SQS requests in flight, so a test can wait for the emulator's answers
 * to land (real loopback I/O) after moving the manual clock, instead of sleeping a fixed time.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';

/** What is in flight on a client. */
export interface RequestTracker {
  /**
   * Resolves once no short request is in flight; while a long poll is pending, also gives the
   * emulator at least `longPollGraceMs` of real time to notice a message and answer it (fauxqs
   * re-checks waiting polls every 20 ms).
   */
  settle(): Promise<void>;
}

/** Real time a pending long poll is given to answer, in ms. */
const longPollGraceMs = 80;

/** Never wait longer than this for I/O to land, in ms. */
const maxSettleMs = 5_000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds the tracking middleware to `client`. */
export function trackRequests(client: SQSClient): RequestTracker {
  let shortInFlight = 0;
  let longInFlight = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { WaitTimeSeconds?: number };
      const isLongPoll = context.commandName === 'ReceiveMessageCommand' && (input.WaitTimeSeconds ?? 0) > 0;
      if (isLongPoll) longInFlight += 1;
      else shortInFlight += 1;
      try {
        return await next(args);
      } finally {
        if (isLongPoll) longInFlight -= 1;
        else shortInFlight -= 1;
      }
    },
    { step: 'initialize', name: 'testRequestTracker' },
  );
  return {
    async settle() {
      const startedMs = performance.now();
      for (;;) {
        await pause(5);
        const elapsedMs = performance.now() - startedMs;
        if (elapsedMs > maxSettleMs) return;
        if (shortInFlight === 0 && (longInFlight === 0 || elapsedMs >= longPollGraceMs)) return;
      }
    },
  };
}
