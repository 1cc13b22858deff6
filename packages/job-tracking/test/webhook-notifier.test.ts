/**
 * Notifications that point at the history, and the webhook notifier against a real HTTP
 * server on 127.0.0.1 started by each test: what it posts, and that a slow, failing or
 * unreachable endpoint is logged, never thrown, and bounded in time.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LogEntry, Notification } from '@watchbot/core';
import { createManualClock, createMemoryNotifier } from '@watchbot/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookNotifier, withHistoryPointer } from '../src/index.js';

interface Received {
  readonly method: string;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/** Starts a server on 127.0.0.1 that records each request and answers with `respond`. */
async function startServer(respond: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', contentType: request.headers['content-type'] ?? '', body: JSON.parse(text) as Record<string, unknown> });
      respond(request, response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/T000/secret-token`, received };
}

const failure: Notification = {
  kind: 'failed',
  messageId: 'msg-1',
  subject: 'resize',
  exitCode: 1,
  signal: null,
  receiveCount: 2,
  outputTail: ['reading input', 'Error: disk full'],
  summary: '[failure] worker exited 1 after 0.120 s (attempt 2)',
  timeMs: Date.UTC(2026, 0, 1, 12),
  history: 'watchbot jobs show msg-1 --queue jobs',
};

describe('withHistoryPointer', () => {
  it('adds where to see the job history to every notification', async () => {
    const memory = createMemoryNotifier();
    const { history, ...withoutHistory } = failure;
    void history;
    await withHistoryPointer(memory, (messageId) => `watchbot jobs show ${messageId}`).notify(withoutHistory);
    expect(memory.sent).toEqual([{ ...withoutHistory, history: 'watchbot jobs show msg-1' }]);
  });
});

describe('createWebhookNotifier', () => {
  it('posts the notification as JSON with a text field chat tools display', async () => {
    const { url, received } = await startServer((_request, response) => response.writeHead(204).end());
    const logs: LogEntry[] = [];
    await createWebhookNotifier({ url, logger: { log: (entry) => logs.push(entry) }, clock: createManualClock() }).notify(failure);
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.contentType).toBe('application/json');
    expect(received[0]?.body).toEqual({
      kind: 'failed',
      messageId: 'msg-1',
      subject: 'resize',
      summary: '[failure] worker exited 1 after 0.120 s (attempt 2)',
      exitCode: 1,
      signal: null,
      receiveCount: 2,
      outputTail: ['reading input', 'Error: disk full'],
      history: 'watchbot jobs show msg-1 --queue jobs',
      time: '2026-01-01T12:00:00.000Z',
      text: [
        'Watchbot: [failure] worker exited 1 after 0.120 s (attempt 2) — message msg-1 (resize)',
        'History: watchbot jobs show msg-1 --queue jobs',
        '```',
        'reading input',
        'Error: disk full',
        '```',
      ].join('\n'),
    });
    expect(logs).toEqual([]);
  });

  it('logs an endpoint that answers with an error, naming only its origin (the path may hold a secret), and does not throw', async () => {
    const { url } = await startServer((_request, response) => response.writeHead(500, 'Internal Server Error').end('no'));
    const logs: LogEntry[] = [];
    await createWebhookNotifier({ url, logger: { log: (entry) => logs.push(entry) }, clock: createManualClock() }).notify(failure);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'warn', messageId: 'msg-1' });
    expect(logs[0]?.msg).toContain('answered 500 Internal Server Error; the failed notification was not delivered');
    expect(logs[0]?.msg).toContain(new URL(url).origin);
    expect(logs[0]?.msg).not.toContain('secret-token');
  });

  it('gives up on an endpoint that does not answer within timeoutMs, on the injected clock', async () => {
    const { url, received } = await startServer(() => undefined);
    const clock = createManualClock();
    const logs: LogEntry[] = [];
    let settled = false;
    const delivery = createWebhookNotifier({ url, logger: { log: (entry) => logs.push(entry) }, clock, timeoutMs: 2_000 })
      .notify(failure)
      .then(() => {
        settled = true;
      });
    while (received.length === 0) await clock.settle();
    await clock.advance(1_999);
    expect(settled).toBe(false);
    await clock.advance(1);
    await delivery;
    expect(logs.map((entry) => entry.msg)).toEqual([expect.stringContaining('did not answer within 2000 ms; the failed notification was not delivered')]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('logs an endpoint that cannot be reached, and does not throw', async () => {
    const { url } = await startServer(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const logs: LogEntry[] = [];
    await createWebhookNotifier({ url, logger: { log: (entry) => logs.push(entry) }, clock: createManualClock() }).notify(failure);
    expect(logs.map((entry) => entry.msg)).toEqual([expect.stringMatching(/cannot be reached \(.*ECONNREFUSED.*\); the failed notification was not delivered/)]);
  });

  it('refuses a URL that is not http or https with INVALID_OPTION', () => {
    expect(() => createWebhookNotifier({ url: 'ftp://example.com/x', logger: { log() {} }, clock: createManualClock() })).toThrow(
      'url: "ftp://example.com/x" is not valid; expected an http or https URL',
    );
  });
});
