import { describe, expect, it } from 'vitest';
import { unwrapSnsEnvelope } from '../src/sns-envelope.js';

const envelope = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: '9d6b4d3c-0000-4000-8000-000000000000',
    TopicArn: 'arn:aws:sns:us-east-1:123456789012:work',
    Message: 'the payload',
    Timestamp: '2026-03-04T05:06:07.890Z',
    SignatureVersion: '1',
    ...fields,
  });

describe('unwrapSnsEnvelope', () => {
  it('hands the worker the Message of an envelope without a Subject (the original handed it the whole envelope)', () => {
    expect(unwrapSnsEnvelope(envelope({}))).toEqual({
      message: 'the payload',
      timestampMs: Date.parse('2026-03-04T05:06:07.890Z'),
      wasEnvelope: true,
    });
  });

  it('hands the worker the Subject of an envelope that has one', () => {
    expect(unwrapSnsEnvelope(envelope({ Subject: 'resize' }))).toMatchObject({ message: 'the payload', subject: 'resize' });
  });

  it('treats a null or empty Subject as no subject', () => {
    expect(unwrapSnsEnvelope(envelope({ Subject: null })).subject).toBeUndefined();
    expect(unwrapSnsEnvelope(envelope({ Subject: '' })).subject).toBeUndefined();
  });

  it('passes a JSON Message through as text, unparsed', () => {
    expect(unwrapSnsEnvelope(envelope({ Message: '{"a":1}' })).message).toBe('{"a":1}');
  });

  it.each([
    ['plain text', 'hello'],
    ['invalid JSON that mentions Notification', '{"Type":"Notification", oops'],
    ['JSON that is not an envelope', '{"Type":"Notification","Message":"x"}'],
    ['an envelope whose Message is not a string', envelope({ Message: { nested: true } })],
    ['a JSON array', '["Notification"]'],
    ['an empty body', ''],
  ])('returns %s unchanged', (_name, body) => {
    expect(unwrapSnsEnvelope(body)).toEqual({ message: body, wasEnvelope: false });
  });

  it('ignores an unparseable Timestamp', () => {
    expect(unwrapSnsEnvelope(envelope({ Timestamp: 'yesterday' })).timestampMs).toBeUndefined();
  });
});
