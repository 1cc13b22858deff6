/**
 * What an EventBridge state-change event says, once parsed: an ECS task's state, a Batch
 * job's state, or why the body was neither. Times are ms since the Unix epoch throughout.
 */

/** One container of an ECS task, as a state-change event or DescribeTasks reports it. */
export interface EcsContainerState {
  /** The container's name in the task definition. */
  readonly name: string;
  /** Its status: PENDING, RUNNING, STOPPED … */
  readonly lastStatus: string;
  /** Its exit code, once it has exited; absent when it never ran or was not reaped. */
  readonly exitCode?: number;
  /** Why it stopped, in ECS's words (e.g. "OutOfMemoryError: Container killed due to memory usage"). */
  readonly reason?: string;
}

/** An "ECS Task State Change" event (or the same facts from RunTask / DescribeTasks). */
export interface EcsTaskStateChange {
  readonly kind: 'ecs-task';
  /** The task's ARN: the key events are routed by. */
  readonly taskArn: string;
  /** The cluster's ARN. */
  readonly clusterArn: string;
  /** PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED (or a newer status). */
  readonly lastStatus: string;
  /** RUNNING or STOPPED: where ECS is taking the task. */
  readonly desiredStatus: string;
  /** Why the task stopped, as a code: TaskFailedToStart, EssentialContainerExited, UserInitiated, SpotInterruption … */
  readonly stopCode?: string;
  /** Why the task stopped, in ECS's words. */
  readonly stoppedReason?: string;
  /** Its containers. */
  readonly containers: readonly EcsContainerState[];
  /** The `startedBy` it was run with. */
  readonly startedBy?: string;
  /** Its task group (e.g. "family:worker"). */
  readonly group?: string;
  /** The task definition it runs. */
  readonly taskDefinitionArn?: string;
  /** When the task was created, in ms since the Unix epoch. */
  readonly createdAtMs?: number;
  /** When it started running, in ms since the Unix epoch. */
  readonly startedAtMs?: number;
  /** When it stopped, in ms since the Unix epoch. */
  readonly stoppedAtMs?: number;
  /** When the event was emitted (the envelope's `time`; for DescribeTasks, when it answered), in ms since the Unix epoch. */
  readonly eventTimeMs: number;
  /** ECS's change counter for the task: a higher version is a later state. Absent on events that lack it. */
  readonly version?: number;
}

/** A "Batch Job State Change" event. */
export interface BatchJobStateChange {
  readonly kind: 'batch-job';
  /** The job's id. */
  readonly jobId: string;
  /** The job's name. */
  readonly jobName: string;
  /** The job queue's ARN. */
  readonly jobQueue: string;
  /** SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED. */
  readonly status: string;
  /** Why it is in this status, in Batch's words. */
  readonly statusReason?: string;
  /** How many attempts it has made so far. */
  readonly attempts: number;
  /** The exit code of its latest attempt's container, once it has one. */
  readonly exitCode?: number;
  /** When the job was created, in ms since the Unix epoch. */
  readonly createdAtMs?: number;
  /** When it started, in ms since the Unix epoch. */
  readonly startedAtMs?: number;
  /** When it stopped, in ms since the Unix epoch. */
  readonly stoppedAtMs?: number;
  /** When the event was emitted (the envelope's `time`), in ms since the Unix epoch. */
  readonly eventTimeMs: number;
}

/** A body that is not a state-change event this package understands. */
export interface UnknownStateChange {
  readonly kind: 'unknown';
  /** Why, in one line: "not JSON", "another event: …", "detail.taskArn is missing" … */
  readonly reason: string;
}

/** What {@link parseStateChangeEvent} makes of a body. */
export type StateChangeEvent = EcsTaskStateChange | BatchJobStateChange | UnknownStateChange;

/** A state-change event that was understood. */
export type KnownStateChange = EcsTaskStateChange | BatchJobStateChange;

/** The Batch job statuses, in lifecycle order. */
export const batchJobStatuses = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
