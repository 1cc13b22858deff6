/**
 * @watchbot/job-tracking — every message's history, recorded through a job-store port on
 * SQLite locally and DynamoDB on AWS, queryable by job, by state and as statistics; the event
 * sink that records it without slowing processing; and notifiers that point at it.
 */
export type { JobEvent, JobEventSource, JobListQuery, JobStats, JobStore, JobSummary, OutcomeStats } from './job-store.js';
export { JobTrackingError, isJobTrackingError, jobTrackingErrorCodes } from './job-tracking-error.js';
export type { JobTrackingErrorCode, JobTrackingErrorOptions } from './job-tracking-error.js';
export { batchJobStatuses, ecsTaskStatuses, isOutcomeType, knownJobStates, outcomeTypes } from './job-event-types.js';
export { defaultRetentionDays, maxListLimit } from './job-store-options.js';
export { openSqliteJobStore } from './open-sqlite-job-store.js';
export type { SqliteJobStoreOptions } from './open-sqlite-job-store.js';
export { createDynamoJobStore } from './create-dynamo-job-store.js';
export type { DynamoJobStoreOptions } from './create-dynamo-job-store.js';
export { createJobHistorySink } from './job-history-sink.js';
export type { JobHistorySink, JobHistorySinkOptions } from './job-history-sink.js';
export { toJobEvent } from './to-job-event.js';
export { withHistoryPointer } from './history-pointer.js';
export { checkWebhookUrl, createWebhookNotifier } from './webhook-notifier.js';
export type { WebhookNotifierOptions } from './webhook-notifier.js';
export { toWebhookPayload } from './webhook-payload.js';
export type { WebhookPayload } from './webhook-payload.js';
