/**
 * Builds ECS task state-change events and task descriptions for one task, shaped like the
 * recorded fixtures (EventBridge envelope, ISO times), for tests and the fake ECS.
 */
import type { Task } from '@aws-sdk/client-ecs';

/** What a test says about the task's state. */
export interface TaskStateSpec {
  readonly taskArn: string;
  readonly clusterArn?: string;
  readonly lastStatus: string;
  readonly desiredStatus?: string;
  readonly version?: number;
  readonly exitCode?: number;
  readonly containerReason?: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  readonly containerName?: string;
  /** ms since the Unix epoch. */
  readonly timeMs: number;
}

export const defaultClusterArn = 'arn:aws:ecs:us-east-1:111122223333:cluster/watchbot';

/** An "ECS Task State Change" event body for `spec`. */
export function toEventBody(spec: TaskStateSpec): string {
  const stopped = spec.lastStatus === 'STOPPED';
  const time = new Date(spec.timeMs).toISOString();
  return JSON.stringify({
    version: '0',
    id: `event-${spec.taskArn.slice(-6)}-${spec.version ?? 'x'}-${spec.lastStatus}`,
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: '111122223333',
    time: time.replace(/\.\d+Z$/, 'Z'),
    region: 'us-east-1',
    resources: [spec.taskArn],
    detail: {
      clusterArn: spec.clusterArn ?? defaultClusterArn,
      containers: [
        {
          name: spec.containerName ?? 'worker',
          lastStatus: stopped ? 'STOPPED' : spec.lastStatus === 'RUNNING' ? 'RUNNING' : 'PENDING',
          ...(spec.exitCode !== undefined && { exitCode: spec.exitCode }),
          ...(spec.containerReason !== undefined && { reason: spec.containerReason }),
          taskArn: spec.taskArn,
        },
      ],
      createdAt: time,
      desiredStatus: spec.desiredStatus ?? (stopped ? 'STOPPED' : 'RUNNING'),
      group: 'family:demo-worker',
      lastStatus: spec.lastStatus,
      launchType: 'FARGATE',
      startedBy: 'watchbot',
      ...(spec.stopCode !== undefined && { stopCode: spec.stopCode }),
      ...(spec.stoppedReason !== undefined && { stoppedReason: spec.stoppedReason }),
      ...(stopped && { stoppedAt: time }),
      taskArn: spec.taskArn,
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:111122223333:task-definition/demo-worker:3',
      ...(spec.version !== undefined && { version: spec.version }),
    },
  });
}

/** The same state as the ECS API (RunTask, DescribeTasks) describes it. */
export function toTask(spec: TaskStateSpec): Task {
  return {
    taskArn: spec.taskArn,
    clusterArn: spec.clusterArn ?? defaultClusterArn,
    lastStatus: spec.lastStatus,
    desiredStatus: spec.desiredStatus ?? (spec.lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING'),
    containers: [
      {
        name: spec.containerName ?? 'worker',
        lastStatus: spec.lastStatus === 'STOPPED' ? 'STOPPED' : 'PENDING',
        ...(spec.exitCode !== undefined && { exitCode: spec.exitCode }),
        ...(spec.containerReason !== undefined && { reason: spec.containerReason }),
      },
    ],
    createdAt: new Date(spec.timeMs),
    startedBy: 'watchbot',
    ...(spec.stopCode !== undefined && { stopCode: spec.stopCode as Task['stopCode'] }),
    ...(spec.stoppedReason !== undefined && { stoppedReason: spec.stoppedReason }),
    ...(spec.version !== undefined && { version: spec.version }),
  };
}

/** A task ARN in the test cluster. */
export function toTaskArn(id: string | number): string {
  return `arn:aws:ecs:us-east-1:111122223333:task/watchbot/${String(id).padStart(32, '0')}`;
}
