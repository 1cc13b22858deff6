/**
 * @watchbot/cli — the `watchbot` command (run, send, status, dead-letter, listen, progress, jobs,
 * track, dashboard, template) and the pieces an embedder may reuse: `main` itself, queue-address
 * parsing, `listen`'s environment reader, stack discovery (`resolveStackResources`), the
 * dead-letter command with a job-history hook, and task mode's readers.
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
export { resolveStackResources } from './stack-discovery.js';
export type { ResolveStackOptions, StackResources } from './stack-discovery.js';
export { StackDiscoveryError, isStackDiscoveryError, stackErrorCodes } from './stack-discovery-error.js';
export type { StackErrorCode } from './stack-discovery-error.js';
export { createDeadLetterCommand } from './commands/dead-letter-command.js';
export type { DeadLetterCommandOptions } from './commands/dead-letter-command.js';
export { deadLetterActions } from './dead-letter-request.js';
export type { DeadLetterAction } from './dead-letter-request.js';
export { openDeadLetterQueue } from './open-dead-letter-queue.js';
export type { DeadLetterLocation, OpenedDeadLetters } from './open-dead-letter-queue.js';
export { showQueueJobHistory } from './show-queue-job-history.js';
export type { QueueHistoryContext } from './show-queue-job-history.js';
export { readListenTaskMode, readRunTaskMode, taskModeFlags } from './task-mode-options.js';
export type { TaskModeConfig } from './task-mode-options.js';
export { toBatchJobEvent, toStateChangeJobEvent, toTaskJobEvent } from './state-change-job-event.js';
export type { TaskJobEventOptions } from './state-change-job-event.js';
export { toFailureNotification } from './state-change-failure.js';
export { dashboardTokenVariable } from './commands/dashboard-command.js';
export { version } from './version.js';
