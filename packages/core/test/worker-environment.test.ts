import { describe, expect, it } from 'vitest';
import type { WorkMessage } from '../src/work-message.js';
import { maxEnvironmentStringBytes, toWorkerEnvironment } from '../src/worker-environment.js';
import { toWorkMessage } from '../src/work-message.js';

const message = (overrides: Partial<WorkMessage> = {}): WorkMessage => ({
  ...toWorkMessage({
    id: 'msg-1',
    body: 'hello',
    receiptHandle: 'r',
    receiveCount: 2,
    sentAtMs: Date.UTC(2026, 0, 1, 12),
    firstReceivedAtMs: Date.UTC(2026, 0, 1, 12, 0, 1),
  }),
  ...overrides,
});

describe('the worker environment', () => {
  it('carries the original contract: Message, MessageId, timestamps as ISO-8601, receive count', () => {
    const { variables, warnings } = toWorkerEnvironment(message(), '/tmp/body');
    expect(variables).toEqual({
      Message: 'hello',
      MessageFile: '/tmp/body',
      MessageId: 'msg-1',
      SentTimestamp: '2026-01-01T12:00:00.000Z',
      ApproximateFirstReceiveTimestamp: '2026-01-01T12:00:01.000Z',
      ApproximateReceiveCount: '2',
    });
    expect(warnings).toEqual([]);
  });

  it('sets Subject and MessageGroupId only when the message has them', () => {
    const { variables } = toWorkerEnvironment(message({ subject: 'resize', groupId: 'tenant-7' }), '/tmp/body');
    expect(variables.Subject).toBe('resize');
    expect(variables.MessageGroupId).toBe('tenant-7');
  });

  it('passes the stack resources that are set, and omits the rest', () => {
    const { variables } = toWorkerEnvironment(message(), '/tmp/body', { WorkTopic: 'arn:aws:sns:us-east-1:1:t', LogGroup: '' });
    expect(variables.WorkTopic).toBe('arn:aws:sns:us-east-1:1:t');
    expect('LogGroup' in variables).toBe(false);
  });

  it('keeps the largest body that fits in one environment string in Message', () => {
    const body = 'x'.repeat(maxEnvironmentStringBytes - 'Message='.length - 1);
    const { variables } = toWorkerEnvironment(message({ body }), '/tmp/body');
    expect(variables.Message).toBe(body);
    expect(variables.MessageOnlyInFile).toBeUndefined();
  });

  it('leaves Message empty and says so when the body is over 128 KiB', () => {
    const body = 'x'.repeat(maxEnvironmentStringBytes);
    const { variables, warnings } = toWorkerEnvironment(message({ body }), '/tmp/body');
    expect(variables.Message).toBe('');
    expect(variables.MessageOnlyInFile).toBe('true');
    expect(variables.MessageFile).toBe('/tmp/body');
    expect(warnings[0]).toContain('read MessageFile');
  });

  it('counts the body in UTF-8 bytes, not characters', () => {
    const body = 'é'.repeat(maxEnvironmentStringBytes / 2);
    expect(toWorkerEnvironment(message({ body }), '/f').variables.MessageOnlyInFile).toBe('true');
  });

  it('leaves Message empty for a body with a NUL byte, which no environment variable can hold', () => {
    const { variables, warnings } = toWorkerEnvironment(message({ body: 'a\0b' }), '/tmp/body');
    expect(variables.Message).toBe('');
    expect(variables.MessageOnlyInFile).toBe('true');
    expect(warnings[0]).toContain('NUL');
  });

  it('removes NUL bytes from a subject rather than failing the spawn', () => {
    const { variables, warnings } = toWorkerEnvironment(message({ subject: 'a\0b' }), '/tmp/body');
    expect(variables.Subject).toBe('ab');
    expect(warnings).toHaveLength(1);
  });

  it('leaves Subject unset, with a warning, when the subject is too large for an environment string (regression: spawn failed with E2BIG)', () => {
    const fits = 's'.repeat(maxEnvironmentStringBytes - 'Subject='.length - 1);
    expect(toWorkerEnvironment(message({ subject: fits }), '/tmp/body').variables.Subject).toBe(fits);
    const { variables, warnings } = toWorkerEnvironment(message({ subject: `${fits}s` }), '/tmp/body');
    expect('Subject' in variables).toBe(false);
    expect(warnings).toEqual([`the subject is ${maxEnvironmentStringBytes - 8} bytes, over the 128 KiB an environment variable can hold: Subject is not set`]);
  });

  it('never puts a NUL byte in any variable', () => {
    const { variables } = toWorkerEnvironment(message({ body: '\0', subject: '\0' }), '/tmp/body');
    for (const value of Object.values(variables)) expect(value).not.toContain('\0');
  });
});
