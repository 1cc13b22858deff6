/**
 * The JobStore contract on the DynamoDB store, against dynalite on 127.0.0.1 with tables made
 * from the template's schema, and what only the table has to get right: the actions the task
 * role grants, item expiry, 25-item batches, and throttled items retried.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { createManualClock } from '@watchbot/core/testing';
import { jobTableActions } from '@watchbot/template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoJobStore } from '../src/index.js';
import type { JobEvent } from '../src/index.js';
import { startDynaliteJobTables } from './dynalite-job-tables.js';
import type { DynaliteJobTables, RecordedCall } from './dynalite-job-tables.js';
import { attemptEvents, baseMs, describeJobStoreContract, expectJobTrackingError, watcherEvent } from './job-store-contract.js';

let dynamo: DynaliteJobTables;
const contractCalls: RecordedCall[] = [];
beforeAll(async () => {
  dynamo = await startDynaliteJobTables();
});
afterAll(async () => {
  await dynamo.close();
});

describeJobStoreContract('DynamoDB (dynalite)', async (clock) => {
  const { client, calls } = dynamo.createClient();
  const tableName = await dynamo.createTable();
  const store = createDynamoJobStore({ tableName, client, clock });
  return {
    ...store,
    async close() {
      contractCalls.push(...calls);
      await store.close();
    },
  };
});

/** Every item of `tableName`'s partition `pk`. */
async function readPartition(tableName: string, pk: string) {
  const { Items } = await dynamo.admin.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } } }),
  );
  return Items ?? [];
}

/** Settles `promise` while moving the manual clock, for calls that pause between retries. */
async function whileAdvancing<T>(clock: ReturnType<typeof createManualClock>, promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  // Handled at the end; marked now so a rejection during the loop is not reported as unhandled.
  watched.catch(() => undefined);
  while (!settled) await clock.advance(100);
  return watched;
}

describe('createDynamoJobStore', () => {
  it('calls only the actions the template grants the task role on the job table', () => {
    const actions = new Set(contractCalls.map((call) => `dynamodb:${call.action}`));
    expect(actions.size).toBeGreaterThan(0);
    for (const action of actions) expect(jobTableActions).toContain(action);
  });

  it('sets expiresAt (epoch seconds) retentionDays after each event, on events and on the summary', async () => {
    const tableName = await dynamo.createTable();
    const { client } = dynamo.createClient();
    const store = createDynamoJobStore({ tableName, client, clock: createManualClock(baseMs), retentionDays: 3 });
    await store.append(attemptEvents('ttl-job', 'succeeded', 0, 1, 2_000, { exitCode: 0 }));
    const items = await readPartition(tableName, 'job#ttl-job');
    const expiry = Object.fromEntries(items.map((item) => [item['sk']?.S, Number(item['expiresAt']?.N)]));
    const eventExpiry = (ms: number): number => Math.floor((baseMs + ms) / 1000) + 3 * 86_400;
    expect(Object.values(expiry)).toHaveLength(4);
    expect(expiry['summary']).toBe(eventExpiry(2_001));
    expect(Object.entries(expiry).filter(([sk]) => sk !== 'summary').map(([, at]) => at)).toEqual([eventExpiry(0), eventExpiry(1), eventExpiry(2_001)]);
    await store.close();
  });

  it('indexes only outcome events and summaries, by day, so listings and statistics query a window', async () => {
    const tableName = await dynamo.createTable();
    const { client } = dynamo.createClient();
    const store = createDynamoJobStore({ tableName, client, clock: createManualClock(baseMs) });
    await store.append(attemptEvents('indexed', 'failed', 0, 1, 5, { exitCode: 1 }));
    const items = await readPartition(tableName, 'job#indexed');
    const indexed = items.filter((item) => item['gsi1pk'] !== undefined).map((item) => item['gsi1pk']?.S);
    expect(indexed.sort()).toEqual(['jobs#2026-01-01', 'outcomes#2026-01-01']);
    await store.close();
  });

  it('writes at most 25 items per BatchWriteItem call', async () => {
    const tableName = await dynamo.createTable();
    const { client, calls } = dynamo.createClient();
    const store = createDynamoJobStore({ tableName, client, clock: createManualClock(baseMs + 60_000) });
    const events = Array.from({ length: 60 }, (_, index) => watcherEvent(`chunk-${index}`, 'received', index));
    await store.append(events);
    const batches = calls.filter((call) => call.action === 'BatchWriteItem').map((call) => (call.input['RequestItems'] as Record<string, unknown[]>)[tableName]?.length);
    expect(batches.sort()).toEqual([10, 25, 25]);
    expect(await store.list({ limit: 100 })).toHaveLength(60);
    await store.close();
  });

  it('retries items DynamoDB leaves unprocessed, with backoff, until all are stored', async () => {
    const tableName = await dynamo.createTable();
    let throttled = 0;
    const { client, calls } = dynamo.createClient({
      // The first two calls: the table takes all but the last three items (keeping at least one) and hands those back.
      interceptBatchWrite(input) {
        if (throttled >= 2) return undefined;
        throttled += 1;
        const requests = input.RequestItems[tableName] ?? [];
        const heldCount = Math.min(3, requests.length - 1);
        const held = requests.splice(requests.length - heldCount, heldCount);
        return { [tableName]: held };
      },
    });
    const clock = createManualClock(baseMs + 60_000);
    const store = createDynamoJobStore({ tableName, client, clock });
    const events: JobEvent[] = Array.from({ length: 10 }, (_, index) => watcherEvent(`throttled-${index}`, 'received', index));
    await whileAdvancing(clock, store.append(events));
    expect(calls.filter((call) => call.action === 'BatchWriteItem').length).toBe(3);
    for (const event of events) expect(await store.history(event.jobId)).toEqual([event]);
    await store.close();
  });

  it('gives up on items still unprocessed after 8 calls with a retryable STORE_UNAVAILABLE', async () => {
    const tableName = await dynamo.createTable();
    // Every call: the items are taken, but reported back as unprocessed (as a throttled table would).
    const { client } = dynamo.createClient({ interceptBatchWrite: (input) => ({ [tableName]: [...(input.RequestItems[tableName] ?? [])] }) });
    const clock = createManualClock(baseMs + 60_000);
    const store = createDynamoJobStore({ tableName, client, clock });
    const failure = whileAdvancing(clock, store.append([watcherEvent('never', 'received', 0)])).then(
      () => undefined,
      (error: unknown) => error,
    );
    await expectJobTrackingError(failure.then((error) => Promise.reject(error)), 'STORE_UNAVAILABLE', 'unprocessed after 8 attempts');
    expect(await failure).toMatchObject({ retryable: true });
    await store.close();
  });

  it('reports a missing table as STORE_UNAVAILABLE naming the table', async () => {
    const { client } = dynamo.createClient();
    const store = createDynamoJobStore({ tableName: 'no-such-table', client });
    await expectJobTrackingError(store.append([watcherEvent('x', 'received', 0)]), 'STORE_UNAVAILABLE', 'no-such-table');
    await expectJobTrackingError(store.history('x'), 'STORE_UNAVAILABLE', 'no-such-table');
    await store.close();
  });

  it('refuses a table name DynamoDB would refuse with INVALID_OPTION', () => {
    expect(() => createDynamoJobStore({ tableName: 'a b' })).toThrow('tableName: "a b" is not valid');
  });
});
