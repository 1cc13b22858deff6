import { describe, expect, it } from 'vitest';
import { parseWholeNumber } from '../src/whole-number-option.js';

describe('parseWholeNumber', () => {
  const range = { min: 1, max: 1000 };

  it('accepts whole numbers within the range, with surrounding spaces or a plus sign', () => {
    expect(parseWholeNumber('--concurrency', '1', range)).toBe(1);
    expect(parseWholeNumber('--concurrency', ' 1000 ', range)).toBe(1000);
    expect(parseWholeNumber('--concurrency', '+7', range)).toBe(7);
  });

  it.each(['0', '1001', 'abc', '1.5', '1e3', '', '-1', '0x10', '12abc'])('refuses %j naming the flag, the text as typed and the range', (raw) => {
    expect(() => parseWholeNumber('--concurrency', raw, range)).toThrow(`--concurrency: ${JSON.stringify(raw)} is not valid; expected a whole number from 1 to 1000`);
  });

  it('names the unit when there is one', () => {
    expect(() => parseWholeNumber('--stop-timeout', '-1', { min: 0, max: 3600, unit: 'seconds' })).toThrow(
      '--stop-timeout: "-1" is not valid; expected a whole number of seconds from 0 to 3600',
    );
  });
});
