/**
 * Validation of the optional features: notifications, alarms, job tracking, the webhook and
 * extra IAM statements.
 */
import { alarmDefaults, templateDefaults } from './defaults.js';
import { isIntrinsic } from './intrinsic.js';
import { isPlainObject, readArray, readBoolean, readInteger, readNumber, readObject, readString, readStringValue } from './option-readers.js';
import type { ResolvedString } from './options.js';
import type { AlarmName, ResolvedAlarm, ResolvedOptions, ResolvedStatement } from './resolved-options.js';
import { invalidOption } from './template-error.js';

const topicArnPattern = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const batchJobQueueArnPattern = /^arn:aws[a-z-]*:batch:[a-z0-9-]+:\d{12}:job-queue\/[A-Za-z0-9_-]{1,128}$/;

/** `notifications`: an email address or an existing topic, not both. */
export function readNotifications(value: unknown): ResolvedOptions['notifications'] {
  if (value === undefined) return {};
  const notifications = readObject('notifications', value, ['email', 'topicArn']);
  if (notifications.email !== undefined && notifications.topicArn !== undefined) {
    throw invalidOption('notifications', value, 'either email (a topic is created and subscribed) or topicArn (an existing topic), not both');
  }
  if (notifications.email !== undefined) return { email: readString('notifications.email', notifications.email, emailPattern, 'an email address') };
  if (notifications.topicArn !== undefined) {
    return { topicArn: readStringValue('notifications.topicArn', notifications.topicArn, topicArnPattern, 'an SNS topic ARN') };
  }
  return {};
}

/** What each alarm's threshold measures, for messages and bounds. */
const thresholdRanges: Readonly<Record<AlarmName, { max: number; unit: string }>> = {
  workerErrors: { max: 1_000_000, unit: 'failed jobs per period' },
  oldestMessageAge: { max: 1_209_600, unit: 'seconds' },
  queueSize: { max: 1_000_000_000, unit: 'messages' },
  deadLetters: { max: 1_000_000_000, unit: 'messages' },
  memoryUtilization: { max: 100, unit: 'percent' },
  cpuUtilization: { max: 100, unit: 'percent' },
};

/** `alarms`: per alarm, `false` or settings overriding the defaults. */
export function readAlarms(value: unknown): Record<AlarmName, ResolvedAlarm | undefined> {
  const names = Object.keys(thresholdRanges) as AlarmName[];
  const alarms = { ...alarmDefaults };
  if (value === undefined) return alarms;
  const given = readObject('alarms', value, names);
  for (const name of names) {
    const raw = given[name];
    if (raw === undefined) continue;
    if (raw === false) {
      alarms[name] = undefined;
      continue;
    }
    const path = `alarms.${name}`;
    if (!isPlainObject(raw)) throw invalidOption(path, raw, 'false (no alarm) or {"threshold"?, "periodSeconds"?, "evaluationPeriods"?}');
    const settings = readObject(path, raw, ['threshold', 'periodSeconds', 'evaluationPeriods']);
    const defaults = alarmDefaults[name];
    if (defaults === undefined && settings.threshold === undefined) throw invalidOption(`${path}.threshold`, undefined, `a number of ${thresholdRanges[name].unit}: this alarm has no default threshold`);
    const threshold = readNumber(`${path}.threshold`, settings.threshold, { min: 0, ...thresholdRanges[name] }, defaults?.threshold ?? 0);
    const periodSeconds = readInteger(`${path}.periodSeconds`, settings.periodSeconds, { min: 60, max: 86_400, unit: 'seconds' }, defaults?.periodSeconds ?? 300);
    if (periodSeconds % 60 !== 0) throw invalidOption(`${path}.periodSeconds`, periodSeconds, 'a multiple of 60 seconds (the SQS and ECS metrics are per minute)');
    const evaluationPeriods = readInteger(`${path}.evaluationPeriods`, settings.evaluationPeriods, { min: 1, max: 86_400 / periodSeconds, unit: `periods (at most one day of ${periodSeconds}-s periods)` }, Math.min(defaults?.evaluationPeriods ?? 1, 86_400 / periodSeconds));
    alarms[name] = { threshold, periodSeconds, evaluationPeriods };
  }
  return alarms;
}

