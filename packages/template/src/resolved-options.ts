/**
 * The options after validation: every default applied, every intrinsic in cloudform-types'
 * form, derived values (cluster ARN, image URI, secret ARNs) computed once. Internal: the
 * resource builders read only this.
 */
import type { Capacity, CpuArchitecture } from './options.js';
import type { ResolvedString } from './options.js';

/** One alarm, switched on. */
export interface ResolvedAlarm {
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

/** The alarms `template()` can create. */
export type AlarmName = 'workerErrors' | 'oldestMessageAge' | 'queueSize' | 'deadLetters' | 'memoryUtilization' | 'cpuUtilization';

/** A secret: the container variable, what ECS reads, and what the execution role may read. */
export interface ResolvedSecret {
  readonly name: string;
  readonly valueFrom: ResolvedString;
  readonly service: 'ssm' | 'secretsmanager';
  /** The parameter's or secret's ARN: the one resource the execution role may read for it. */
  readonly arn: ResolvedString;
}

/** A folder mounted into the container. */
export interface ResolvedVolume {
  /** The task definition's volume name. */
  readonly name: string;
  readonly containerPath: string;
  readonly hostPath?: string;
  readonly readOnly: boolean;
  readonly emptiedAfterEachJob: boolean;
}

/** An IAM statement in CloudFormation's shape. */
export interface ResolvedStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: ResolvedString | readonly ResolvedString[];
  readonly Condition?: Readonly<Record<string, unknown>>;
}

/** awsvpc networking. */
export interface ResolvedNetwork {
  readonly subnets: readonly ResolvedString[];
  readonly securityGroups: readonly ResolvedString[];
  readonly assignPublicIp: boolean;
}

/** CPU, memory, storage and architecture. */
export interface ResolvedCompute {
  readonly capacity: Capacity;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly memoryReservationMiB?: number;
  readonly ephemeralStorageGiB?: number;
  readonly cpuArchitecture: CpuArchitecture;
  readonly privileged: boolean;
}

/** ECS-task mode: which task definition runs each message, and which roles the watcher may pass. */
export interface ResolvedTaskMode {
  /** An existing task definition; absent when the template makes the worker task definition. */
  readonly taskDefinitionArn?: ResolvedString;
  /** The worker container's name. */
  readonly containerName: string;
  /** The roles of `taskDefinitionArn` (empty when the template makes the worker task definition: it knows its own). */
  readonly roleArns: readonly ResolvedString[];
}

/** Validated options with defaults applied. */
export interface ResolvedOptions extends ResolvedCompute {
  readonly serviceName: string;
  readonly prefix: string;
  readonly cluster: { readonly name: ResolvedString; readonly arn: ResolvedString };
  /** The image URI, and the ECR repository ARN(s) the execution role may pull from (none for other registries). */
  readonly image: { readonly uri: ResolvedString; readonly ecrRepositoryArn?: ResolvedString };
  readonly command: readonly string[];
  readonly environment: Readonly<Record<string, ResolvedString>>;
  readonly secrets: readonly ResolvedSecret[];
  readonly secretsKmsKeyArns: readonly ResolvedString[];
  readonly volumes: readonly ResolvedVolume[];
  readonly readonlyRootFilesystem: boolean;
  readonly writableFilesystem: boolean;
  readonly network?: ResolvedNetwork;
  readonly concurrency: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInAfterIdleMinutes: number;
  readonly maxJobDurationSeconds: number;
  readonly stopTimeoutSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly deadLetterThreshold: number;
  readonly messageRetentionSeconds: number;
  readonly fifo: boolean;
  readonly notifications: { readonly email?: string; readonly topicArn?: ResolvedString };
  readonly logRetentionDays: number;
  readonly alarms: Readonly<Record<AlarmName, ResolvedAlarm | undefined>>;
  readonly reduceMode: boolean;
  readonly jobTracking?: { readonly historyDays: number; readonly ecsTaskEvents: boolean; readonly batchJobQueues: readonly ResolvedString[] };
  readonly taskMode?: ResolvedTaskMode;
  readonly webhook?: { readonly rateLimitPerSecond: number; readonly burstLimit: number };
  readonly permissions: readonly ResolvedStatement[];
  readonly dashboard: boolean;
}
