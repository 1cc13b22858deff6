import { describe, expect, it } from 'vitest';
import { planBackoff, validateBackoffPolicy } from '../src/backoff.js';
import { isWatchbotError } from '../src/errors.js';

describe('planBackoff', () => {
  it('waits 2^receiveCount seconds, as the original did', () => {
    expect([1, 2, 3, 4, 5, 9].map((count) => planBackoff(count))).toEqual([2, 4, 8, 16, 32, 512]);
  });

  it('caps the wait at maxSeconds', () => {
    expect(planBackoff(10)).toBe(900);
    expect(planBackoff(1000, { maxSeconds: 60, jitterRatio: 0 })).toBe(60);
  });

  it('takes at most jitterRatio of the wait off at random', () => {
    const policy = { maxSeconds: 900, jitterRatio: 0.5 };
    expect(planBackoff(5, policy, () => 0)).toBe(32);
    expect(planBackoff(5, policy, () => 0.999_999)).toBe(16);
    expect(planBackoff(5, policy, () => 0.5)).toBe(24);
  });

  it('never waits less than one second', () => {
    expect(planBackoff(1, { maxSeconds: 900, jitterRatio: 1 }, () => 0.999_999)).toBe(1);
    expect(planBackoff(0)).toBe(2);
  });
});

describe('validateBackoffPolicy', () => {
  it('names the field and the allowed range of a bad value', () => {
    expect(() => validateBackoffPolicy({ maxSeconds: 0, jitterRatio: 0 })).toThrow(
      'maxBackoffSeconds: 0 is not valid; expected a whole number of seconds from 1 to 43200',
    );
    let caught: unknown;
    try {
      validateBackoffPolicy({ maxSeconds: 10, jitterRatio: 2 });
    } catch (error) {
      caught = error;
    }
    expect(isWatchbotError(caught, 'INVALID_OPTION')).toBe(true);
  });
});
