/**
 * Job events and summaries as DynamoDB items (see dynamo-job-keys.ts for the keys), and the
 * conditional update that keeps a job's summary at its latest event.
 */
import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { isOutcomeType, toEventRank } from './job-event-types.js';
import type { JobEvent, JobEventSource, JobSummary } from './job-store.js';
import {
  jobTableAttributes,
  padTime,
  summarySortKey,
  toEventSortKey,
  toJobBucket,
  toJobPartitionKey,
  toOutcomeBucket,
} from './dynamo-job-keys.js';
import { limitOutputTail } from './output-tail-limit.js';

/** An item as the SDK carries it. */
export type Item = Record<string, AttributeValue>;

const { partitionKey, sortKey, indexPartitionKey, indexSortKey, ttl } = jobTableAttributes;

function number(value: number): AttributeValue {
  return { N: String(value) };
}

function readNumber(item: Item, name: string): number | undefined {
  const value = item[name];
  if (value === undefined || !('N' in value) || value.N === undefined) return undefined;
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function readString(item: Item, name: string): string | undefined {
  const value = item[name];
  return value !== undefined && 'S' in value && typeof value.S === 'string' ? value.S : undefined;
}

function readExitCode(item: Item): { exitCode?: number | null } {
  const value = item['exitCode'];
  if (value === undefined) return {};
  if ('NULL' in value && value.NULL === true) return { exitCode: null };
  const code = readNumber(item, 'exitCode');
  return code === undefined ? {} : { exitCode: code };
}

function toSource(value: string | undefined): JobEventSource {
  return value === 'ecs' || value === 'batch' ? value : 'watcher';
}

/** Epoch seconds at which an item about `timeMs` expires. */
export function toExpiresAt(timeMs: number, retentionDays: number): number {
  return Math.floor(timeMs / 1000) + retentionDays * 86_400;
}

/** The item of one event: outcome events also carry their index keys (the index is sparse). */
export function toEventItem(event: JobEvent, retentionDays: number): Item {
  const rank = toEventRank(event.type);
  const item: Item = {
    [partitionKey]: { S: toJobPartitionKey(event.jobId) },
    [sortKey]: { S: toEventSortKey(event.timeMs, rank, event.type, event.attempt) },
    jobId: { S: event.jobId },
    timeMs: number(event.timeMs),
    type: { S: event.type },
    source: { S: event.source },
    [ttl]: number(toExpiresAt(event.timeMs, retentionDays)),
  };
  if (isOutcomeType(event.type)) {
    item[indexPartitionKey] = { S: toOutcomeBucket(event.timeMs) };
    item[indexSortKey] = { S: `${padTime(event.timeMs)}#${event.jobId}#${rank}#${event.attempt ?? ''}` };
  }
  if (event.attempt !== undefined) item['attempt'] = number(event.attempt);
  if (event.exitCode !== undefined) item['exitCode'] = event.exitCode === null ? { NULL: true } : number(event.exitCode);
  if (typeof event.signal === 'string') item['signal'] = { S: event.signal };
  if (event.durationMs !== undefined) item['durationMs'] = number(event.durationMs);
  if (event.retryInSeconds !== undefined) item['retryInSeconds'] = number(event.retryInSeconds);
  // An item holds at most 400 KB: the tail is bounded whatever the caller passed.
  if (event.outputTail !== undefined) item['outputTail'] = { L: limitOutputTail(event.outputTail).map((line) => ({ S: line })) };
  if (event.detail !== undefined) item['detail'] = { S: event.detail };
  if (event.subject !== undefined) item['subject'] = { S: event.subject };
  if (event.host !== undefined) item['host'] = { S: event.host };
  return item;
}

/** An event item read back. */
export function toJobEventFromItem(item: Item): JobEvent {
  const attempt = readNumber(item, 'attempt');
  const signal = readString(item, 'signal');
  const durationMs = readNumber(item, 'durationMs');
  const retryInSeconds = readNumber(item, 'retryInSeconds');
  const tail = item['outputTail'];
  const outputTail = tail !== undefined && 'L' in tail && Array.isArray(tail.L) ? tail.L.map((line) => ('S' in line && typeof line.S === 'string' ? line.S : '')) : undefined;
  const detail = readString(item, 'detail');
  const subject = readString(item, 'subject');
  const host = readString(item, 'host');
  return {
    jobId: readString(item, 'jobId') ?? '',
    timeMs: readNumber(item, 'timeMs') ?? 0,
    type: readString(item, 'type') ?? '',
    source: toSource(readString(item, 'source')),
    ...(attempt !== undefined && { attempt }),
    ...readExitCode(item),
    ...(signal !== undefined && { signal }),
    ...(durationMs !== undefined && { durationMs }),
    ...(retryInSeconds !== undefined && { retryInSeconds }),
    ...(outputTail !== undefined && { outputTail }),
    ...(detail !== undefined && { detail }),
    ...(subject !== undefined && { subject }),
    ...(host !== undefined && { host }),
  };
}

/** A summary item read back. */
export function toJobSummaryFromItem(item: Item): JobSummary {
  const durationMs = readNumber(item, 'durationMs');
  const subject = readString(item, 'subject');
  return {
    jobId: readString(item, 'jobId') ?? '',
    source: toSource(readString(item, 'source')),
    state: readString(item, 'state') ?? '',
    attempts: readNumber(item, 'attempts') ?? 0,
    firstSeenMs: readNumber(item, 'firstSeenMs') ?? 0,
    lastSeenMs: readNumber(item, 'lastSeenMs') ?? 0,
    ...readExitCode(item),
    ...(durationMs !== undefined && { durationMs }),
    ...(subject !== undefined && { subject }),
  };
}

/** The key of an item, as a string, to find duplicates within one write. */
export function toItemKeyText(item: Item): string {
  return `${readString(item, partitionKey) ?? ''}\u0000${readString(item, sortKey) ?? ''}`;
}

/** Events in their natural order: time, then the type's rank; equal ones keep their order. */
export function sortEvents(events: readonly JobEvent[]): JobEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.timeMs - b.event.timeMs || toEventRank(a.event.type) - toEventRank(b.event.type) || a.index - b.index)
    .map(({ event }) => event);
}

