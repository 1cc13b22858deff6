/** Where job history is kept and how it is named: --since, the history file, run's and listen's options, and the pointer in notifications. */
import { isWatchbotError } from '@watchbot/core';
import { describe, expect, it } from 'vitest';
import { readListenJobHistory, readRunJobHistory } from '../src/job-history-options.js';
import { toJobHistoryPath, toJobsCommand } from '../src/job-history-location.js';
import { readJobsLocation } from '../src/jobs-location-options.js';
import { readListenEnvironment } from '../src/listen-environment.js';
import { parseQueueAddress } from '../src/queue-address.js';
import { describeSince, parseSince } from '../src/since-option.js';
import { isUsageError } from '../src/usage-error.js';
import { captureIo } from './capture-io.js';

const cwd = '/srv/app';
const nowMs = Date.UTC(2026, 5, 1, 12);
const sqsUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';

function errorOf(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('parseSince', () => {
  it.each([
    ['30s', nowMs - 30_000],
    ['15m', nowMs - 900_000],
    ['1h', nowMs - 3_600_000],
    ['7d', nowMs - 7 * 86_400_000],
    ['2026-06-01T11:00:00Z', Date.UTC(2026, 5, 1, 11)],
    ['2026-05-31', Date.UTC(2026, 4, 31)],
  ])('reads %s', (raw, expected) => {
    expect(parseSince(raw, nowMs)).toBe(expected);
  });

  it.each(['1 hour', '1x', 'yesterday', '', '-1h', '2027-01-01T00:00:00Z', '3651d', '1'])('refuses %j in one line naming --since, the value and what is allowed', (raw) => {
    const error = errorOf(() => parseSince(raw, nowMs));
    expect(isUsageError(error)).toBe(true);
    expect(error.message).toMatch(new RegExp(`^--since: ${JSON.stringify(raw).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid; expected a duration such as 30s, 15m, 1h or 7d, or an ISO-8601 time`));
    expect(error.message).not.toContain('\n');
  });

  it('describes the window for people', () => {
    expect(describeSince('1h', nowMs - 3_600_000)).toBe('in the last 1h');
    expect(describeSince('2026-06-01T11:00:00Z', Date.UTC(2026, 5, 1, 11))).toBe('since 2026-06-01T11:00:00.000Z');
  });
});

describe('the job-history file beside a queue', () => {
  it('is NAME.jobs.db beside NAME.db', () => {
    expect(toJobHistoryPath('/srv/app/.watchbot/default.db')).toBe('/srv/app/.watchbot/default.jobs.db');
    expect(toJobHistoryPath('/data/queue')).toBe('/data/queue.jobs.db');
  });

  it('is named in notifications by the shortest command that shows a job', () => {
    const named = parseQueueAddress('jobs', cwd);
    const byDefault = parseQueueAddress(undefined, cwd);
    const besideNamed = { kind: 'sqlite', path: toJobHistoryPath(named.kind === 'sqlite' ? named.path : '') } as const;
    const besideDefault = { kind: 'sqlite', path: '/srv/app/.watchbot/default.jobs.db' } as const;
    expect(toJobsCommand(['show', 'm-1'], besideDefault, byDefault)).toBe('watchbot jobs show m-1');
    expect(toJobsCommand(['show', 'm-1'], besideNamed, named)).toBe('watchbot jobs show m-1 --queue jobs');
    expect(toJobsCommand(['show', 'm-1'], { kind: 'sqlite', path: '/tmp/my history.db' }, named)).toBe("watchbot jobs show m-1 --job-history '/tmp/my history.db'");
    expect(toJobsCommand(['show', 'm-1'], { kind: 'dynamodb', tableName: 'stack-JobTable-1', region: 'eu-west-1' }, parseQueueAddress(sqsUrl, cwd))).toBe(
      'watchbot jobs show m-1 --job-table stack-JobTable-1 --region eu-west-1',
    );
  });
});

describe('run: --job-history, --no-job-history, --job-table', () => {
  const embedded = parseQueueAddress('jobs', cwd);
  const sqs = parseQueueAddress(sqsUrl, cwd);

  it('records beside an embedded queue by default, and nowhere for an SQS queue without a table', () => {
    expect(readRunJobHistory({}, embedded, cwd)).toEqual({ location: { kind: 'sqlite', path: '/srv/app/.watchbot/jobs.jobs.db' } });
    expect(readRunJobHistory({}, sqs, cwd)).toBeUndefined();
  });

  it('records in the file or table named, and nowhere with --no-job-history', () => {
    expect(readRunJobHistory({ 'job-history': 'history/jobs.db' }, embedded, cwd)).toEqual({ location: { kind: 'sqlite', path: '/srv/app/history/jobs.db' }, requestedBy: '--job-history' });
    expect(readRunJobHistory({ 'job-table': 'stack-JobTable-1' }, sqs, cwd)).toEqual({ location: { kind: 'dynamodb', tableName: 'stack-JobTable-1' }, requestedBy: '--job-table' });
    expect(readRunJobHistory({ 'job-history': false }, embedded, cwd)).toBeUndefined();
  });

  it('refuses options that contradict each other, and a bad table name, as usage errors', () => {
    expect(errorOf(() => readRunJobHistory({ 'job-history': false, 'job-table': 't-1' }, sqs, cwd)).message).toBe('run: --no-job-history and --job-table contradict each other; give one');
    expect(isUsageError(errorOf(() => readRunJobHistory({ 'job-history': 'a.db', 'job-table': 't-1' }, sqs, cwd)))).toBe(true);
    expect(errorOf(() => readRunJobHistory({ 'job-table': 'a b' }, sqs, cwd)).message).toBe('--job-table: "a b" is not valid; expected a DynamoDB table name (3 to 255 letters, digits, _ - .)');
  });
});

describe('listen: WatchbotJobTable, WatchbotJobHistoryDays, NotificationWebhook', () => {
  it('reads the table, the days and the webhook the template sets', () => {
    const config = readListenEnvironment({ QueueUrl: sqsUrl, WatchbotJobTable: 'stack-JobTable-1', WatchbotJobHistoryDays: '30', NotificationWebhook: 'https://hooks.example.com/x' }, cwd);
    expect(config).toMatchObject({ jobTable: 'stack-JobTable-1', jobHistoryDays: 30, notificationWebhook: 'https://hooks.example.com/x' });
    expect(readListenJobHistory(config.jobTable, config.jobHistoryDays, config.address)).toEqual({
      location: { kind: 'dynamodb', tableName: 'stack-JobTable-1' },
      requestedBy: 'WatchbotJobTable',
      retentionDays: 30,
    });
  });

  it('records beside an embedded queue without a table, and nowhere for SQS without one', () => {
    const embedded = readListenEnvironment({ QueueUrl: 'jobs' }, cwd);
    expect(readListenJobHistory(embedded.jobTable, embedded.jobHistoryDays, embedded.address)).toEqual({ location: { kind: 'sqlite', path: '/srv/app/.watchbot/jobs.jobs.db' } });
    const sqs = readListenEnvironment({ QueueUrl: sqsUrl }, cwd);
    expect(readListenJobHistory(sqs.jobTable, sqs.jobHistoryDays, sqs.address)).toBeUndefined();
  });

  it.each([
    [{ WatchbotJobHistoryDays: '0' }, 'WatchbotJobHistoryDays: "0" is not valid; expected a whole number of days from 1 to 3650'],
    [{ WatchbotJobTable: 'no spaces allowed' }, 'WatchbotJobTable: "no spaces allowed" is not valid; expected a DynamoDB table name'],
    [{ NotificationWebhook: 'hooks.example.com' }, 'NotificationWebhook: "hooks.example.com" is not valid; expected an http or https URL'],
  ])('refuses %j in one line', (env, message) => {
    const error = errorOf(() => readListenEnvironment({ QueueUrl: 'jobs', ...env }, cwd));
    expect(isWatchbotError(error, 'INVALID_OPTION')).toBe(true);
    expect(error.message).toContain(message);
  });
});

describe('jobs: which history to read', () => {
  it('reads beside the default queue, a named queue, a file or a table', () => {
    const io = captureIo(cwd);
    expect(readJobsLocation({}, io, 'jobs list').location).toEqual({ kind: 'sqlite', path: '/srv/app/.watchbot/default.jobs.db' });
    expect(readJobsLocation({ queue: 'jobs' }, io, 'jobs list').location).toEqual({ kind: 'sqlite', path: '/srv/app/.watchbot/jobs.jobs.db' });
    expect(readJobsLocation({ 'job-history': 'h.db' }, io, 'jobs list').location).toEqual({ kind: 'sqlite', path: '/srv/app/h.db' });
    expect(readJobsLocation({ 'job-table': 'stack-JobTable-1', region: 'eu-west-1' }, io, 'jobs list')).toEqual({
      location: { kind: 'dynamodb', tableName: 'stack-JobTable-1', region: 'eu-west-1' },
      retentionDays: 30,
    });
  });

  it("reads the task's table from WatchbotJobTable, looking back WatchbotJobHistoryDays", () => {
    const io = captureIo(cwd, { WatchbotJobTable: 'stack-JobTable-1', WatchbotJobHistoryDays: '7' });
    expect(readJobsLocation({}, io, 'jobs list')).toEqual({ location: { kind: 'dynamodb', tableName: 'stack-JobTable-1' }, retentionDays: 7 });
  });

  it('refuses two histories at once, --region without a table, and an SQS queue, as usage errors', () => {
    const io = captureIo(cwd);
    expect(errorOf(() => readJobsLocation({ queue: 'jobs', 'job-table': 't-1' }, io, 'jobs list')).message).toBe('jobs list: --queue and --job-table each name a job history; give one');
    expect(errorOf(() => readJobsLocation({ region: 'us-east-1' }, io, 'jobs list')).message).toBe('jobs list: --region is for --job-table (a DynamoDB table)');
    const sqs = errorOf(() => readJobsLocation({ queue: sqsUrl }, io, 'jobs show'));
    expect(isUsageError(sqs)).toBe(true);
    expect(sqs.message).toContain('an SQS queue keeps its job history in DynamoDB; name the table with --job-table');
  });
});
