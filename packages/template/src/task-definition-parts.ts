/**
 * The parts of a task definition that the watcher's and a task-mode worker's share: container
 * logs, mounts and sizes, and the task definition's capacity, size and networking.
 */
import type { BuildContext } from './build-context.js';
import { ECS, GetAtt, Ref } from './cloudform.js';
import type { Value } from './cloudform.js';

/**
 * What the watcher's container and a task-mode worker's container share: logs, filesystem and
 * mounts, the stop timeout, an init process, and the sizes EC2 containers declare.
 * @param stopTimeoutSeconds seconds ECS waits between SIGTERM and SIGKILL.
 */
export function buildSharedContainerProperties({ options, ids }: BuildContext, stopTimeoutSeconds: number) {
  const fargate = options.capacity !== 'EC2';
  return {
    LogConfiguration: {
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': Ref(ids.LogGroup), 'awslogs-region': Ref('AWS::Region'), 'awslogs-stream-prefix': options.serviceName },
    },
    ReadonlyRootFilesystem: options.readonlyRootFilesystem,
    MountPoints: [
      { SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false },
      ...options.volumes.map((volume) => ({ SourceVolume: volume.name, ContainerPath: volume.containerPath, ReadOnly: volume.readOnly })),
    ],
    StopTimeout: stopTimeoutSeconds,
    // An init process as PID 1 reaps the orphans of workers' own children and forwards SIGTERM.
    LinuxParameters: { InitProcessEnabled: true },
    ...(options.privileged && { Privileged: true }),
    ...(!fargate && { Cpu: options.cpu, Memory: options.memoryMiB }),
    ...(options.memoryReservationMiB !== undefined && { MemoryReservation: options.memoryReservationMiB }),
  };
}

/**
 * A task definition around one container, sized and networked for the stack's capacity.
 * @param extra further properties (a task-mode worker's `Family`).
 */
export function toTaskDefinition(
  { options, ids }: BuildContext,
  container: InstanceType<typeof ECS.TaskDefinition.ContainerDefinition>,
  taskRoleArn: Value<string>,
  extra: Record<string, unknown> = {},
): ECS.TaskDefinition {
  const fargate = options.capacity !== 'EC2';
  const volumes = [{ Name: 'tmp' }, ...options.volumes.map((volume) => ({ Name: volume.name, ...(volume.hostPath !== undefined && { Host: { SourcePath: volume.hostPath } }) }))];
  const common = {
    ExecutionRoleArn: GetAtt(ids.ExecutionRole, 'Arn'),
    TaskRoleArn: taskRoleArn,
    ContainerDefinitions: [container],
    Volumes: volumes,
  };
  return fargate
    ? new ECS.TaskDefinition({
        ...common,
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        Cpu: String(options.cpu),
        Memory: String(options.memoryMiB),
        RuntimePlatform: { CpuArchitecture: options.cpuArchitecture, OperatingSystemFamily: 'LINUX' },
        ...(options.ephemeralStorageGiB !== undefined && { EphemeralStorage: { SizeInGiB: options.ephemeralStorageGiB } }),
        ...extra,
      })
    : new ECS.TaskDefinition({
        ...common,
        RequiresCompatibilities: ['EC2'],
        NetworkMode: options.network === undefined ? 'bridge' : 'awsvpc',
        ...(options.cpuArchitecture === 'ARM64' && { PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.cpu-architecture == arm64' }] }),
        ...extra,
      });
}
