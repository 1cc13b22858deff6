/**
 * What a caller of `template()` can ask for. Every option but the first four has a default
 * (listed on each, and in docs/building-a-template.md); `validateOptions` checks them all, once.
 */
import type { IntrinsicFunction } from './cloudform.js';
import type { PlainIntrinsic, StringValue } from './intrinsic.js';

/** Where the tasks run. FARGATE_SPOT tasks may be stopped with a 2-minute warning (SIGTERM). */
export type Capacity = 'EC2' | 'FARGATE' | 'FARGATE_SPOT';

/** The CPU architecture of the worker image. */
export type CpuArchitecture = 'X86_64' | 'ARM64';

/** The worker image: a full image URI, or an ECR repository of this account and region plus a tag. */
export type ImageOption = StringValue | { readonly repository: StringValue; readonly tag: StringValue };

/** A secret the container receives as an environment variable, resolved by ECS at task start. */
export type SecretOption =
  /** An SSM Parameter Store parameter: its ARN, or its name in this account and region. */
  | { readonly ssmParameter: StringValue }
  /**
   * A Secrets Manager secret: its complete ARN (with the 6-character suffix); optionally one
   * key of a JSON secret, and a version stage or id.
   */
  | { readonly secretsManagerSecret: StringValue; readonly jsonKey?: string; readonly versionStage?: string; readonly versionId?: string };

/** A folder inside the container that outlives the worker process (and is emptied between jobs). */
export interface VolumeOption {
  /** Absolute path inside the container, e.g. "/data". */
  readonly containerPath: string;
  /** EC2 only: a folder on the host to mount; default: a fresh volume owned by the task. */
  readonly hostPath?: string;
  /** Mount read-only. Default false. */
  readonly readOnly?: boolean;
  /** Empty it after every job (listen's `Volumes`). Default true for writable volumes. */
  readonly emptiedAfterEachJob?: boolean;
}

/** An IAM statement added to the task role's policy (the original's `permissions`). */
export interface PolicyStatementOption {
  /** Default "Allow". */
  readonly Effect?: 'Allow' | 'Deny';
  /** One action or several, e.g. "s3:GetObject". */
  readonly Action: string | readonly string[];
  /** One ARN or several; intrinsics allowed. */
  readonly Resource: StringValue | readonly StringValue[];
  /** An IAM condition block, as is. */
  readonly Condition?: Readonly<Record<string, unknown>>;
  /** A statement id. */
  readonly Sid?: string;
}

/** Where alarms and the watcher's notifications (rejections, failures) go. */
export interface NotificationsOption {
  /** Subscribe this address to a notification topic the template creates. */
  readonly email?: string;
  /** Use this existing topic instead of creating one (ARN, or an intrinsic yielding it). */
  readonly topicArn?: StringValue;
}

/** The settings of one alarm. `false` instead of the object drops the alarm. */
export interface AlarmSettings {
  /** The value the statistic must pass (see each alarm for its unit). */
  readonly threshold?: number;
  /** Seconds per datapoint: 10, 30 or a multiple of 60. */
  readonly periodSeconds?: number;
  /** How many consecutive periods must breach. */
  readonly evaluationPeriods?: number;
}

/** Alarm thresholds; every alarm notifies the notification topic. See docs/alarms.md. */
export interface AlarmsOption {
  /** Failed or timed-out jobs ("[failure]" log lines) per period. Default > 10 in 60 s, 5 periods. */
  readonly workerErrors?: AlarmSettings | false;
  /** Age of the oldest message, in seconds. Default > 3600 s, 300-s periods, 1 period. */
  readonly oldestMessageAge?: AlarmSettings | false;
  /** Messages waiting (visible). Off unless a threshold is given. */
  readonly queueSize?: AlarmSettings | false;
  /** Messages in the dead-letter queue. Default > 0, 60-s periods, 1 period. */
  readonly deadLetters?: AlarmSettings | false;
  /** The service's memory utilisation, in percent (maximum over tasks). Default > 90 %, 60 s, 5 periods. */
  readonly memoryUtilization?: AlarmSettings | false;
  /** The service's CPU utilisation, in percent (average over tasks). Default > 95 %, 300 s, 3 periods. */
  readonly cpuUtilization?: AlarmSettings | false;
}

