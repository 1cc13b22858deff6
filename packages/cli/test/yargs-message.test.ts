import { describe, expect, it } from 'vitest';
import { toUsageMessage } from '../src/yargs-message.js';

describe('toUsageMessage', () => {
  it('names an unknown flag as typed, with its dashes', () => {
    expect(toUsageMessage('Unknown argument: bogus', ['run', '--bogus'])).toBe('unknown option: --bogus');
    expect(toUsageMessage('Unknown argument: x', ['run', '-x'])).toBe('unknown option: -x');
    expect(toUsageMessage('Unknown argument: q', ['run', '--q=1'])).toBe('unknown option: --q');
  });

  it('quotes a stray word that is not a flag', () => {
    expect(toUsageMessage('Unknown arguments: extra, more', ['status', 'extra', 'more'])).toBe('unknown arguments: "extra", "more"');
  });

  it('says which flag needs a value', () => {
    expect(toUsageMessage('Not enough arguments following: queue', ['send', '--queue'])).toBe('--queue needs a value');
  });

  it('joins any other multi-line message into one line', () => {
    expect(toUsageMessage('Invalid values:\n  Argument: x, Given: "y"', [])).toBe('Invalid values: Argument: x, Given: "y"');
  });
});
