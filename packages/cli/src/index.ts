/**
 * @watchbot/cli — the `watchbot` command (run, send, status, listen) and the pieces an
 * embedder may reuse: `main` itself, queue-address parsing and `listen`'s environment reader.
 */
export { main, commands } from './main.js';
export type { CliIo, TextOutput } from './cli-io.js';
export { createProcessIo } from './cli-io.js';
export type { CommandDefinition, ParsedArguments } from './command-definition.js';
export { parseQueueAddress, toQueueUrl, defaultQueueName, queueDirectoryName } from './queue-address.js';
export type { QueueAddress, SqliteQueueAddress, SqsQueueAddress } from './queue-address.js';
export { openQueue } from './open-queue.js';
export type { CliQueue, OpenQueueOptions } from './open-queue.js';
export { readListenEnvironment, listenVariables } from './listen-environment.js';
export type { ListenConfig } from './listen-environment.js';
export { watchQueue } from './watch-queue.js';
export type { WatchQueueOptions, WatchSettings } from './watch-queue.js';
export { createCliLogger, resolveLogFormat } from './cli-logger.js';
export type { CliLoggerOptions, LogFormat } from './cli-logger.js';
export { createVolumeCleaningRunner } from './volume-cleaning-runner.js';
export type { VolumeCleaningOptions } from './volume-cleaning-runner.js';
export { maxBodyBytes } from './message-body.js';
export { UsageError, isUsageError } from './usage-error.js';
export { version } from './version.js';