/**
 * The update that folds one job's events (from one append, in natural order, not empty) into
 * its summary. Its condition holds only when they are at least as new as what the summary
 * already shows, so a late, older event never overwrites a newer state.
 */
export function toSummaryUpdate(tableName: string, jobEvents: readonly JobEvent[], retentionDays: number): UpdateItemCommandInput {
  const first = jobEvents[0];
  const latest = jobEvents.at(-1);
  if (first === undefined || latest === undefined) throw new Error('toSummaryUpdate needs at least one event');
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const sets: string[] = [];
  let next = 0;
  const set = (name: string, value: AttributeValue, onlyIfMissing = false): void => {
    const nameRef = `#n${next}`;
    const valueRef = `:v${next}`;
    next += 1;
    names[nameRef] = name;
    values[valueRef] = value;
    sets.push(onlyIfMissing ? `${nameRef} = if_not_exists(${nameRef}, ${valueRef})` : `${nameRef} = ${valueRef}`);
  };
  set('jobId', { S: latest.jobId });
  set('state', { S: latest.type });
  set('lastSeenMs', number(latest.timeMs));
  set(indexPartitionKey, { S: toJobBucket(latest.timeMs) });
  set(indexSortKey, { S: `${padTime(latest.timeMs)}#${latest.jobId}` });
  set(ttl, number(toExpiresAt(latest.timeMs, retentionDays)));
  set('firstSeenMs', number(Math.min(...jobEvents.map((event) => event.timeMs))), true);
  set('source', { S: first.source }, true);
  const attempts = Math.max(0, ...jobEvents.map((event) => event.attempt ?? 0));
  if (attempts > 0) set('attempts', number(attempts));
  else set('attempts', number(0), true);
  const withExit = jobEvents.findLast((event) => event.exitCode !== undefined);
  if (withExit !== undefined) set('exitCode', withExit.exitCode === null || withExit.exitCode === undefined ? { NULL: true } : number(withExit.exitCode));
  const withDuration = jobEvents.findLast((event) => event.durationMs !== undefined);
  if (withDuration?.durationMs !== undefined) set('durationMs', number(withDuration.durationMs));
  const withSubject = jobEvents.find((event) => event.subject !== undefined);
  if (withSubject?.subject !== undefined) set('subject', { S: withSubject.subject }, true);
  names['#last'] = 'lastSeenMs';
  values[':last'] = number(latest.timeMs);
  return {
    TableName: tableName,
    Key: { [partitionKey]: { S: toJobPartitionKey(latest.jobId) }, [sortKey]: { S: summarySortKey } },
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: 'attribute_not_exists(#last) OR #last <= :last',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * The update for events older than the summary's latest (they arrived late): they can only
 * move the job's first sighting earlier.
 */
export function toFirstSeenUpdate(tableName: string, jobId: string, firstSeenMs: number): UpdateItemCommandInput {
  return {
    TableName: tableName,
    Key: { [partitionKey]: { S: toJobPartitionKey(jobId) }, [sortKey]: { S: summarySortKey } },
    UpdateExpression: 'SET #first = :first',
    ConditionExpression: '#first > :first',
    ExpressionAttributeNames: { '#first': 'firstSeenMs' },
    ExpressionAttributeValues: { ':first': number(firstSeenMs) },
  };
}
