import { describe, expect, it } from 'vitest';
import { isWatchbotError } from '@watchbot/core';
import { readListenEnvironment } from '../src/listen-environment.js';

const cwd = '/srv/app';

function errorOf(env: Record<string, string>): Error {
  try {
    readListenEnvironment(env, cwd);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('readListenEnvironment', () => {
  it('needs only QueueUrl and fills in the original defaults', () => {
    expect(readListenEnvironment({ QueueUrl: 'jobs' }, cwd)).toEqual({
      address: { kind: 'sqlite', path: '/srv/app/.watchbot/jobs.db', label: 'jobs' },
      maxJobDurationSeconds: 0,
      volumes: [],
      logFormat: 'text',
      writableFilesystem: false,
      fifo: false,
      concurrency: 1,
      stopTimeoutSeconds: 20,
    });
  });

  it('does not crash when Volumes is missing or empty (the original did)', () => {
    expect(readListenEnvironment({ QueueUrl: 'jobs' }, cwd).volumes).toEqual([]);
    expect(readListenEnvironment({ QueueUrl: 'jobs', Volumes: '' }, cwd).volumes).toEqual([]);
  });

  it('reads every variable when all are set', () => {
    const config = readListenEnvironment(
      {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
        maxJobDuration: '900',
        Volumes: '/tmp, /mnt/data/,/tmp',
        structuredLogging: 'true',
        writableFilesystem: 'TRUE',
        Fifo: 'false',
        concurrency: '8',
        WorkTopic: 'arn:aws:sns:us-east-1:123456789012:work',
        NotificationTopic: 'arn:aws:sns:us-east-1:123456789012:alerts',
        stopTimeout: '25',
        LogGroup: 'my-stack',
      },
      cwd,
    );
    expect(config).toEqual({
      address: { kind: 'sqs', url: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', label: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs' },
      maxJobDurationSeconds: 900,
      volumes: ['/tmp', '/mnt/data'],
      logFormat: 'json',
      writableFilesystem: true,
      fifo: false,
      concurrency: 8,
      stopTimeoutSeconds: 25,
      workTopic: 'arn:aws:sns:us-east-1:123456789012:work',
      notificationTopic: 'arn:aws:sns:us-east-1:123456789012:alerts',
      logGroup: 'my-stack',
    });
  });

  it('refuses a Fifo setting that disagrees with the SQS queue name', () => {
    expect(() => readListenEnvironment({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo' }, cwd)).toThrow(
      'Fifo: "" does not match QueueUrl https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo; expected true',
    );
    expect(readListenEnvironment({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo', Fifo: 'true' }, cwd).fifo).toBe(true);
  });

  it('refuses a topic that is not an SNS topic ARN, and a notification topic for an embedded queue', () => {
    expect(() => readListenEnvironment({ QueueUrl: 'jobs', WorkTopic: 'work' }, cwd)).toThrow(
      'WorkTopic: "work" is not valid; expected an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:jobs',
    );
    expect(() => readListenEnvironment({ QueueUrl: 'jobs', NotificationTopic: 'arn:aws:sns:us-east-1:123456789012:alerts' }, cwd)).toThrow(
      'NotificationTopic: "arn:aws:sns:us-east-1:123456789012:alerts" is not valid; expected unset for an embedded queue',
    );
  });

  it('refuses a missing QueueUrl in one line that says what is expected', () => {
    const error = errorOf({});
    expect(isWatchbotError(error, 'INVALID_OPTION')).toBe(true);
    expect(error.message).toMatch(/^QueueUrl is not set; expected an SQS queue URL/);
  });

  it('refuses a QueueUrl that is no queue address, naming the variable', () => {
    expect(errorOf({ QueueUrl: 'not a queue' }).message).toMatch(/^QueueUrl: "not a queue" is not valid; expected a queue name/);
  });

  it.each([
    ['maxJobDuration', 'ten', 'maxJobDuration: "ten" is not valid; expected a whole number of seconds from 0 to 43200'],
    ['maxJobDuration', '-1', 'maxJobDuration: "-1" is not valid; expected a whole number of seconds from 0 to 43200'],
    ['maxJobDuration', '1.5', 'maxJobDuration: "1.5" is not valid; expected a whole number of seconds from 0 to 43200'],
    ['concurrency', '0', 'concurrency: "0" is not valid; expected a whole number from 1 to 1000'],
    ['structuredLogging', 'yes', 'structuredLogging: "yes" is not valid; expected true or false'],
    ['writableFilesystem', '1', 'writableFilesystem: "1" is not valid; expected true or false'],
    ['Fifo', 'maybe', 'Fifo: "maybe" is not valid; expected true or false'],
    ['Volumes', 'tmp,/data', 'Volumes: "tmp,/data" is not valid; expected comma-separated absolute paths other than /, e.g. /tmp,/mnt/data'],
    ['Volumes', '/', 'Volumes: "/" is not valid; expected comma-separated absolute paths other than /, e.g. /tmp,/mnt/data'],
  ])('refuses %s=%j in one line naming the variable, the value and what is allowed', (name, value, message) => {
    const error = errorOf({ QueueUrl: 'jobs', [name]: value });
    expect(isWatchbotError(error, 'INVALID_OPTION')).toBe(true);
    expect(error.message).toBe(message);
  });

  it('treats an empty optional variable as unset', () => {
    const config = readListenEnvironment({ QueueUrl: 'jobs', maxJobDuration: '', structuredLogging: '', concurrency: ' ', WorkTopic: '' }, cwd);
    expect(config).toMatchObject({ maxJobDurationSeconds: 0, logFormat: 'text', concurrency: 1 });
    expect(config).not.toHaveProperty('workTopic');
  });
});
