/**
 * @watchbot/ecs-task-mode — ECS-task mode for Watchbot: each message runs as its own ECS task,
 * settled by the task's exit code from ECS state-change events (EventBridge → SQS), with
 * DescribeTasks as the fallback for late events.
 */

// Errors
export { EcsTaskModeError, ecsTaskModeErrorCodes, isEcsTaskModeError } from './ecs-task-mode-error.js';
export type { EcsTaskModeErrorCode, EcsTaskModeErrorOptions } from './ecs-task-mode-error.js';

// State-change events
export { parseStateChangeEvent, stateChangeEventTypes } from './parse-state-change-event.js';
export { batchJobStatuses } from './state-change-event.js';
export type { BatchJobStateChange, EcsContainerState, EcsTaskStateChange, KnownStateChange, StateChangeEvent, UnknownStateChange } from './state-change-event.js';
export { ecsTaskStatuses, isTaskStopped, supersedes } from './task-state-order.js';
export { toTaskStateChange } from './to-task-state-change.js';

// The router
export { createTaskEventRouter } from './task-event-router.js';
export type { TaskEventCounts, TaskEventRouter, TaskEventRouterOptions, TaskStateListener } from './task-event-router.js';

// The runner
export { createEcsTaskRunner } from './ecs-task-runner.js';
export type { EcsTaskRunner } from './ecs-task-runner.js';
export { ecsTaskRunnerDefaults, resolveEcsTaskRunnerOptions } from './ecs-task-runner-options.js';
export type { CapacityProviderItem, CapacityRetryPolicy, EcsLaunchType, EcsTaskRunnerOptions, ResolvedEcsTaskRunnerOptions, TaskNetwork } from './ecs-task-runner-options.js';
export { maxOverridesBytes, messageIdTagKey } from './run-task-request.js';
export { toStoppedTaskResult } from './stopped-task-result.js';
export type { StoppedTaskResult } from './stopped-task-result.js';
export { describeTasksBatchSize } from './task-describer.js';

// Wiring from the environment
export { readTaskModeEnvironment, taskModeVariables } from './task-mode-environment.js';
export type { TaskModeSettings } from './task-mode-environment.js';
