/**
 * @watchbot/core — the message lifecycle: run a command once per queue message, at least
 * once, and settle each message by the command's exit code. No network, no storage: the
 * queue, notifier, runner, clock and event sink are ports that adapters implement.
 */

// Ports
export type { Clock, TimerHandle } from './ports/clock.js';
export { sleep } from './ports/clock.js';
export { sqsLimits } from './queue-limits.js';
export type { BatchResult, OutgoingMessage, Queue, QueueCounts, QueueLimits, QueueMessage, ReceiveOptions, VisibilityChange } from './ports/queue.js';
export type { Notification, NotificationKind, Notifier } from './ports/notifier.js';
export { toNotificationRecord } from './notification-record.js';
export type { NotificationRecord } from './notification-record.js';
export type { OutputStream, Runner, WorkerJob, WorkerResult } from './ports/runner.js';
export type { EventSink, LifecycleEvent, LifecycleEventType, ReturnReason } from './ports/events.js';
export { combineEventSinks, lifecycleEventTypes } from './ports/events.js';
export type { LogEntry, Logger, LogLevel } from './ports/logger.js';
export type { DeadLetter, DeadLetterActionOptions, DeadLetterActionResult, DeadLetterCursor, DeadLetterProgress, DeadLetterQueue } from './ports/dead-letters.js';

// Errors
export { WatchbotError, errorCodes, invalidOption, isWatchbotError } from './errors.js';
export type { ErrorCode } from './errors.js';

// The message and its contract
export { unwrapSnsEnvelope } from './sns-envelope.js';
export type { UnwrappedBody } from './sns-envelope.js';
export { toWorkMessage } from './work-message.js';
export type { WorkMessage } from './work-message.js';
export { maxEnvironmentStringBytes, toWorkerEnvironment } from './worker-environment.js';
export type { WorkerEnvironment, WorkerResources } from './worker-environment.js';
export { exitCodes, outcomeActions, toOutcome } from './outcomes.js';
export type { AbortReason, Outcome, OutcomeAction } from './outcomes.js';
export { defaultBackoffPolicy, planBackoff, validateBackoffPolicy } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export { capVisibility, planHeartbeat, toHeartbeatPolicy } from './heartbeat.js';
export type { HeartbeatPolicy } from './heartbeat.js';

// The watcher and runners
export { createWatcher } from './watcher.js';
export type { Watcher, WatcherSummary } from './watcher.js';
export { resolveWatcherOptions, watcherDefaults } from './watcher-options.js';
export type { ResolvedWatcherOptions, WatcherOptions } from './watcher-options.js';
export { createSubprocessRunner } from './subprocess-runner.js';
export type { SubprocessRunner } from './subprocess-runner.js';
export type { SubprocessRunnerOptions } from './subprocess-runner-options.js';
export { createFunctionRunner } from './function-runner.js';
export type { WorkerFunction } from './function-runner.js';

// Clocks, logs and metrics
export { createSystemClock } from './system-clock.js';
export { createJsonLogger, createTextLogger } from './json-logger.js';
export type { LineWriter, LoggerOptions } from './json-logger.js';
export { createLogEventSink, describeEvent } from './log-event-sink.js';
export { createMetricsEventSink, toEmfDocument, watchbotMetrics } from './metrics-event-sink.js';
export type { EmfDocument, MetricsEventSinkOptions, WatchbotMetricName } from './metrics-event-sink.js';
