/**
 * The task definition: one container whose main process is `watchbot listen <command>`,
 * configured through the environment contract listen reads (packages/cli's README).
 */
import type { BuildContext, Resources } from './build-context.js';
import { ECS, GetAtt, Ref } from './cloudform.js';
import type { Value } from './cloudform.js';

/** The container's name, for task overrides and log streams. */
export const containerName = 'watchbot';

/**
 * Seconds ECS waits between SIGTERM and SIGKILL beyond the watcher's own stop timeout: time to
 * return unfinished messages to the queue and exit after the workers are ended.
 */
export const stopTimeoutMarginSeconds = 10;

/** The variables `watchbot listen` and the workers read, as the task definition sets them. */
export function buildWatcherEnvironment(context: BuildContext): Record<string, Value<string>> {
  const { options, ids } = context;
  const volumes = ['/tmp', ...options.volumes.filter((volume) => volume.emptiedAfterEachJob).map((volume) => volume.containerPath)];
  return {
    QueueUrl: Ref(ids.Queue),
    ...(context.workTopicArn !== undefined && { WorkTopic: context.workTopicArn }),
    NotificationTopic: context.notificationTopicArn,
    LogGroup: Ref(ids.LogGroup),
    maxJobDuration: String(options.maxJobDurationSeconds),
    stopTimeout: String(options.stopTimeoutSeconds),
    Volumes: volumes.join(','),
    // JSON lines for CloudWatch Logs Insights; "[failure]" stays in the text, so the metric filter still counts.
    structuredLogging: 'true',
    writableFilesystem: String(options.writableFilesystem),
    Fifo: String(options.fifo),
    concurrency: String(options.concurrency),
    ...(options.reduceMode && { WatchbotProgressTable: Ref(ids.ProgressTable) }),
    ...(options.jobTracking !== undefined && { WatchbotJobTable: Ref(ids.JobTable), WatchbotJobHistoryDays: String(options.jobTracking.historyDays) }),
    ...(options.jobTracking?.ecsTaskEvents === true && { WatchbotTaskEventsQueueUrl: Ref(ids.TaskEventsQueue) }),
  };
}

/** The task definition. */
export function buildTaskDefinition(context: BuildContext): Resources {
  const { options, ids } = context;
  const fargate = options.capacity !== 'EC2';
  const environment = { ...options.environment, ...buildWatcherEnvironment(context) };
  const container = new ECS.TaskDefinition.ContainerDefinition({
    Name: containerName,
    Image: options.image.uri,
    // Set the entry point, not just the command: it works whether the image installs the
    // watchbot binary or is built FROM the watcher image (whose entry point is the same).
    EntryPoint: ['watchbot', 'listen'],
    Command: [...options.command],
    Essential: true,
    Environment: Object.keys(environment).sort().map((name) => ({ Name: name, Value: environment[name]! })),
    ...(options.secrets.length > 0 && { Secrets: options.secrets.map((secret) => ({ Name: secret.name, ValueFrom: secret.valueFrom })) }),
    LogConfiguration: {
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': Ref(ids.LogGroup), 'awslogs-region': Ref('AWS::Region'), 'awslogs-stream-prefix': options.serviceName },
    },
    ReadonlyRootFilesystem: options.readonlyRootFilesystem,
    MountPoints: [
      { SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false },
      ...options.volumes.map((volume) => ({ SourceVolume: volume.name, ContainerPath: volume.containerPath, ReadOnly: volume.readOnly })),
    ],
    StopTimeout: options.stopTimeoutSeconds + stopTimeoutMarginSeconds,
    // An init process as PID 1 reaps the orphans of workers' own children and forwards SIGTERM.
    LinuxParameters: { InitProcessEnabled: true },
    ...(options.privileged && { Privileged: true }),
    ...(!fargate && { Cpu: options.cpu, Memory: options.memoryMiB }),
    ...(options.memoryReservationMiB !== undefined && { MemoryReservation: options.memoryReservationMiB }),
  });
  const volumes = [{ Name: 'tmp' }, ...options.volumes.map((volume) => ({ Name: volume.name, ...(volume.hostPath !== undefined && { Host: { SourcePath: volume.hostPath } }) }))];
  const common = {
    ExecutionRoleArn: GetAtt(ids.ExecutionRole, 'Arn'),
    TaskRoleArn: GetAtt(ids.TaskRole, 'Arn'),
    ContainerDefinitions: [container],
    Volumes: volumes,
  };
  const taskDefinition = fargate
    ? new ECS.TaskDefinition({
        ...common,
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        Cpu: String(options.cpu),
        Memory: String(options.memoryMiB),
        RuntimePlatform: { CpuArchitecture: options.cpuArchitecture, OperatingSystemFamily: 'LINUX' },
        ...(options.ephemeralStorageGiB !== undefined && { EphemeralStorage: { SizeInGiB: options.ephemeralStorageGiB } }),
      })
    : new ECS.TaskDefinition({
        ...common,
        RequiresCompatibilities: ['EC2'],
        NetworkMode: options.network === undefined ? 'bridge' : 'awsvpc',
        ...(options.cpuArchitecture === 'ARM64' && { PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.cpu-architecture == arm64' }] }),
      });
  return { [ids.TaskDefinition]: taskDefinition };
}
