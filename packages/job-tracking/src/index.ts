/**
 * @watchbot/job-tracking — every message's history, recorded through a job-store port on
 * SQLite locally and DynamoDB on AWS, queryable by job, by state and as statistics.
 */
export type { JobEvent, JobEventSource, JobListQuery, JobStats, JobStore, JobSummary, OutcomeStats } from './job-store.js';
