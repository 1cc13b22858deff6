/**
 * Request accounting: an SDK middleware that counts every HTTP request an SQS client makes, by
 * action, retries included — what SQS bills. Tests and benchmarks assert request costs with it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';

/** Counts per client: queues sharing a client share its counts, and the middleware is added once. */
const countsByClient = new WeakMap<SQSClient, Record<string, number>>();

/**
 * Adds the counting middleware to `client` (once per client) and returns a reader of its counts:
 * SQS requests sent so far, keyed by action name (`ReceiveMessage`, `DeleteMessageBatch` …).
 */
export function attachRequestCounter(client: SQSClient): () => Readonly<Record<string, number>> {
  let counts = countsByClient.get(client);
  if (counts === undefined) {
    const created: Record<string, number> = {};
    counts = created;
    countsByClient.set(client, created);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const action = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        created[action] = (created[action] ?? 0) + 1;
        return next(args);
      },
      // After the retry middleware (finalizeRequest, high priority): one count per attempt sent.
      { step: 'finalizeRequest', priority: 'low', name: 'watchbotRequestCounter' },
    );
  }
  const current = counts;
  return () => ({ ...current });
}