/** Job tracking: a DynamoDB history of every message, and optionally ECS task and Batch job state events. */
export interface JobTrackingOption {
  /** Days a job's history is kept (DynamoDB TTL). Default 30, 1 to 3650. */
  readonly historyDays?: number;
  /** Deliver the cluster's "ECS Task State Change" events to a queue the watcher can read. Default false. */
  readonly ecsTaskEvents?: boolean;
  /**
   * Deliver the "Batch Job State Change" events of these AWS Batch job queues (ARNs, at most 20) to
   * the same events queue, for `watchbot track`. Default none.
   */
  readonly batchJobQueues?: readonly StringValue[];
}

/**
 * ECS-task mode: the watcher runs each message as its own ECS task (RunTask) and settles the
 * message by the worker container's exit code, read from ECS state-change events
 * (docs/ecs-task-mode.md). Worker tasks run on the stack's capacity and network.
 */
export interface TaskModeOption {
  /**
   * Run this existing task definition for each message: its ARN with a revision (or without, for
   * the latest ACTIVE one), or an intrinsic yielding it. Default: a worker task definition the
   * template makes from image, command, cpu, memoryMiB, environment, secrets and volumes.
   */
  readonly taskDefinitionArn?: StringValue;
  /** The container of `taskDefinitionArn` whose exit code settles the message. Required with it. */
  readonly containerName?: string;
  /**
   * The IAM roles `taskDefinitionArn` uses (task role, execution role): the only roles the watcher
   * may pass to ECS. Required with it; [] when it uses none.
   */
  readonly roleArns?: readonly StringValue[];
}

/** A webhook for senders that cannot use SNS: API Gateway publishing to the work topic. */
export interface WebhookOption {
  /** Requests per second the usage plan allows. Default 50, 1 to 10000. */
  readonly rateLimitPerSecond?: number;
  /** Burst the usage plan allows. Default 100, 1 to 5000. */
  readonly burstLimit?: number;
}

