/**
 * The job history on AWS: the DynamoDB table the template creates (see dynamo-job-keys.ts for
 * the layout). It uses only the actions the task role is granted — BatchWriteItem for events,
 * UpdateItem for summaries, Query for reads — and sets `expiresAt` so TTL removes old items.
 */
import type { DynamoDBClient, QueryCommandInput, WriteRequest } from '@aws-sdk/client-dynamodb';
import { createSystemClock } from '@watchbot/core';
import type { Clock } from '@watchbot/core';
import { checkJobEvents } from './check-job-event.js';
import { forEachLimited, writeItems } from './dynamo-batch-writer.js';
import { toDynamoStoreError, isConditionFailed } from './dynamo-job-errors.js';
import type { Item } from './dynamo-job-items.js';
import { sortEvents, toEventItem, toFirstSeenUpdate, toItemKeyText, toJobEventFromItem, toJobSummaryFromItem, toSummaryUpdate } from './dynamo-job-items.js';
import { daysBetween, eventSortKeyPrefix, jobTableAttributes, padTime, toJobBucket, toJobPartitionKey, toOutcomeBucket } from './dynamo-job-keys.js';
import { loadDynamoSdk } from './dynamo-sdk.js';
import type { DynamoSdkModule } from './dynamo-sdk.js';
import { createJobStatsBuilder } from './job-stats-builder.js';
import type { JobEvent, JobStore, JobSummary } from './job-store.js';
import { checkListQuery, checkRetentionDays, checkStatsWindow, defaultRetentionDays, msPerDay } from './job-store-options.js';
import { invalidJobOption } from './job-tracking-error.js';

/** Options of {@link createDynamoJobStore}. */
export interface DynamoJobStoreOptions {
  /** The job-history table's name (the template's JobTable; `WatchbotJobTable` in the task's environment). */
  readonly tableName: string;
  /** The client to use; the store leaves it open on close. Default: a new client (region from `region` or the environment), destroyed on close. */
  readonly client?: DynamoDBClient;
  /** The region of the default client. Default: the SDK's (AWS_REGION, the profile). */
  readonly region?: string;
  /** Where "now" comes from (expiry, the listing window, retry pauses). Default: the system clock. */
  readonly clock?: Clock;
  /** Days items are kept: `expiresAt` is set this long after each event, and listings look back this far. Default 14. */
  readonly retentionDays?: number;
}

/** Summary updates in flight at once. */
const maxParallelUpdates = 8;
/** How far past the retention listings look: TTL deletes expired items within about 48 hours. */
const ttlDelayDays = 2;

const { partitionKey, sortKey, indexName, indexPartitionKey, indexSortKey, ttl } = jobTableAttributes;

/**
 * Creates the DynamoDB job store on `options.tableName`. Nothing is sent until the first call.
 * @throws JobTrackingError INVALID_OPTION for a bad table name or retention.
 */
