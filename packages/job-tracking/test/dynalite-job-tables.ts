/**
 * A dynalite DynamoDB emulator, started in-process on 127.0.0.1 by the test that needs it,
 * creating job tables from the template's own key schema (`tableSchemas.jobs`), so the store
 * is tested against the table the stack really creates. Every request the store makes is
 * recorded, by action, so tests can check what it calls and how often.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableSchemas } from '@watchbot/template';
import dynalite from 'dynalite';

/** One request the client sent: its action (e.g. "BatchWriteItem") and input. */
export interface RecordedCall {
  readonly action: string;
  readonly input: Record<string, unknown>;
}

/** A running emulator. */
export interface DynaliteJobTables {
  readonly endpoint: string;
  /** A client whose requests are recorded in `calls`; `interceptBatchWrite` may hold items back as unprocessed. */
  createClient(options?: { interceptBatchWrite?: (input: BatchWriteInput) => BatchWriteInput['RequestItems'] | undefined }): { client: DynamoDBClient; calls: RecordedCall[] };
  /** Creates a fresh job table with the template's schema; resolves with its name. */
  createTable(): Promise<string>;
  /** An unrecorded client for direct reads in tests. */
  readonly admin: DynamoDBClient;
  close(): Promise<void>;
}

/** The input of a BatchWriteItem call, as the interceptor sees it. */
export interface BatchWriteInput {
  RequestItems: Record<string, { PutRequest?: { Item: Record<string, unknown> } }[]>;
}

let tableCount = 0;

/** Starts dynalite on a free loopback port. */
export async function startDynaliteJobTables(): Promise<DynaliteJobTables> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const clientOptions = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1 };
  const admin = new DynamoDBClient(clientOptions);
  const clients: DynamoDBClient[] = [admin];
  return {
    endpoint,
    admin,
    createClient(options = {}) {
      const client = new DynamoDBClient(clientOptions);
      clients.push(client);
      const calls: RecordedCall[] = [];
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const action = String(context.commandName ?? '').replace(/Command$/, '');
          const input = args.input as Record<string, unknown>;
          calls.push({ action, input: structuredClone(input) });
          const held = action === 'BatchWriteItem' ? options.interceptBatchWrite?.(input as unknown as BatchWriteInput) : undefined;
          const result = await next(args);
          if (held !== undefined) Object.assign(result.output as object, { UnprocessedItems: held });
          return result;
        },
        { step: 'initialize', name: 'recordCalls' },
      );
      return { client, calls };
    },
    async createTable() {
      const schema = tableSchemas.jobs;
      const tableName = `watchbot-jobs-${++tableCount}`;
      await admin.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [schema.partitionKey, schema.sortKey, schema.indexPartitionKey, schema.indexSortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: schema.partitionKey, KeyType: 'HASH' },
            { AttributeName: schema.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: schema.indexName,
              KeySchema: [
                { AttributeName: schema.indexPartitionKey, KeyType: 'HASH' },
                { AttributeName: schema.indexSortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
      for (let attempt = 0; attempt < 1_000; attempt++) {
        const { Table } = await admin.send(new DescribeTableCommand({ TableName: tableName }));
        if (Table?.TableStatus === 'ACTIVE' && Table.GlobalSecondaryIndexes?.every((index) => index.IndexStatus === 'ACTIVE')) return tableName;
      }
      throw new Error(`table ${tableName} never became ACTIVE`);
    },
    async close() {
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
