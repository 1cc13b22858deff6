/**
 * Which platform state changes are failures worth a notification — an ECS task that stopped
 * with a non-zero exit code or without ever running, a Batch job that FAILED — and the
 * notification `watchbot track` sends for them (kind `failed`, the same shape the watcher sends).
 */
import type { KnownStateChange } from '@watchbot/ecs-task-mode';
import type { Notification } from '@watchbot/core';
import { describeTaskStop, toShortResource, toTaskDefinitionName, toTaskExitCode } from './state-change-job-event.js';

function exitText(exitCode: number | null | undefined): string {
  return exitCode === null || exitCode === undefined ? 'without an exit code' : `with exit code ${exitCode}`;
}

/**
 * The failure notification for `change`, or undefined when it is not a failure.
 * @returns for ECS, a STOPPED task whose containers' exit code is not 0 (or that has none);
 *   for Batch, a FAILED job. `messageId` is the task ARN or the Batch job id.
 */
export function toFailureNotification(change: KnownStateChange): Notification | undefined {
  if (change.kind === 'ecs-task') {
    const exitCode = toTaskExitCode(change);
    if (exitCode === undefined || exitCode === 0) return undefined;
    const why = describeTaskStop(change);
    const taskId = change.taskArn.slice(change.taskArn.lastIndexOf('/') + 1);
    const definition = toTaskDefinitionName(change);
    return {
      kind: 'failed',
      messageId: change.taskArn,
      ...(definition !== undefined && { subject: definition }),
      exitCode: exitCode ?? null,
      signal: exitCode === null ? (change.stopCode ?? 'TaskStopped') : null,
      receiveCount: 1,
      outputTail: [],
      summary: `[failure] ECS task ${taskId}${definition === undefined ? '' : ` (${definition})`} in ${toShortResource(change.clusterArn)} stopped ${exitText(exitCode)}${why === undefined ? '' : `: ${why}`}`,
      timeMs: Math.round(change.eventTimeMs),
    };
  }
  if (change.status !== 'FAILED') return undefined;
  const attempts = change.attempts === 1 ? '1 attempt' : `${change.attempts} attempts`;
  return {
    kind: 'failed',
    messageId: change.jobId,
    subject: change.jobName,
    exitCode: change.exitCode ?? null,
    signal: null,
    receiveCount: change.attempts,
    outputTail: [],
    summary: `[failure] Batch job ${change.jobName} (${change.jobId}) in ${toShortResource(change.jobQueue)} failed after ${attempts} ${exitText(change.exitCode)}${change.statusReason === undefined ? '' : `: ${change.statusReason}`}`,
    timeMs: Math.round(change.eventTimeMs),
  };
}
