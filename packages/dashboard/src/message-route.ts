/**
 * POST /api/messages: the local twin of the CloudFormation template's webhook. It takes the
 * same body — `{"Message": "…", "Subject"?: "…"}`, Message a non-empty string, Subject 1 to 100
 * characters, other fields ignored — and answers as the webhook does, `{"messageId": "…"}`.
 * Only a dashboard started with a token accepts it.
 */
import type { OutgoingMessage } from '@watchbot/core';
import type { DashboardContext } from './dashboard-context.js';
import { HttpError, invalidRequest } from './http-error.js';
import { toSourceError } from './to-source-error.js';

/** The longest Subject accepted, in characters (the webhook's, and SNS's, limit). */
export const maxSubjectChars = 100;

/** Checks a webhook-shaped body and turns it into the message to send. */
export function toOutgoingMessage(body: unknown): OutgoingMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('body', body, 'a JSON object {"Message": "…", "Subject"?: "…"}');
  }
  const { Message: message, Subject: subject } = body as { Message?: unknown; Subject?: unknown };
  if (typeof message !== 'string' || message === '') throw invalidRequest('Message', message, 'a non-empty string');
  if (subject !== undefined && (typeof subject !== 'string' || subject === '' || subject.length > maxSubjectChars)) {
    throw invalidRequest('Subject', subject, `a string of 1 to ${maxSubjectChars} characters`);
  }
  return { body: message, ...(subject !== undefined && { subject }) };
}

/** Throws NOT_AVAILABLE unless this dashboard accepts messages (a token and a send source). */
export function requireMessageSending(context: DashboardContext): NonNullable<DashboardContext['sources']['send']> {
  if (context.token === undefined) {
    throw new HttpError('NOT_AVAILABLE', 'POST /api/messages is available only when the dashboard is started with a token');
  }
  const send = context.sources.send;
  if (send === undefined) throw new HttpError('NOT_AVAILABLE', 'this dashboard cannot send messages to its queue');
  return send;
}

/** POST /api/messages → `{ messageId }`. */
export async function postMessage(context: DashboardContext, body: unknown): Promise<{ messageId: string }> {
  const send = requireMessageSending(context);
  const message = toOutgoingMessage(body);
  let ids: string[];
  try {
    ids = await send.call(context.sources, [message]);
  } catch (error) {
    throw toSourceError(error, 'the queue');
  }
  const messageId = ids[0];
  if (messageId === undefined) throw new HttpError('SOURCE_FAILED', 'the queue accepted the message but returned no id');
  return { messageId };
}
