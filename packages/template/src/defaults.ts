/** The value every optional option takes when it is not given (docs/building-a-template.md lists them). */
import type { AlarmName, ResolvedAlarm } from './resolved-options.js';

/** Defaults of the scalar options. */
export const templateDefaults = {
  prefix: 'Watchbot',
  capacity: 'FARGATE',
  cpu: 256,
  memoryMiB: 512,
  cpuArchitecture: 'X86_64',
  privileged: false,
  writableFilesystem: false,
  assignPublicIp: false,
  concurrency: 1,
  minTasks: 0,
  maxTasks: 1,
  scaleOutCooldownSeconds: 120,
  scaleInAfterIdleMinutes: 5,
  maxJobDurationSeconds: 0,
  stopTimeoutSeconds: 20,
  visibilityTimeoutSeconds: 180,
  deadLetterThreshold: 10,
  messageRetentionSeconds: 1_209_600,
  fifo: false,
  logRetentionDays: 14,
  reduceMode: false,
  jobHistoryDays: 30,
  webhookRateLimitPerSecond: 50,
  webhookBurstLimit: 100,
  dashboard: true,
} as const;

/**
 * Default alarm settings. `queueSize` has none: how many waiting messages is too many depends on
 * the work, so that alarm exists only when a threshold is given.
 */
export const alarmDefaults: Readonly<Record<AlarmName, ResolvedAlarm | undefined>> = {
  workerErrors: { threshold: 10, periodSeconds: 60, evaluationPeriods: 5 },
  oldestMessageAge: { threshold: 3600, periodSeconds: 300, evaluationPeriods: 1 },
  queueSize: undefined,
  deadLetters: { threshold: 0, periodSeconds: 60, evaluationPeriods: 1 },
  memoryUtilization: { threshold: 90, periodSeconds: 60, evaluationPeriods: 5 },
  cpuUtilization: { threshold: 95, periodSeconds: 300, evaluationPeriods: 3 },
};

/** The retention values CloudWatch Logs accepts, in days. */
export const logRetentionDayValues = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/**
 * Environment variables Watchbot sets itself: the watcher's contract (see packages/cli's README)
 * and the worker's per-message variables. `environment` and `secrets` may not use these names.
 */
export const reservedVariables = [
  'QueueUrl',
  'WorkTopic',
  'NotificationTopic',
  'LogGroup',
  'maxJobDuration',
  'stopTimeout',
  'Volumes',
  'structuredLogging',
  'writableFilesystem',
  'Fifo',
  'concurrency',
  'WatchbotProgressTable',
  'WatchbotJobTable',
  'WatchbotJobHistoryDays',
  'WatchbotTaskEventsQueueUrl',
  'WatchbotTaskMode',
  'WatchbotTaskCluster',
  'WatchbotTaskDefinition',
  'WatchbotTaskContainer',
  'WatchbotTaskLaunchType',
  'WatchbotTaskCapacityProviders',
  'WatchbotTaskSubnets',
  'WatchbotTaskSecurityGroups',
  'WatchbotTaskAssignPublicIp',
  'WatchbotTaskStartedBy',
  'Message',
  'MessageFile',
  'MessageOnlyInFile',
  'Subject',
  'MessageId',
  'SentTimestamp',
  'ApproximateFirstReceiveTimestamp',
  'ApproximateReceiveCount',
] as const;
