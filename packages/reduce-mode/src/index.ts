/**
 * @watchbot/reduce-mode — fan-out / fan-in progress tracking: a job's parts are completed
 * once each, and exactly one caller learns that it completed the job. SQLite locally,
 * DynamoDB on AWS, one contract.
 */
export { ReduceModeError, isReduceModeError, reduceModeErrorCodes } from './reduce-mode-error.js';
export type { ReduceModeErrorCode, ReduceModeErrorOptions } from './reduce-mode-error.js';
export type { CompletePartResult, JobStatus, ProgressStore } from './progress-store.js';
export { openSqliteProgressStore } from './open-sqlite-progress-store.js';
export type { SqliteProgressStoreOptions } from './open-sqlite-progress-store.js';
export { createDynamoProgressStore } from './create-dynamo-progress-store.js';
export type { DynamoProgressStoreOptions } from './create-dynamo-progress-store.js';
export { fanOut } from './fan-out.js';
export type { FanOutOptions, MessageSender } from './fan-out.js';
export { parsePartMessage, toPartMessage } from './part-message.js';
export type { PartMessage } from './part-message.js';
