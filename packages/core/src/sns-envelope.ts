/**
 * SNS → SQS delivery wraps the published payload in a JSON envelope (unless raw delivery
 * is on). The worker wants the payload, so the envelope is recognised and unwrapped —
 * with or without a Subject, which the original got wrong.
 */

/** What an SNS envelope carried, or the body as is when it was not one. */
export interface UnwrappedBody {
  /** The payload: the envelope's `Message`, or the whole body when it was not an envelope. */
  readonly message: string;
  /** The envelope's `Subject`, when it had a non-empty one. */
  readonly subject?: string;
  /** The envelope's `Timestamp`, in ms since the Unix epoch, when it had a valid one. */
  readonly timestampMs?: number;
  /** True when the body was an SNS envelope. */
  readonly wasEnvelope: boolean;
}

/**
 * Unwraps an SNS notification envelope. A body is an envelope when it is a JSON object with
 * `Type` "Notification", a string `Message` and a string `TopicArn`; anything else —
 * including invalid JSON or a broken envelope — is returned unchanged as the message.
 */
export function unwrapSnsEnvelope(body: string): UnwrappedBody {
  // Cheap test first: most bodies are not envelopes, and JSON.parse of 1 MiB is not free.
  if (!body.includes('"Notification"') || !body.trimStart().startsWith('{')) {
    return { message: body, wasEnvelope: false };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: body, wasEnvelope: false };
  }
  if (!isEnvelope(parsed)) return { message: body, wasEnvelope: false };
  const timestampMs = typeof parsed.Timestamp === 'string' ? Date.parse(parsed.Timestamp) : Number.NaN;
  return {
    message: parsed.Message,
    ...(typeof parsed.Subject === 'string' && parsed.Subject !== '' && { subject: parsed.Subject }),
    ...(Number.isFinite(timestampMs) && { timestampMs }),
    wasEnvelope: true,
  };
}

interface SnsEnvelope {
  Type: 'Notification';
  Message: string;
  TopicArn: string;
  Subject?: unknown;
  Timestamp?: unknown;
}

function isEnvelope(value: unknown): value is SnsEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return record.Type === 'Notification' && typeof record.Message === 'string' && typeof record.TopicArn === 'string';
}
