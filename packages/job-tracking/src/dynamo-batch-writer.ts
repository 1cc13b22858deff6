/**
 * Puts many items with BatchWriteItem: at most 25 a call (DynamoDB's limit), a few calls at
 * once, and the items DynamoDB hands back unprocessed (throttling) retried with exponential
 * backoff on the injected clock.
 */
import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { sleep } from '@watchbot/core';
import type { Clock } from '@watchbot/core';
import type { DynamoSdkModule } from './dynamo-sdk.js';
import { JobTrackingError } from './job-tracking-error.js';

/** The most items one BatchWriteItem call takes. */
export const maxBatchWriteItems = 25;

/** Calls made for one chunk before giving up on its unprocessed items. */
const maxAttempts = 8;
/** BatchWriteItem calls in flight at once. */
const maxParallelCalls = 4;

/** The pause before retry `attempt` (1-based): 50 ms doubling, at most 5 s, jittered into its upper half. */
function retryDelayMs(attempt: number, random: () => number): number {
  const capped = Math.min(5_000, 50 * 2 ** (attempt - 1));
  return capped / 2 + (capped / 2) * random();
}

/** Splits `items` into lists of at most `size`. */
export function toChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Runs `work` on every item, at most `limit` at once; rejects with the first failure once all have ended. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure.error;
}

/** What {@link writeItems} needs. */
export interface BatchWriteContext {
  readonly sdk: DynamoSdkModule;
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly clock: Clock;
  readonly random?: () => number;
}

/**
 * Writes `requests` (no two with the same key) in chunks of 25.
 * @throws JobTrackingError STORE_UNAVAILABLE (retryable) when items stay unprocessed after 8 calls; SDK errors as they come.
 */
export async function writeItems(context: BatchWriteContext, requests: readonly WriteRequest[]): Promise<void> {
  const { sdk, client, tableName, clock } = context;
  const random = context.random ?? Math.random;
  await forEachLimited(toChunks(requests, maxBatchWriteItems), maxParallelCalls, async (chunk) => {
    let pending: WriteRequest[] = chunk;
    for (let attempt = 1; ; attempt++) {
      const output = await client.send(new sdk.BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = output.UnprocessedItems?.[tableName] ?? [];
      if (pending.length === 0) return;
      if (attempt >= maxAttempts) {
        throw new JobTrackingError('STORE_UNAVAILABLE', `cannot record job events: the job table ${tableName} left ${pending.length} items unprocessed after ${maxAttempts} attempts (throttled)`, {
          retryable: true,
        });
      }
      await sleep(clock, retryDelayMs(attempt, random));
    }
  });
}
