/**
 * The calls the DynamoDB progress store makes on its table, each translating SDK errors:
 * a consistent read of one job, and a conditional update that reports whether its condition held.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { JobItem } from './dynamo-job-item.js';
import { isConditionFailed, toDynamoError } from './dynamo-progress-errors.js';

/** A conditional update, without the table name and key (the table adds them). */
export type JobUpdate = Omit<UpdateItemCommandInput, 'TableName' | 'Key'>;

/** One job table: reads and conditional updates keyed by job id. */
export interface JobTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The job's item, read consistently, or undefined when there is none. */
  getItem(jobId: string, action: string): Promise<JobItem | undefined>;
  /** Runs the update: the new item (with ReturnValues ALL_NEW) or {} when the condition held, undefined when it did not. */
  update(jobId: string, action: string, input: JobUpdate): Promise<JobItem | undefined>;
}

/** The {@link JobTable} for `tableName` through `client`. */
export function createJobTable(client: DynamoDBClient, tableName: string): JobTable {
  const key = (jobId: string) => ({ id: { S: jobId } });
  return {
    client,
    tableName,
    async getItem(jobId, action) {
      try {
        const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key(jobId), ConsistentRead: true }));
        return Item;
      } catch (error) {
        throw toDynamoError(error, tableName, jobId, action);
      }
    },
    async update(jobId, action, input) {
      try {
        const { Attributes } = await client.send(new UpdateItemCommand({ ...input, TableName: tableName, Key: key(jobId) }));
        return Attributes ?? {};
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw toDynamoError(error, tableName, jobId, action);
      }
    },
  };
}
