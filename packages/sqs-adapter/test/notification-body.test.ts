/** The JSON a notification is published as, and the subjects SNS will accept. */
import type { Notification } from '@watchbot/core';
import { describe, expect, it } from 'vitest';
import { maxNotificationBytes, toNotificationBody } from '../src/notification-body.js';
import { isValidSnsSubject, toSnsSubject } from '../src/sns-subject.js';

const base: Notification = {
  kind: 'failed',
  messageId: 'm-1',
  exitCode: null,
  signal: 'SIGKILL',
  receiveCount: 3,
  outputTail: [],
  summary: '[failure] worker was killed by SIGKILL after 30 s (attempt 3)',
  timeMs: Date.UTC(2026, 0, 2, 3, 4, 5),
};

describe('toNotificationBody', () => {
  it('keeps a body that fits as it is, without a subject key when there is none', () => {
    expect(JSON.parse(toNotificationBody({ ...base, outputTail: ['a', 'b'] }))).toEqual({
      kind: 'failed',
      messageId: 'm-1',
      exitCode: null,
      signal: 'SIGKILL',
      receiveCount: 3,
      outputTail: ['a', 'b'],
      summary: base.summary,
      time: '2026-01-02T03:04:05.000Z',
    });
  });

  it('cuts long lines and drops the oldest until the body fits under the SNS limit, keeping the newest', () => {
    const outputTail = Array.from({ length: 400 }, (_, i) => `${i}:${'é'.repeat(5_000)}`);
    const body = toNotificationBody({ ...base, outputTail });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(maxNotificationBytes);
    const kept = (JSON.parse(body) as { outputTail: string[] }).outputTail;
    expect(kept.at(-1)).toMatch(/^399:é+… \[3004 more characters\]$/);
    expect(kept.length).toBeGreaterThan(10);
  });
});

describe('SNS subjects', () => {
  it.each([
    ['plain text stays', 'build finished', 'build finished'],
    ['line breaks and tabs become single spaces', 'two\nlines\t here', 'two lines here'],
    ['characters outside printable ASCII become ?', 'café ✓', 'caf? ?'],
    ['an empty subject becomes [watchbot]', '  ', '[watchbot]'],
  ])('%s', (_, input, expected) => {
    expect(toSnsSubject(input)).toBe(expected);
    expect(isValidSnsSubject(toSnsSubject(input))).toBe(true);
  });

  it('a long subject is cut to 99 characters ending in ...', () => {
    const subject = toSnsSubject('x'.repeat(300));
    expect(subject).toHaveLength(99);
    expect(subject.endsWith('...')).toBe(true);
  });

  it('refuses subjects SNS refuses', () => {
    expect(isValidSnsSubject(' leading space')).toBe(false);
    expect(isValidSnsSubject('x'.repeat(100))).toBe(false);
    expect(isValidSnsSubject('ümlaut')).toBe(false);
    expect(isValidSnsSubject('')).toBe(false);
  });
});
