/**
 * Parses a body from the events queue: an EventBridge "ECS Task State Change" or "Batch Job
 * State Change" event, delivered as is or wrapped in an SNS envelope. Pure and total: any body
 * at all — truncated, mutated, another event, not JSON — gives a result, never an exception.
 */
import { unwrapSnsEnvelope } from '@watchbot/core';
import type { JsonRecord } from './event-fields.js';
import {
  FieldError,
  describe,
  isRecord,
  readArray,
  readOptionalInteger,
  readOptionalString,
  readOptionalTimeMs,
  readRecord,
  readString,
} from './event-fields.js';
import type { BatchJobStateChange, EcsContainerState, EcsTaskStateChange, StateChangeEvent, UnknownStateChange } from './state-change-event.js';

/** The envelope values that name the two events this package understands. */
export const stateChangeEventTypes = {
  ecsTask: { source: 'aws.ecs', detailType: 'ECS Task State Change' },
  batchJob: { source: 'aws.batch', detailType: 'Batch Job State Change' },
} as const;

/**
 * Parses one body. ECS times (ISO-8601 strings) and Batch times (epoch ms) both become ms
 * since the Unix epoch. Unknown extra fields are ignored; a required field that is missing,
 * or any known field of the wrong type, makes the result `unknown` with a reason naming it.
 */
