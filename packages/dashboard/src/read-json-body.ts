/**
 * Reads a POST's JSON body, refusing a wrong Content-Type and stopping at a size cap: a body
 * larger than the cap is never buffered whole.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** Sent with a refusal before the body was read: the unread rest must not be taken for the next request. */
const closeConnection = { Connection: 'close' };

/** Reads and parses the JSON body of `request`, at most `maxBytes` bytes. */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  // A cross-site form can post text/plain without a preflight; JSON needs one, which CORS-less servers fail.
  if (type !== 'application/json') {
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', `Content-Type: ${JSON.stringify(type ?? '')} is not accepted; send application/json`, { headers: closeConnection });
  }
  const tooLarge = (): HttpError =>
    new HttpError('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes.toLocaleString('en-US')} bytes`, { headers: closeConnection });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError('INVALID_JSON', `the request body is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
