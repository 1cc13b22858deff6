/**
 * ECS task and Batch job state changes as job-history events (source `ecs` or `batch`): the
 * platform's status as the type, the exit code once there is one, ECS's stoppedReason or Batch's
 * statusReason as the detail, how long the work ran, and where (the cluster or job queue).
 * `watchbot track` records every change under the task ARN or Batch job id; `listen` in task
 * mode records its own tasks' changes under the message id, beside the watcher's events.
 */
import type { BatchJobStateChange, EcsTaskStateChange, KnownStateChange } from '@watchbot/ecs-task-mode';
import type { JobEvent } from '@watchbot/job-tracking';

/** The last part of an ARN's resource, e.g. "cluster/prod" or "job-queue/high" (the ARN itself when it has none). */
export function toShortResource(arn: string): string {
  const parts = arn.split(':');
  return parts.length >= 6 ? parts.slice(5).join(':') : arn;
}

/**
 * A stopped task's exit code: `containerName`'s when given; otherwise the first non-zero exit
 * code of any container, else 0 when a container exited. null when the task stopped without
 * one (it never ran: TaskFailedToStart …); undefined while it has not stopped.
 */
export function toTaskExitCode(change: EcsTaskStateChange, containerName?: string): number | null | undefined {
  if (change.lastStatus !== 'STOPPED') return undefined;
  const containers = containerName === undefined ? change.containers : change.containers.filter((container) => container.name === containerName);
  const codes = containers.map((container) => container.exitCode).filter((code) => code !== undefined);
  if (codes.length === 0) return null;
  return codes.find((code) => code !== 0) ?? 0;
}

/** Why a task stopped, in one line: its stop code and reason, and any container's own reason (an out-of-memory kill). */
export function describeTaskStop(change: EcsTaskStateChange): string | undefined {
  const reason = change.stoppedReason;
  const head = change.stopCode !== undefined && reason !== undefined && !reason.startsWith(change.stopCode) ? `${change.stopCode}: ${reason}` : (reason ?? change.stopCode);
  const containerReasons = change.containers.filter((container) => container.reason !== undefined).map((container) => `container ${container.name}: ${container.reason}`);
  const parts = [head, ...containerReasons].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join('; ');
}

/** The task definition a task runs, as "family:revision" from its ARN (else its group), for subjects. */
export function toTaskDefinitionName(change: EcsTaskStateChange): string | undefined {
  const arn = change.taskDefinitionArn;
  if (arn === undefined) return change.group;
  const resource = toShortResource(arn);
  return resource.startsWith('task-definition/') ? resource.slice('task-definition/'.length) : resource;
}

function runTimeMs(startedAtMs: number | undefined, stoppedAtMs: number | undefined): number | undefined {
  return startedAtMs !== undefined && stoppedAtMs !== undefined && stoppedAtMs >= startedAtMs ? stoppedAtMs - startedAtMs : undefined;
}

/**
 * When the task reached its state, in ms: ECS's own creation, start and stop times (to the ms)
 * where the state has one, else when the event was sent (events carry whole seconds).
 */
function toTransitionTimeMs(change: EcsTaskStateChange): number {
  const exact = change.lastStatus === 'STOPPED' ? change.stoppedAtMs : change.lastStatus === 'RUNNING' ? change.startedAtMs : change.lastStatus === 'PROVISIONING' ? change.createdAtMs : undefined;
  return Math.max(0, Math.round(exact ?? change.eventTimeMs));
}

/** Options of {@link toTaskJobEvent}. */
export interface TaskJobEventOptions {
  /** The job the event belongs to. Default: the task ARN. */
  readonly jobId?: string;
  /** The container whose exit code counts. Default: any (see {@link toTaskExitCode}). */
  readonly containerName?: string;
  /** Where it ran, as the history shows it. Default: the cluster ("cluster/prod"). */
  readonly host?: string;
  /** Record the task definition as the subject (the job's name in listings). Default true. */
  readonly withSubject?: boolean;
}

/** One ECS task state change as a job event of source `ecs`. */
export function toTaskJobEvent(change: EcsTaskStateChange, options: TaskJobEventOptions = {}): JobEvent {
  const exitCode = toTaskExitCode(change, options.containerName);
  const detail = change.lastStatus === 'STOPPED' || change.stopCode !== undefined ? describeTaskStop(change) : undefined;
  const durationMs = change.lastStatus === 'STOPPED' ? runTimeMs(change.startedAtMs, change.stoppedAtMs) : undefined;
  const subject = options.withSubject === false ? undefined : toTaskDefinitionName(change);
  return {
    jobId: options.jobId ?? change.taskArn,
    timeMs: toTransitionTimeMs(change),
    type: change.lastStatus,
    source: 'ecs',
    ...(exitCode !== undefined && { exitCode }),
    ...(durationMs !== undefined && { durationMs }),
    ...(detail !== undefined && { detail }),
    ...(subject !== undefined && { subject }),
    host: options.host ?? toShortResource(change.clusterArn),
  };
}

/** One Batch job state change as a job event of source `batch`: the attempt is Batch's attempt count. */
export function toBatchJobEvent(change: BatchJobStateChange): JobEvent {
  const settled = change.status === 'SUCCEEDED' || change.status === 'FAILED';
  const durationMs = settled ? runTimeMs(change.startedAtMs, change.stoppedAtMs) : undefined;
  return {
    jobId: change.jobId,
    timeMs: Math.max(0, Math.round(change.eventTimeMs)),
    type: change.status,
    source: 'batch',
    ...(change.attempts > 0 && { attempt: change.attempts }),
    ...(change.exitCode !== undefined && { exitCode: change.exitCode }),
    ...(durationMs !== undefined && { durationMs }),
    ...(change.statusReason !== undefined && { detail: change.statusReason }),
    subject: change.jobName,
    host: toShortResource(change.jobQueue),
  };
}

/** Any known state change as its job event. */
export function toStateChangeJobEvent(change: KnownStateChange): JobEvent {
  return change.kind === 'ecs-task' ? toTaskJobEvent(change) : toBatchJobEvent(change);
}