export function parseStateChangeEvent(body: string): StateChangeEvent {
  try {
    return parseBody(body);
  } catch (error) {
    if (error instanceof FieldError) return unknown(error.message);
    // Not expected from JSON values; kept so that no body can ever crash a watcher.
    return unknown(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function unknown(reason: string): UnknownStateChange {
  return { kind: 'unknown', reason };
}

function parseBody(body: string): StateChangeEvent {
  if (typeof body !== 'string') return unknown(`not text but ${describe(body)}`);
  const unwrapped = unwrapSnsEnvelope(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(unwrapped.message);
  } catch {
    return unknown(unwrapped.wasEnvelope ? "an SNS envelope whose Message is not JSON" : 'not JSON');
  }
  if (!isRecord(parsed)) return unknown(`not an EventBridge event: the body is ${describe(parsed)}, not a JSON object`);
  const detailType = parsed['detail-type'];
  const source = parsed.source;
  if (typeof detailType !== 'string' || typeof source !== 'string' || !Object.hasOwn(parsed, 'detail')) {
    return unknown('not an EventBridge event: it lacks detail-type, source or detail');
  }
  if (source === stateChangeEventTypes.ecsTask.source && detailType === stateChangeEventTypes.ecsTask.detailType) return parseEcsTask(parsed);
  if (source === stateChangeEventTypes.batchJob.source && detailType === stateChangeEventTypes.batchJob.detailType) return parseBatchJob(parsed);
  return unknown(`another event: ${quote(detailType)} from ${quote(source)}`);
}

/** A string for a one-line reason: quoted, at most 40 characters. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function readEventTimeMs(envelope: JsonRecord): number {
  const timeMs = readOptionalTimeMs(envelope, 'time', '');
  if (timeMs === undefined) throw new FieldError('time is missing; expected the event time as ISO-8601');
  return timeMs;
}

function parseEcsTask(envelope: JsonRecord): EcsTaskStateChange {
  const eventTimeMs = readEventTimeMs(envelope);
  const detail = readRecord(envelope, 'detail', '');
  const at = 'detail.';
  const taskArn = readString(detail, 'taskArn', at);
  const clusterArn = readString(detail, 'clusterArn', at);
  const lastStatus = readString(detail, 'lastStatus', at);
  const desiredStatus = readString(detail, 'desiredStatus', at);
  const containers = readArray(detail, 'containers', at, []).map((raw, index): EcsContainerState => {
    const path = `detail.containers[${index}]`;
    if (!isRecord(raw)) throw new FieldError(`${path} is ${describe(raw)}; expected an object`);
    const exitCode = readOptionalInteger(raw, 'exitCode', `${path}.`);
    const reason = readOptionalString(raw, 'reason', `${path}.`);
    return {
      name: readString(raw, 'name', `${path}.`),
      lastStatus: readString(raw, 'lastStatus', `${path}.`),
      ...(exitCode !== undefined && { exitCode }),
      ...(reason !== undefined && { reason }),
    };
  });
  const stopCode = readOptionalString(detail, 'stopCode', at);
  const stoppedReason = readOptionalString(detail, 'stoppedReason', at);
  const startedBy = readOptionalString(detail, 'startedBy', at);
  const group = readOptionalString(detail, 'group', at);
  const taskDefinitionArn = readOptionalString(detail, 'taskDefinitionArn', at);
  const createdAtMs = readOptionalTimeMs(detail, 'createdAt', at);
  const startedAtMs = readOptionalTimeMs(detail, 'startedAt', at);
  const stoppedAtMs = readOptionalTimeMs(detail, 'stoppedAt', at);
  const version = readOptionalInteger(detail, 'version', at);
  return {
    kind: 'ecs-task',
    taskArn,
    clusterArn,
    lastStatus,
    desiredStatus,
    ...(stopCode !== undefined && { stopCode }),
    ...(stoppedReason !== undefined && { stoppedReason }),
    containers,
    ...(startedBy !== undefined && { startedBy }),
    ...(group !== undefined && { group }),
    ...(taskDefinitionArn !== undefined && { taskDefinitionArn }),
    ...(createdAtMs !== undefined && { createdAtMs }),
    ...(startedAtMs !== undefined && { startedAtMs }),
    ...(stoppedAtMs !== undefined && { stoppedAtMs }),
    eventTimeMs,
    ...(version !== undefined && { version }),
  };
}

function parseBatchJob(envelope: JsonRecord): BatchJobStateChange {
  const eventTimeMs = readEventTimeMs(envelope);
  const detail = readRecord(envelope, 'detail', '');
  const at = 'detail.';
  const jobId = readString(detail, 'jobId', at);
  const jobName = readString(detail, 'jobName', at);
  const jobQueue = readString(detail, 'jobQueue', at);
  const status = readString(detail, 'status', at);
  const statusReason = readOptionalString(detail, 'statusReason', at);
  const attempts = readArray(detail, 'attempts', at, []);
  // The latest attempt's container holds the exit code; a job's own `container` mirrors it.
  let exitCode: number | undefined;
  attempts.forEach((attempt, index) => {
    const path = `detail.attempts[${index}]`;
    if (!isRecord(attempt)) throw new FieldError(`${path} is ${describe(attempt)}; expected an object`);
    if (!Object.hasOwn(attempt, 'container') || attempt.container === null) return;
    const container = readRecord(attempt, 'container', `${path}.`);
    const attemptExitCode = readOptionalInteger(container, 'exitCode', `${path}.container.`);
    if (index === attempts.length - 1) exitCode = attemptExitCode;
  });
  if (Object.hasOwn(detail, 'container') && detail.container !== null) {
    const container = readRecord(detail, 'container', at);
    exitCode ??= readOptionalInteger(container, 'exitCode', 'detail.container.');
  }
  const createdAtMs = readOptionalTimeMs(detail, 'createdAt', at);
  const startedAtMs = readOptionalTimeMs(detail, 'startedAt', at);
  const stoppedAtMs = readOptionalTimeMs(detail, 'stoppedAt', at);
  return {
    kind: 'batch-job',
    jobId,
    jobName,
    jobQueue,
    status,
    ...(statusReason !== undefined && { statusReason }),
    attempts: attempts.length,
    ...(exitCode !== undefined && { exitCode }),
    ...(createdAtMs !== undefined && { createdAtMs }),
    ...(startedAtMs !== undefined && { startedAtMs }),
    ...(stoppedAtMs !== undefined && { stoppedAtMs }),
    eventTimeMs,
  };
}