/** `jobTracking`: true, or settings. */
export function readJobTracking(value: unknown): ResolvedOptions['jobTracking'] {
  if (value === undefined || value === false) return undefined;
  const settings = value === true ? {} : readObject('jobTracking', value, ['historyDays', 'ecsTaskEvents', 'batchJobQueues']);
  return {
    historyDays: readInteger('jobTracking.historyDays', settings.historyDays, { min: 1, max: 3650, unit: 'days' }, templateDefaults.jobHistoryDays),
    ecsTaskEvents: readBoolean('jobTracking.ecsTaskEvents', settings.ecsTaskEvents, false),
    batchJobQueues: readArray('jobTracking.batchJobQueues', settings.batchJobQueues, 20, (path, item) =>
      readStringValue(path, item, batchJobQueueArnPattern, 'an AWS Batch job queue ARN such as "arn:aws:batch:us-east-1:123456789012:job-queue/HighPriority"'),
    ),
  };
}

/** `webhook`: true, or settings; not with FIFO (it publishes to the work topic, which FIFO stacks lack). */
export function readWebhook(value: unknown, fifo: boolean): ResolvedOptions['webhook'] {
  if (value === undefined || value === false) return undefined;
  if (fifo) throw invalidOption('webhook', value, 'false with fifo: true (the webhook publishes to the work topic, and FIFO stacks have none)');
  const settings = value === true ? {} : readObject('webhook', value, ['rateLimitPerSecond', 'burstLimit']);
  return {
    rateLimitPerSecond: readInteger('webhook.rateLimitPerSecond', settings.rateLimitPerSecond, { min: 1, max: 10_000, unit: 'requests per second' }, templateDefaults.webhookRateLimitPerSecond),
    burstLimit: readInteger('webhook.burstLimit', settings.burstLimit, { min: 1, max: 5000, unit: 'requests' }, templateDefaults.webhookBurstLimit),
  };
}

const actionPattern = /^(?:\*|[a-zA-Z0-9-]+:[A-Za-z0-9*?]+)$/;

/** `permissions`: IAM statements for the task role. */
export function readPermissions(value: unknown): ResolvedStatement[] {
  return readArray('permissions', value, 100, (path, raw) => {
    const statement = readObject(path, raw, ['Sid', 'Effect', 'Action', 'Resource', 'Condition']);
    const effect = statement.Effect === undefined ? 'Allow' : readString(`${path}.Effect`, statement.Effect, /^(?:Allow|Deny)$/, '"Allow" or "Deny"');
    const actionAllowed = 'an IAM action such as "s3:GetObject", or a list of them';
    const action = Array.isArray(statement.Action)
      ? readArray(`${path}.Action`, statement.Action, 100, (itemPath, item) => readString(itemPath, item, actionPattern, actionAllowed))
      : readString(`${path}.Action`, statement.Action, actionPattern, actionAllowed);
    const readResource = (itemPath: string, item: unknown): ResolvedString => readStringValue(itemPath, item, /^(?:\*|arn:.+)$/, 'an ARN, or "*"');
    const resource = Array.isArray(statement.Resource) ? readArray(`${path}.Resource`, statement.Resource, 100, readResource) : readResource(`${path}.Resource`, statement.Resource);
    if (statement.Condition !== undefined && (!isPlainObject(statement.Condition) || isIntrinsic(statement.Condition))) {
      throw invalidOption(`${path}.Condition`, statement.Condition, 'an IAM condition object');
    }
    const sid = statement.Sid === undefined ? undefined : readString(`${path}.Sid`, statement.Sid, /^[A-Za-z0-9]{1,128}$/, 'letters and digits');
    return {
      Effect: effect as 'Allow' | 'Deny',
      Action: action,
      Resource: resource,
      ...(sid !== undefined && { Sid: sid }),
      ...(statement.Condition !== undefined && { Condition: statement.Condition as Readonly<Record<string, unknown>> }),
    };
  });
}
