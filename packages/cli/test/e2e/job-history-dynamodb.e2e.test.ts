/**
 * Job history in DynamoDB through the real CLI: `listen` configured as the template configures
 * it (`WatchbotJobTable`) records into a table made from the template's schema, on a dynalite
 * emulator started here on 127.0.0.1, and `watchbot jobs --job-table` reads it back.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableSchemas } from '@watchbot/template';
import dynalite from 'dynalite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, readStatus, runCli, sendMessages, writeWorker } from './cli-process.js';

const tableName = 'stack-JobTable-E2E';
let server: Server;
let awsEnv: Record<string, string>;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  awsEnv = { AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake' };
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } });
  const schema = tableSchemas.jobs;
  await client.send(
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
  client.destroy();
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await dir.remove();
});

describe('job history in a DynamoDB table', () => {
  it('listen records into WatchbotJobTable, and jobs --job-table reads it back', async () => {
    const worker = await writeWorker(dir.path, 'worker.sh', 'echo "unsupported format" >&2\nexit 3');
    const [id] = (await sendMessages(dir.path, ['c.tiff'])) as [string];
    const listened = await runCli(['listen', worker], { cwd: dir.path, env: { ...awsEnv, QueueUrl: 'default', writableFilesystem: 'true', WatchbotJobTable: tableName, WatchbotJobHistoryDays: '30' } });
    expect(listened.code).toBe(0);
    expect(listened.stdout).toContain(`job history: recording in DynamoDB table ${tableName}`);
    expect(listened.stdout).not.toContain('cannot record');

    const shown = await runCli(['jobs', 'show', id, '--job-table', tableName], { cwd: dir.path, env: awsEnv });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/ rejected +1 +3 +\d+\.\d{3} s +\S+:\d+\n {4}\| unsupported format\n/);
    const listed = JSON.parse((await runCli(['jobs', 'list', '--job-table', tableName, '--json'], { cwd: dir.path, env: awsEnv })).stdout) as { history: string; jobs: unknown[] };
    expect(listed).toEqual({ history: `DynamoDB table ${tableName}`, jobs: [expect.objectContaining({ jobId: id, state: 'rejected', attempts: 1, exitCode: 3 })] });
    const stats = await runCli(['jobs', 'stats', '--since', '1h'], { cwd: dir.path, env: { ...awsEnv, WatchbotJobTable: tableName } });
    expect(stats.stdout).toMatch(/\nrejected +1 +\d/);

    expect((await readStatus(dir.path)).notifications).toEqual([expect.objectContaining({ kind: 'rejected', messageId: id, history: `watchbot jobs show ${id} --job-table ${tableName}` })]);
  });
});
