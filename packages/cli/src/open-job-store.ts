/**
 * Opens the job-history store a location names: the SQLite file, or the DynamoDB table (the
 * AWS SDK is loaded only then, by the store itself).
 */
import { createDynamoJobStore, openSqliteJobStore } from '@watchbot/job-tracking';
import type { JobStore } from '@watchbot/job-tracking';
import type { JobHistoryLocation } from './job-history-location.js';

/** Options of {@link openJobStore}. */
export interface OpenJobStoreOptions {
  /** Days events are kept (SQLite prunes older ones; DynamoDB items expire). Default: the store's (14). */
  readonly retentionDays?: number;
}

/** Opens the store at `location`. @throws JobTrackingError STORE_UNAVAILABLE when an SQLite file cannot be opened. */
export function openJobStore(location: JobHistoryLocation, options: OpenJobStoreOptions = {}): JobStore {
  const retention = options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays };
  if (location.kind === 'sqlite') return openSqliteJobStore({ path: location.path, ...retention });
  return createDynamoJobStore({ tableName: location.tableName, ...(location.region !== undefined && { region: location.region }), ...retention });
}
