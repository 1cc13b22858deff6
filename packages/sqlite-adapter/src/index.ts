/**
 * @watchbot/sqlite-adapter — Watchbot's embedded default queue and notifier on the built-in
 * node:sqlite: one durable file, nothing to install or start, the semantics of SQS.
 */
export { openSqliteQueue, sqliteQueueLimits } from './sqlite-queue.js';
export type { SqliteQueue } from './sqlite-queue.js';
export { resolveSqliteQueueOptions, sqliteQueueDefaults } from './sqlite-queue-options.js';
export type { ResolvedSqliteQueueOptions, SqliteQueueOptions } from './sqlite-queue-options.js';
export type { DeadLetter } from './dead-letters.js';
export { openSqliteDeadLetterQueue, sqliteDeadLetterBatchSize } from './sqlite-dead-letter-queue.js';
export type { SqliteDeadLetterQueue, SqliteDeadLetterQueueOptions } from './sqlite-dead-letter-queue.js';
export type { StoredNotification } from './sqlite-notifier.js';
export { schemaVersion } from './schema.js';
// Helpers for other node:sqlite stores of the project (reduce mode's progress store).
export { inImmediateTransaction } from './immediate-transaction.js';
export { openVersionedDatabase } from './versioned-database.js';
export type { VersionedDatabaseOptions } from './versioned-database.js';
export { toNumber, toOptionalString, toText } from './row-values.js';
