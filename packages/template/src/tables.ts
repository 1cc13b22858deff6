/**
 * DynamoDB tables, on demand: reduce mode's progress table (one item per job, keyed by job id)
 * and job tracking's history table (a generic single-table key schema with one sparse index,
 * items expiring through TTL). The task role's grants to them live in roles.ts — the original
 * created the progress table and granted nothing.
 */
import type { BuildContext, Resources } from './build-context.js';
import { DynamoDB } from './cloudform.js';
import { withDeletePolicy } from './deletion-policy.js';

/** The key schemas the DynamoDB stores (reduce mode, job tracking) must use. */
export const tableSchemas = {
  /** Reduce mode: partition key `id` (string, the job id); items may carry `expiresAt` (epoch seconds). */
  progress: { partitionKey: 'id', ttlAttribute: 'expiresAt' },
  /**
   * Job history: partition key `pk`, sort key `sk` (strings); index `gsi1` on `gsi1pk`/`gsi1sk`
   * (strings, sparse) for listings by state and time; `expiresAt` (epoch seconds) is the TTL.
   */
  jobs: { partitionKey: 'pk', sortKey: 'sk', indexName: 'gsi1', indexPartitionKey: 'gsi1pk', indexSortKey: 'gsi1sk', ttlAttribute: 'expiresAt' },
} as const;

/** The progress table, when reduce mode is on. */
export function buildProgressTable({ options, ids }: BuildContext): Resources {
  if (!options.reduceMode) return {};
  const schema = tableSchemas.progress;
  return {
    [ids.ProgressTable]: withDeletePolicy(
      new DynamoDB.Table({
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: schema.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: schema.partitionKey, KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: schema.ttlAttribute, Enabled: true },
      }),
    ),
  };
}

/** The job-history table, when job tracking is on. */
export function buildJobTable({ options, ids }: BuildContext): Resources {
  if (options.jobTracking === undefined) return {};
  const schema = tableSchemas.jobs;
  return {
    [ids.JobTable]: withDeletePolicy(
      new DynamoDB.Table({
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
        TimeToLiveSpecification: { AttributeName: schema.ttlAttribute, Enabled: true },
      }),
    ),
  };
}
