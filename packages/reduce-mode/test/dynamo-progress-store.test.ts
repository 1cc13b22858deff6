/** The ProgressStore contract on the DynamoDB store, against dynalite on 127.0.0.1, and its own edges. */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createManualClock } from '@watchbot/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoProgressStore } from '../src/index.js';
import { startDynaliteTable } from './dynalite-table.js';
import type { DynaliteTable } from './dynalite-table.js';
import { describeProgressStoreContract, expectReduceModeError } from './progress-store-contract.js';

let dynamo: DynaliteTable;
beforeAll(async () => {
  dynamo = await startDynaliteTable();
});
afterAll(async () => {
  await dynamo.close();
});

describeProgressStoreContract('DynamoDB (dynalite)', async (clock) => createDynamoProgressStore({ tableName: dynamo.tableName, client: dynamo.client, clock }));

describe('createDynamoProgressStore', () => {
  it('reports a missing table as STORE_UNAVAILABLE naming the table', async () => {
    const store = createDynamoProgressStore({ tableName: 'no-such-table', client: dynamo.client });
    await expectReduceModeError(store.setTotal('job-x', 1), 'STORE_UNAVAILABLE', 'no-such-table');
  });

  it('sets expiresAt ttlDays after creation, in epoch seconds', async () => {
    const nowMs = Date.UTC(2026, 0, 1);
    const store = createDynamoProgressStore({ tableName: dynamo.tableName, client: dynamo.client, clock: createManualClock(nowMs), ttlDays: 2 });
    await store.setTotal('ttl-job', 1);
    const { Item } = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.tableName, Key: { id: { S: 'ttl-job' } } }));
    expect(Item?.['expiresAt']).toEqual({ N: String(nowMs / 1000 + 2 * 86_400) });
  });

  it('rejects ttlDays that is not positive with INVALID_OPTION', () => {
    expect(() => createDynamoProgressStore({ tableName: 'table', client: dynamo.client, ttlDays: 0 })).toThrow(/ttlDays: 0 is not valid/);
  });
});
