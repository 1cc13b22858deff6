/**
 * The same facts as a state-change event, from an ECS API answer (RunTask, DescribeTasks):
 * the runner feeds those through the router's ordering like any event.
 */
import type { Task } from '@aws-sdk/client-ecs';
import type { EcsContainerState, EcsTaskStateChange } from './state-change-event.js';

/**
 * Converts an SDK `Task` observed at `observedAtMs` (ms since the Unix epoch).
 * @returns undefined when the answer lacks the task's ARN or status.
 */
export function toTaskStateChange(task: Task, observedAtMs: number, fallbackClusterArn: string): EcsTaskStateChange | undefined {
  if (task.taskArn === undefined || task.lastStatus === undefined) return undefined;
  const containers = (task.containers ?? []).flatMap((container): EcsContainerState[] =>
    container.name === undefined
      ? []
      : [
          {
            name: container.name,
            lastStatus: container.lastStatus ?? 'PENDING',
            ...(container.exitCode !== undefined && container.exitCode !== null && { exitCode: container.exitCode }),
            ...(container.reason !== undefined && container.reason !== '' && { reason: container.reason }),
          },
        ],
  );
  const time = (date: Date | undefined): number | undefined => (date instanceof Date && Number.isFinite(date.getTime()) ? date.getTime() : undefined);
  const createdAtMs = time(task.createdAt);
  const startedAtMs = time(task.startedAt);
  const stoppedAtMs = time(task.stoppedAt);
  return {
    kind: 'ecs-task',
    taskArn: task.taskArn,
    clusterArn: task.clusterArn ?? fallbackClusterArn,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus ?? 'RUNNING',
    ...(task.stopCode !== undefined && { stopCode: task.stopCode }),
    ...(task.stoppedReason !== undefined && task.stoppedReason !== '' && { stoppedReason: task.stoppedReason }),
    containers,
    ...(task.startedBy !== undefined && { startedBy: task.startedBy }),
    ...(task.group !== undefined && { group: task.group }),
    ...(task.taskDefinitionArn !== undefined && { taskDefinitionArn: task.taskDefinitionArn }),
    ...(createdAtMs !== undefined && { createdAtMs }),
    ...(startedAtMs !== undefined && { startedAtMs }),
    ...(stoppedAtMs !== undefined && { stoppedAtMs }),
    eventTimeMs: observedAtMs,
    ...(task.version !== undefined && { version: task.version }),
  };
}
