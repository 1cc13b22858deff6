import { describe, expect, it } from 'vitest';
import { isWatchbotError } from '@watchbot/core';
import { parseQueueAddress, toQueueUrl } from '../src/queue-address.js';

const cwd = '/home/me/project';

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('parseQueueAddress', () => {
  it('uses ./.watchbot/default.db when no queue is given', () => {
    expect(parseQueueAddress(undefined, cwd)).toEqual({ kind: 'sqlite', path: '/home/me/project/.watchbot/default.db', label: 'default' });
  });

  it('maps a bare name to ./.watchbot/<name>.db', () => {
    expect(parseQueueAddress('jobs_2-a', cwd)).toEqual({ kind: 'sqlite', path: '/home/me/project/.watchbot/jobs_2-a.db', label: 'jobs_2-a' });
  });

  it('accepts a name of exactly 80 characters and refuses 81', () => {
    expect(parseQueueAddress('a'.repeat(80), cwd).kind).toBe('sqlite');
    expect(() => parseQueueAddress('a'.repeat(81), cwd)).toThrow(/not valid/);
  });

  it('takes sqlite:PATH as a file path relative to the current directory', () => {
    expect(parseQueueAddress('sqlite:data/q.sqlite', cwd)).toMatchObject({ kind: 'sqlite', path: '/home/me/project/data/q.sqlite' });
    expect(parseQueueAddress('sqlite:/var/q', cwd)).toMatchObject({ kind: 'sqlite', path: '/var/q' });
  });

  it('takes a value containing a slash as a file path', () => {
    expect(parseQueueAddress('./queues/x', cwd)).toMatchObject({ kind: 'sqlite', path: '/home/me/project/queues/x' });
    expect(parseQueueAddress('/tmp/q.sqlite', cwd)).toMatchObject({ kind: 'sqlite', path: '/tmp/q.sqlite' });
  });

  it('takes a value ending in .db as a file in the current directory', () => {
    expect(parseQueueAddress('my queue.db', cwd)).toMatchObject({ kind: 'sqlite', path: '/home/me/project/my queue.db', label: 'my queue.db' });
  });

  it('recognises http and https URLs as SQS queues', () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
    expect(parseQueueAddress(url, cwd)).toEqual({ kind: 'sqs', url, label: url });
    expect(parseQueueAddress('http://127.0.0.1:4566/000000000000/q.fifo', cwd).kind).toBe('sqs');
  });

  it('refuses an http(s) URL that is not shaped like an SQS queue URL, naming what one looks like', () => {
    for (const url of ['https://example.com/', 'https://sqs.us-east-1.amazonaws.com/123/jobs', 'https://sqs.us-east-1.amazonaws.com/123456789012/bad name']) {
      expect(() => parseQueueAddress(url, cwd)).toThrow('expected an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    }
  });

  it('refuses anything else with one line naming the flag, the value and what is accepted', () => {
    const error = errorOf(() => parseQueueAddress('bad name!', cwd));
    expect(isWatchbotError(error, 'INVALID_OPTION')).toBe(true);
    expect(error.message).toBe(
      '--queue: "bad name!" is not valid; expected a queue name (letters, digits, - and _, up to 80), a .db path, sqlite:PATH or an SQS queue URL',
    );
  });

  it('refuses an empty value and an empty sqlite: path', () => {
    expect(() => parseQueueAddress('', cwd)).toThrow(/--queue: "" is not valid/);
    expect(() => parseQueueAddress('sqlite:', cwd)).toThrow(/--queue: "sqlite:" is not valid/);
  });

  it('names the variable it was given when it is not --queue', () => {
    expect(() => parseQueueAddress('no way', cwd, 'QueueUrl')).toThrow(/^QueueUrl: "no way" is not valid/);
  });
});

describe('toQueueUrl', () => {
  it('gives workers sqlite:<absolute path> for an embedded queue, usable from any directory', () => {
    expect(toQueueUrl(parseQueueAddress('jobs', cwd))).toBe('sqlite:/home/me/project/.watchbot/jobs.db');
  });

  it('gives workers the URL itself for an SQS queue', () => {
    expect(toQueueUrl(parseQueueAddress('https://sqs.eu-west-1.amazonaws.com/123456789012/q', cwd))).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/q');
  });
});
