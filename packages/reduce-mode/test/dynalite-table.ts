/**
 * A dynalite DynamoDB emulator, started in-process on 127.0.0.1 by the test that needs it,
 * with a progress table created from the template's key schema (`id`, a string hash key).
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

/** A running emulator with one progress table. */
export interface DynaliteTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly endpoint: string;
  /** Stops the client and the emulator. */
  close(): Promise<void>;
}

/** Waits (by polling the emulator, not a timer) until the table is ACTIVE. */
async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
  }
  throw new Error(`table ${tableName} never became ACTIVE`);
}

/** Starts dynalite on a free loopback port and creates `tableName` with the template's schema. */
export async function startDynaliteTable(tableName = 'watchbot-progress'): Promise<DynaliteTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1 });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  await waitUntilActive(client, tableName);
  return {
    client,
    tableName,
    endpoint,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