export function createDynamoJobStore(options: DynamoJobStoreOptions): JobStore {
  const { tableName } = options;
  if (typeof tableName !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw invalidJobOption('tableName', tableName, 'a DynamoDB table name (3 to 255 letters, digits, _ - .)');
  }
  const retentionDays = checkRetentionDays(options.retentionDays ?? defaultRetentionDays);
  const clock = options.clock ?? createSystemClock();
  const ownsClient = options.client === undefined;
  let connecting: Promise<{ sdk: DynamoSdkModule; client: DynamoDBClient }> | undefined;
  let createdClient: DynamoDBClient | undefined;

  const connect = (): Promise<{ sdk: DynamoSdkModule; client: DynamoDBClient }> => {
    connecting ??= loadDynamoSdk().then((sdk) => {
      const client = options.client ?? new sdk.DynamoDBClient(options.region === undefined ? {} : { region: options.region });
      if (ownsClient) createdClient = client;
      return { sdk, client };
    });
    return connecting;
  };

  /** Every item a query returns, following pages; `stop` ends early once enough were collected. */
  const queryAll = async (input: Omit<QueryCommandInput, 'TableName'>, onItem: (item: Item) => boolean | void): Promise<void> => {
    const { sdk, client } = await connect();
    let startKey: Item | undefined;
    do {
      const page = await client.send(new sdk.QueryCommand({ ...input, TableName: tableName, ...(startKey !== undefined && { ExclusiveStartKey: startKey }) }));
      for (const item of page.Items ?? []) if (onItem(item) === true) return;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  };

  const isExpired = (item: Item): boolean => {
    const expiresAt = item[ttl];
    return expiresAt !== undefined && 'N' in expiresAt && Number(expiresAt.N) <= clock.now() / 1000;
  };

  const updateSummary = async (jobEvents: JobEvent[]): Promise<void> => {
    const { sdk, client } = await connect();
    try {
      await client.send(new sdk.UpdateItemCommand(toSummaryUpdate(tableName, jobEvents, retentionDays)));
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      // Older than what the summary shows (events arrived out of order): only its first sighting can change.
      const first = jobEvents[0];
      if (first === undefined) return;
      try {
        await client.send(new sdk.UpdateItemCommand(toFirstSeenUpdate(tableName, first.jobId, first.timeMs)));
      } catch (fallbackError) {
        if (!isConditionFailed(fallbackError)) throw fallbackError;
      }
    }
  };

  return {
    async append(events) {
      checkJobEvents(events);
      if (events.length === 0) return;
      try {
        const { sdk, client } = await connect();
        const sorted = sortEvents(events);
        // One BatchWriteItem may not name a key twice: a repeated event (same job, time, type, attempt) is stored once.
        const requests = new Map<string, WriteRequest>();
        const byJob = new Map<string, JobEvent[]>();
        for (const event of sorted) {
          const item = toEventItem(event, retentionDays);
          requests.set(toItemKeyText(item), { PutRequest: { Item: item } });
          const jobEvents = byJob.get(event.jobId);
          if (jobEvents === undefined) byJob.set(event.jobId, [event]);
          else jobEvents.push(event);
        }
        await writeItems({ sdk, client, tableName, clock }, [...requests.values()]);
        // Summaries after events: a summary never points at an event that is not stored yet.
        await forEachLimited([...byJob.values()], maxParallelUpdates, updateSummary);
      } catch (error) {
        throw toDynamoStoreError(error, tableName, 'record job events');
      }
    },

    async list(query) {
      const { state, sinceMs, limit } = checkListQuery(query);
      const nowMs = clock.now();
      const oldestMs = Math.max(sinceMs ?? Number.NEGATIVE_INFINITY, nowMs - (retentionDays + ttlDelayDays) * msPerDay);
      // Newest day first; a day after today covers clocks slightly ahead of this one.
      const days = daysBetween(oldestMs, nowMs + msPerDay).reverse();
      const found = new Map<string, JobSummary>();
      try {
        for (const dayMs of days) {
          await queryAll(
            {
              IndexName: indexName,
              KeyConditionExpression: '#pk = :pk AND #sk >= :since',
              ExpressionAttributeNames: { '#pk': indexPartitionKey, '#sk': indexSortKey, ...(state !== undefined && { '#state': 'state' }) },
              ExpressionAttributeValues: { ':pk': { S: toJobBucket(dayMs) }, ':since': { S: padTime(Math.max(0, oldestMs)) }, ...(state !== undefined && { ':state': { S: state } }) },
              ...(state !== undefined && { FilterExpression: '#state = :state' }),
              ScanIndexForward: false,
            },
            (item) => {
              if (isExpired(item)) return false;
              const summary = toJobSummaryFromItem(item);
              // A summary updated during the listing may show up in two days: it counts once.
              if (!found.has(summary.jobId)) found.set(summary.jobId, summary);
              return found.size >= limit;
            },
          );
          if (found.size >= limit) break;
        }
      } catch (error) {
        throw toDynamoStoreError(error, tableName, 'list jobs');
      }
      return [...found.values()].sort((a, b) => b.lastSeenMs - a.lastSeenMs || (a.jobId < b.jobId ? 1 : a.jobId > b.jobId ? -1 : 0)).slice(0, limit);
    },

    async history(jobId) {
      if (typeof jobId !== 'string') throw invalidJobOption('jobId', jobId, 'a job id');
      if (jobId === '') return [];
      const events: JobEvent[] = [];
      try {
        await queryAll(
          {
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
            ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
            ExpressionAttributeValues: { ':pk': { S: toJobPartitionKey(jobId) }, ':prefix': { S: eventSortKeyPrefix } },
            ConsistentRead: true,
          },
          (item) => {
            if (!isExpired(item)) events.push(toJobEventFromItem(item));
          },
        );
      } catch (error) {
        throw toDynamoStoreError(error, tableName, `read the history of job ${jobId}`);
      }
      return events;
    },

    async stats(window) {
      const { sinceMs, untilMs } = checkStatsWindow(window);
      const builder = createJobStatsBuilder(sinceMs, untilMs);
      try {
        for (const dayMs of daysBetween(sinceMs, untilMs)) {
          await queryAll(
            {
              IndexName: indexName,
              KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#pk': indexPartitionKey, '#sk': indexSortKey, '#type': 'type', '#duration': 'durationMs', '#ttl': ttl },
              ExpressionAttributeValues: { ':pk': { S: toOutcomeBucket(dayMs) }, ':from': { S: padTime(Math.max(0, sinceMs)) }, ':to': { S: `${padTime(untilMs)}$` } },
              ProjectionExpression: '#type, #duration, #ttl',
            },
            (item) => {
              if (isExpired(item)) return;
              const type = item['type'];
              const duration = item['durationMs'];
              builder.add(type !== undefined && 'S' in type ? (type.S ?? '') : '', duration !== undefined && 'N' in duration ? Number(duration.N) : undefined);
            },
          );
        }
      } catch (error) {
        throw toDynamoStoreError(error, tableName, 'compute job statistics');
      }
      return builder.build();
    },

    async close() {
      createdClient?.destroy();
    },
  };
}
