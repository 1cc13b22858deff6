/**
 * The DynamoDB progress store: one item per job in the table the CloudFormation template
 * creates (partition key `id`, TTL attribute `expiresAt`), written only with conditional
 * PutItem / UpdateItem and read with consistent GetItem — the actions the template grants.
 * No transactions: every guarantee comes from conditions on one item.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createSystemClock } from '@watchbot/core';
import type { Clock } from '@watchbot/core';
import { completePartInTable } from './dynamo-complete-part.js';
import { pickNames, readNumber, readString, toJobStatus, toNumberValue } from './dynamo-job-item.js';
import { createJobTable } from './dynamo-job-table.js';
import { isConditionFailed, toDynamoError } from './dynamo-progress-errors.js';
import { checkJobId, checkMetadata, checkPart, checkTotalParts, parseMetadata, totalAlreadySet, unknownJob } from './job-rules.js';
import type { ProgressStore } from './progress-store.js';
import { ReduceModeError } from './reduce-mode-error.js';

/** Options of {@link createDynamoProgressStore}. */
export interface DynamoProgressStoreOptions {
  /** The progress table's name (the template's ProgressTable). */
  readonly tableName: string;
  /** The client to use; the store then leaves it open on close. Default: a new client from the environment. */
  readonly client?: DynamoDBClient;
  /** Where timestamps come from. Default: the system clock. */
  readonly clock?: Clock;
  /** Days after its creation that a job's item expires (sets `expiresAt`, epoch seconds). Default 30. */
  readonly ttlDays?: number;
}

const secondsPerDay = 86_400;
/** How often setMetadata retries a merge that raced another writer. */
const maxMetadataAttempts = 10;

/** Creates the DynamoDB progress store on `options.tableName`. */
export function createDynamoProgressStore(options: DynamoProgressStoreOptions): ProgressStore {
  const { tableName } = options;
  if (typeof tableName !== 'string' || tableName.length < 3 || tableName.length > 255) {
    throw new ReduceModeError('INVALID_OPTION', `tableName: ${JSON.stringify(tableName)} is not valid; expected a DynamoDB table name (3 to 255 characters)`);
  }
  const ttlDays = options.ttlDays ?? 30;
  if (!Number.isFinite(ttlDays) || ttlDays <= 0) {
    throw new ReduceModeError('INVALID_OPTION', `ttlDays: ${String(ttlDays)} is not valid; expected a number of days greater than 0`);
  }
  const ownsClient = options.client === undefined;
  const client = options.client ?? new DynamoDBClient({});
  const clock = options.clock ?? createSystemClock();
  const table = createJobTable(client, tableName);

  return {
    async setTotal(jobId, totalParts, metadata = {}) {
      checkJobId(jobId);
      checkTotalParts(jobId, totalParts);
      checkMetadata(jobId, metadata);
      const nowMs = clock.now();
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              id: { S: jobId },
              totalParts: toNumberValue(totalParts),
              done: { BOOL: false },
              reduceSent: { BOOL: false },
              metadata: { S: JSON.stringify(metadata) },
              createdAtMs: toNumberValue(nowMs),
              updatedAtMs: toNumberValue(nowMs),
              expiresAt: toNumberValue(Math.floor(nowMs / 1000 + ttlDays * secondsPerDay)),
            },
            ConditionExpression: 'attribute_not_exists(#id)',
            ExpressionAttributeNames: pickNames('#id'),
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw toDynamoError(error, tableName, jobId, 'set the total');
        const item = await table.getItem(jobId, 'set the total');
        const existing = item === undefined ? undefined : readNumber(item, 'totalParts');
        if (existing !== totalParts) throw totalAlreadySet(jobId, existing ?? 0, totalParts);
      }
    },

    async completePart(jobId, part) {
      checkJobId(jobId);
      checkPart(jobId, part);
      return completePartInTable(table, clock, jobId, part);
    },

    async getStatus(jobId) {
      checkJobId(jobId);
      const item = await table.getItem(jobId, 'read the status');
      return item === undefined ? undefined : toJobStatus(item);
    },

    async failJob(jobId, reason) {
      checkJobId(jobId);
      const updated = await table.update(jobId, 'fail the job', {
        UpdateExpression: 'SET #failed = :reason, #updated = :now',
        ConditionExpression: 'attribute_exists(#id)',
        ExpressionAttributeNames: pickNames('#id', '#failed', '#updated'),
        ExpressionAttributeValues: { ':reason': { S: String(reason) }, ':now': toNumberValue(clock.now()) },
      });
      if (updated === undefined) throw unknownJob(jobId, 'fail the job');
    },

    async setMetadata(jobId, metadata) {
      checkJobId(jobId);
      checkMetadata(jobId, metadata);
      // Read, merge, and write back only if nobody changed the metadata meanwhile (optimistic).
      for (let attempt = 0; attempt < maxMetadataAttempts; attempt++) {
        const item = await table.getItem(jobId, 'set metadata');
        if (item === undefined) throw unknownJob(jobId, 'set metadata');
        const current = readString(item, 'metadata') ?? '{}';
        const merged = JSON.stringify({ ...parseMetadata(current), ...metadata });
        const updated = await table.update(jobId, 'set metadata', {
          UpdateExpression: 'SET #metadata = :merged, #updated = :now',
          ConditionExpression: 'attribute_exists(#id) AND #metadata = :current',
          ExpressionAttributeNames: pickNames('#id', '#metadata', '#updated'),
          ExpressionAttributeValues: { ':merged': { S: merged }, ':current': { S: current }, ':now': toNumberValue(clock.now()) },
        });
        if (updated !== undefined) return;
      }
      throw new ReduceModeError('STORE_UNAVAILABLE', `job ${jobId}: cannot set metadata: ${maxMetadataAttempts} attempts raced other writers`, { retryable: true });
    },

    async markReduceSent(jobId) {
      checkJobId(jobId);
      const updated = await table.update(jobId, 'mark the reduce sent', {
        UpdateExpression: 'SET #reduceSent = :true, #updated = :now',
        ConditionExpression: 'attribute_exists(#id) AND (attribute_not_exists(#reduceSent) OR #reduceSent = :false)',
        ExpressionAttributeNames: pickNames('#id', '#reduceSent', '#updated'),
        ExpressionAttributeValues: { ':true': { BOOL: true }, ':false': { BOOL: false }, ':now': toNumberValue(clock.now()) },
      });
      if (updated !== undefined) return true;
      if ((await table.getItem(jobId, 'mark the reduce sent')) === undefined) throw unknownJob(jobId, 'mark the reduce sent');
      return false;
    },

    async close() {
      if (ownsClient) client.destroy();
    },
  };
}
