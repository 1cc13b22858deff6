/**
 * What a stopped task means for its message: the worker container's exit code when it has
 * one, else a signal-like reason (the task's stopCode) that counts as a failure — a task that
 * never started, or was reclaimed, did not do the work.
 */
import type { WorkerResult } from '@watchbot/core';
import { exitCodes } from '@watchbot/core';
import type { EcsTaskStateChange } from './state-change-event.js';

/** The result for a stopped task, and a line explaining any stop that was not a plain exit. */
export interface StoppedTaskResult {
  readonly result: WorkerResult;
  /** Set unless the worker container exited 0, 3 or 4 on its own. */
  readonly warning?: string;
}

/** The short id of a task (the last part of its ARN), for messages. */
export function toTaskId(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1) || taskArn;
}

const plainExits: ReadonlySet<number> = new Set(Object.values(exitCodes));

/** Reads the result of a STOPPED report for the worker container `containerName`. */
export function toStoppedTaskResult(change: EcsTaskStateChange, containerName: string): StoppedTaskResult {
  const container = change.containers.find((candidate) => candidate.name === containerName);
  const why = [change.stopCode, change.stoppedReason].filter((part) => part !== undefined).join(': ') || 'no reason given';
  const task = `ECS task ${toTaskId(change.taskArn)}`;
  if (container?.exitCode !== undefined) {
    const ownExit = change.stopCode === undefined || change.stopCode === 'EssentialContainerExited';
    const result = { exitCode: container.exitCode, signal: null };
    if (ownExit && plainExits.has(container.exitCode) && container.reason === undefined) return { result };
    const reason = container.reason === undefined ? '' : ` (${container.reason})`;
    return { result, warning: `${task} stopped (${why}); container ${containerName} exited ${container.exitCode}${reason}` };
  }
  const signal = change.stopCode ?? 'TaskStopped';
  if (container === undefined) {
    const names = change.containers.map((candidate) => candidate.name).join(', ') || 'none';
    return { result: { exitCode: null, signal }, warning: `${task} stopped (${why}) and has no container named ${containerName} (it has: ${names}); counted as a failure` };
  }
  const reason = container.reason === undefined ? '' : `; container ${containerName}: ${container.reason}`;
  return { result: { exitCode: null, signal }, warning: `${task} stopped before container ${containerName} exited (${why})${reason}; counted as a failure` };
}
