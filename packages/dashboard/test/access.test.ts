import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, fetchJson, postJson } from './support/dashboard-fixture.js';
import type { DashboardFixture } from './support/dashboard-fixture.js';

const token = 'k3y-0123456789abcdef';
const bearer = { Authorization: `Bearer ${token}` };

const fixtures: DashboardFixture[] = [];
async function start(...args: Parameters<typeof startFixture>): Promise<DashboardFixture> {
  const fixture = await startFixture(...args);
  fixtures.push(fixture);
  return fixture;
}
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.close()));
});

/** A GET with a Host header of our choosing (fetch always sends the URL's own). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a dashboard with a token', () => {
  it('refuses every request without the token, or with a wrong one', async () => {
    const fixture = await start({ token });
    for (const path of ['/', '/dashboard.js', '/dashboard.css', '/api/summary', '/api/events', '/api/jobs', '/api/dead-letters', '/api/nothing']) {
      const missing = await fetchJson(fixture.base, path);
      expect(missing.status, path).toBe(401);
      expect(missing.body.error.code, path).toBe('UNAUTHORIZED');
      expect(missing.headers.get('www-authenticate'), path).toBe('Bearer realm="watchbot-dashboard"');
    }
    const wrong = await fetchJson(fixture.base, '/api/summary', { headers: { Authorization: 'Bearer k3y-0123456789abcdeX' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("the token given is not this dashboard's token");
    const wrongQuery = await fetchJson(fixture.base, '/api/summary?token=nope');
    expect(wrongQuery.status).toBe(401);
    expect(fixture.countCalls()).toBe(0);
  });

  it('accepts the token as a Bearer header, or in the address of a GET', async () => {
    const fixture = await start({ token });
    expect((await fetchJson(fixture.base, '/api/summary', { headers: bearer })).status).toBe(200);
    expect((await fetchJson(fixture.base, `/api/summary?token=${token}`)).status).toBe(200);
  });

  it('links the page to its script and stylesheet with the token, so the browser can load them', async () => {
    const fixture = await start({ token });
    const page = await fetch(new URL(`/?token=${token}`, fixture.base));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`<script type="module" src="dashboard.js?token=${token}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="dashboard.css?token=${token}">`);
    expect((await fetch(new URL(`/dashboard.js?token=${token}`, fixture.base))).status).toBe(200);
  });

  it('does not take the token from the address of a POST', async () => {
    const fixture = await start({ token, deadLetters: [{ id: 'd', body: 'b', sentAtMs: 1, receiveCount: 1 }] });
    const { status } = await postJson(fixture.base, `/api/dead-letters/delete?token=${token}`, { ids: ['d'] });
    expect(status).toBe(401);
    expect(fixture.deadLetters.letters).toHaveLength(1);
    expect((await postJson(fixture.base, '/api/dead-letters/delete', { ids: ['d'] }, bearer)).status).toBe(200);
  });

  it('accepts messages by POST /api/messages in the webhook\'s shape and answers with the message id', async () => {
    const fixture = await start({ token });
    const { status, body } = await postJson(fixture.base, '/api/messages', { Message: '{"file":"a.png"}', Subject: 'resize', ignored: true }, bearer);
    expect(status).toBe(200);
    const [sent] = fixture.queue.messages();
    expect(body).toEqual({ messageId: sent?.id });
    expect(sent).toMatchObject({ body: '{"file":"a.png"}', subject: 'resize' });
    const noSubject = await postJson(fixture.base, '/api/messages', { Message: 'plain' }, bearer);
    expect(noSubject.status).toBe(200);
    expect(fixture.queue.messages()).toHaveLength(2);
  });

  it('refuses a message body that does not fit the webhook\'s shape, naming the field', async () => {
    const fixture = await start({ token });
    const cases: [unknown, string][] = [
      [{}, 'Message: missing; expected a non-empty string'],
      [{ Message: '' }, 'Message: "" is not valid; expected a non-empty string'],
      [{ Message: 42 }, 'Message: 42 is not valid; expected a non-empty string'],
      [{ Message: 'x', Subject: 's'.repeat(101) }, `Subject: "${'s'.repeat(80)}…" is not valid; expected a string of 1 to 100 characters`],
      [{ Message: 'x', Subject: '' }, 'Subject: "" is not valid; expected a string of 1 to 100 characters'],
      [['x'], 'body: ["x"] is not valid; expected a JSON object {"Message": "…", "Subject"?: "…"}'],
    ];
    for (const [payload, message] of cases) {
      const { status, body } = await postJson(fixture.base, '/api/messages', payload, bearer);
      expect(status, JSON.stringify(payload)).toBe(400);
      expect(body.error, JSON.stringify(payload)).toEqual({ code: 'INVALID_REQUEST', message });
    }
    expect(fixture.queue.messages()).toEqual([]);
  });

  it('answers a message larger than the queue accepts with 413', async () => {
    const fixture = await start({ token });
    const { status, body } = await postJson(fixture.base, '/api/messages', { Message: 'x'.repeat(1_048_577) }, bearer);
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(fixture.queue.messages()).toEqual([]);
  });
});

describe('the log', () => {
  it('names the failed request without its token', async () => {
    const lines: string[] = [];
    const fixture = await start({
      token,
      logger: { log: (entry) => void lines.push(`${entry.level} ${entry.msg}`) },
      sources: (defaults) => ({ ...defaults, deadLetters: { ...defaults.deadLetters!, count: () => Promise.reject(new Error('disk I/O error')) } }),
    });
    const { status } = await fetchJson(fixture.base, `/api/dead-letters?token=${token}`);
    expect(status).toBe(500);
    expect(lines).toEqual(['error dashboard: GET /api/dead-letters failed: the dead-letter queue failed: disk I/O error']);
  });
});

describe('a dashboard without a token', () => {
  it('does not accept messages by POST', async () => {
    const fixture = await start();
    const { status, body } = await postJson(fixture.base, '/api/messages', { Message: 'hello' });
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'NOT_AVAILABLE', message: 'POST /api/messages is available only when the dashboard is started with a token' });
    expect(fixture.queue.messages()).toEqual([]);
  });

  it('answers only to loopback host names, so another site cannot rebind its name to it', async () => {
    const fixture = await start();
    expect((await getWithHost(`${fixture.base}api/summary`, `localhost:${fixture.dashboard.port}`)).status).toBe(200);
    expect((await getWithHost(`${fixture.base}api/summary`, `[::1]:${fixture.dashboard.port}`)).status).toBe(200);
    const rebound = await getWithHost(`${fixture.base}api/summary`, `attacker.example:${fixture.dashboard.port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe('FORBIDDEN');
  });
});