/** Everything `template()` accepts. */
export interface WatchbotOptions {
  /** Names the service: export names, metric names, log stream prefix. Letters, digits, hyphens; 1 to 40; starts with a letter. */
  readonly serviceName: string;
  /** The ECS cluster: its name or ARN, or an intrinsic yielding its name (e.g. `Ref` of an AWS::ECS::Cluster). */
  readonly cluster: StringValue;
  /** The worker image; see {@link ImageOption}. */
  readonly image: ImageOption;
  /** The worker command, run as `watchbot listen <command>`: one shell command line, or words joined by spaces. */
  readonly command: string | readonly string[];
  /** Prefix of every logical id and output name. Default "Watchbot"; letters and digits, starts with a letter. */
  readonly prefix?: string;
  /** Extra environment variables for the watcher and its workers. Default none. */
  readonly environment?: Readonly<Record<string, StringValue>>;
  /** Secrets as environment variables, by variable name. Default none. */
  readonly secrets?: Readonly<Record<string, SecretOption>>;
  /** Customer-managed KMS keys that encrypt those secrets (the execution role may decrypt with them). Default none. */
  readonly secretsKmsKeyArns?: readonly StringValue[];
  /** Default "FARGATE". */
  readonly capacity?: Capacity;
  /** CPU units (1024 = one vCPU). Fargate: the task's, 256 to 16384 in Fargate's sizes; EC2: the container's reservation. Default 256. */
  readonly cpu?: number;
  /** MiB. Fargate: the task's memory (must suit `cpu`); EC2: the container's hard limit. Default 512. */
  readonly memoryMiB?: number;
  /** MiB the container reserves (soft limit), at most `memoryMiB`. Default none. */
  readonly memoryReservationMiB?: number;
  /** Fargate only: GiB of task storage, 21 to 200. Default Fargate's 20. */
  readonly ephemeralStorageGiB?: number;
  /** Default "X86_64". */
  readonly cpuArchitecture?: CpuArchitecture;
  /** Folders mounted into the container. `/tmp` is always one. Default none. */
  readonly volumes?: readonly VolumeOption[];
  /** EC2 only: run the container privileged. Default false. */
  readonly privileged?: boolean;
  /** A read-only root filesystem (writes go to `/tmp` and the volumes). Default true, unless `writableFilesystem`. */
  readonly readonlyRootFilesystem?: boolean;
  /** The original's mode: a writable root filesystem, and one job per container (the container exits after each). Default false. */
  readonly writableFilesystem?: boolean;
  /** Subnet ids for awsvpc networking; required on Fargate. Default none (bridge networking on EC2). */
  readonly subnets?: readonly StringValue[];
  /** Security group ids (with `subnets`). Default: the VPC's default group. */
  readonly securityGroups?: readonly StringValue[];
  /** Give each task a public IP (with `subnets`; needed in a public subnet without NAT). Default false. */
  readonly assignPublicIp?: boolean;
  /** Workers each task runs at once, 1 to 1000. Default 1. */
  readonly concurrency?: number;
  /** Tasks kept running when the queue is empty. Default 0. */
  readonly minTasks?: number;
  /** The most tasks scaling may start, 1 to 1000. Default 1. */
  readonly maxTasks?: number;
  /** Seconds after a scale-out before the next can add more than it did. Default 120. */
  readonly scaleOutCooldownSeconds?: number;
  /** Minutes the queue must be empty (nothing visible, in flight or delayed) before scaling in to `minTasks`. Default 5. */
  readonly scaleInAfterIdleMinutes?: number;
  /** Seconds a job may run before it is ended as a failure; 0 = no limit. Default 0, at most 43200. */
  readonly maxJobDurationSeconds?: number;
  /** Seconds running jobs get to finish after SIGTERM (the task's stop timeout is 10 s more). Default 20, 0 to 110. */
  readonly stopTimeoutSeconds?: number;
  /** The queue's visibility timeout, in seconds; the watcher extends it while a job runs. Default 180, 30 to 43200. */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the dead-letter queue (SQS maxReceiveCount). Default 10, 1 to 1000. */
  readonly deadLetterThreshold?: number;
  /** Seconds the queue keeps a message. Default 1209600 (14 days), 60 to 1209600. */
  readonly messageRetentionSeconds?: number;
  /** A FIFO queue (with content-based deduplication); no work topic, since FIFO stacks send to the queue. Default false. */
  readonly fifo?: boolean;
  /** Default: a notification topic with no subscription. */
  readonly notifications?: NotificationsOption;
  /** Days the log group keeps logs; one of CloudWatch Logs' values. Default 14. */
  readonly logRetentionDays?: number;
  /** Default: every alarm on, with the defaults listed on {@link AlarmsOption}. */
  readonly alarms?: AlarmsOption;
  /** Create the reduce-mode progress table and grant the task access. Default false. */
  readonly reduceMode?: boolean;
  /** `true` or settings: the job-history table (TTL) and grant. Default false. */
  readonly jobTracking?: boolean | JobTrackingOption;
  /** `true` or settings: run each message as its own ECS task (see {@link TaskModeOption}). Not with writableFilesystem. Default false. */
  readonly taskMode?: boolean | TaskModeOption;
  /** `true` or settings: an API-key protected HTTPS endpoint publishing to the work topic. Not with FIFO. Default false. */
  readonly webhook?: boolean | WebhookOption;
  /** Extra statements for the task role. Default none. */
  readonly permissions?: readonly PolicyStatementOption[];
  /** Create a CloudWatch dashboard. Default true. */
  readonly dashboard?: boolean;
}

/** Values an intrinsic may stand for, after validation (cloudform-types' form). */
export type ResolvedString = string | IntrinsicFunction;

/** Re-exported for option authors. */
export type { PlainIntrinsic, StringValue };
