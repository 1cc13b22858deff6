import { describe, expect, it } from 'vitest';
import { outcomeActions, toOutcome } from '../src/outcomes.js';

describe('the exit-code table', () => {
  it.each([
    [0, 'succeeded', 'delete', false],
    [3, 'rejected', 'delete', true],
    [4, 'noop', 'backoff', false],
    [1, 'failed', 'backoff', true],
    [2, 'failed', 'backoff', true],
    [127, 'failed', 'backoff', true],
    [255, 'failed', 'backoff', true],
  ] as const)('exit %i means %s: the message is %s-settled, notify=%s', (exitCode, outcome, settle, notify) => {
    const result = toOutcome({ exitCode, signal: null });
    expect(result).toBe(outcome);
    expect(outcomeActions[result].settle).toBe(settle);
    expect(outcomeActions[result].notify).toBe(notify);
  });

  it('counts a worker killed by a signal as failed', () => {
    expect(toOutcome({ exitCode: null, signal: 'SIGKILL' })).toBe('failed');
  });

  it('counts a worker that could not be started as failed', () => {
    expect(toOutcome({ exitCode: null, signal: null, startError: new Error('E2BIG') })).toBe('failed');
  });

  it('counts a worker ended for running too long as timed out, whatever it exited with', () => {
    expect(toOutcome({ exitCode: 0, signal: null }, 'timeout')).toBe('timed-out');
    expect(outcomeActions['timed-out']).toMatchObject({ settle: 'backoff', notify: true, isFailure: true });
  });

  it('releases a worker ended by a stop at once, without a notification', () => {
    expect(toOutcome({ exitCode: null, signal: 'SIGTERM' }, 'stop')).toBe('stopped');
    expect(outcomeActions.stopped).toEqual({ settle: 'release', notify: false, isFailure: false });
  });

  it('does not count a no-op or a rejection as a failure', () => {
    expect(outcomeActions.noop.isFailure).toBe(false);
    expect(outcomeActions.rejected.isFailure).toBe(false);
  });
});
