/** The shared rules: progress held below 1, and DynamoDB error translation. */
import { describe, expect, it } from 'vitest';
import { toDynamoError } from '../src/dynamo-progress-errors.js';
import { toProgress } from '../src/job-rules.js';
import { ReduceModeError } from '../src/index.js';

describe('toProgress', () => {
  it('stays below 1 for every incomplete job, even when the fraction would round to 1', () => {
    expect(toProgress(2 ** 53 - 2, 2 ** 53 - 1)).toBeLessThan(1);
    expect(toProgress(999, 1000)).toBe(0.999);
    expect(toProgress(1000, 1000)).toBe(1);
    expect(toProgress(0, 1000)).toBe(0);
  });
});

describe('toDynamoError', () => {
  const named = (name: string, extra: object = {}) => Object.assign(new Error(`${name} happened`), { name, ...extra });

  it('names the table when it does not exist, as a lasting STORE_UNAVAILABLE', () => {
    const error = toDynamoError(named('ResourceNotFoundException'), 'progress-table', 'job-1', 'set the total') as ReduceModeError;
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: false });
    expect(error.message).toBe('job job-1: cannot set the total: the progress table progress-table does not exist');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('marks throttling and network failures retryable', () => {
    for (const cause of [named('ProvisionedThroughputExceededException'), named('ThrottlingException'), named('Error', { code: 'ECONNREFUSED' }), named('TimeoutError')]) {
      expect(toDynamoError(cause, 't', 'j', 'read the status')).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    }
  });

  it('marks access denied as lasting, and passes ReduceModeErrors through', () => {
    expect(toDynamoError(named('AccessDeniedException'), 't', 'j', 'fail the job')).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: false });
    const own = new ReduceModeError('UNKNOWN_JOB', 'job j: no such job');
    expect(toDynamoError(own, 't', 'j', 'x')).toBe(own);
  });
});
