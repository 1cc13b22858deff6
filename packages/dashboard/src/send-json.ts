/** Writing JSON responses, successes and errors alike, with the security headers. */
import type { ServerResponse } from 'node:http';
import type { HttpError } from './http-error.js';
import { setSecurityHeaders } from './security-headers.js';

/** Sends `body` as JSON with `status` (default 200). */
export function sendJson(response: ServerResponse, body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  setSecurityHeaders(response);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends `error` as `{"error": {"code", "message"}}` with its status and headers. */
export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, { error: { code: error.code, message: error.message } }, error.status, error.headers);
}
