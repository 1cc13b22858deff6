import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardSample, DashboardSnapshot } from '../src/index.js';
import { startFixture, fetchJson, postJson } from './support/dashboard-fixture.js';
import type { DashboardFixture } from './support/dashboard-fixture.js';

const fixtures: DashboardFixture[] = [];
async function start(...args: Parameters<typeof startFixture>): Promise<DashboardFixture> {
  const fixture = await startFixture(...args);
  fixtures.push(fixture);
  return fixture;
}
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.close()));
});

const poison = { id: 'dl-1', body: '<img src=x onerror=alert(1)>', subject: 'resize', sentAtMs: Date.UTC(2026, 0, 1), receiveCount: 10, deadLetteredAtMs: Date.UTC(2026, 0, 1, 0, 5) };

describe('GET /api/summary', () => {
  it('reports the counts, the sources available and the history so far', async () => {
    const fixture = await start();
    await fixture.queue.send([{ body: 'a' }, { body: 'b' }, { body: 'c', delaySeconds: 60 }]);
    const { status, headers, body } = await fetchJson(fixture.base, '/api/summary');
    const snapshot = body as DashboardSnapshot;
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(snapshot.queue).toBe('memory:test');
    expect(snapshot.features).toEqual({ jobs: true, deadLetters: true, sendMessages: false });
    expect(snapshot.latest.counts).toEqual({ timeMs: fixture.clock.now(), visible: 2, inFlight: 0, delayed: 1, deadLettered: 0 });
    expect(snapshot.history).toHaveLength(1);
    expect(snapshot).toMatchObject({ sampleIntervalMs: 1000, statsWindowMs: 300_000, historyPoints: 300 });
  });

  it('computes throughput, failure rate and run-time percentiles from the job history window', async () => {
    const fixture = await start({ statsWindowMs: 60_000 });
    const now = fixture.clock.now();
    const outcome = (jobId: string, type: string, durationMs: number, ageMs = 1000) => ({ jobId, type, source: 'watcher' as const, timeMs: now - ageMs, attempt: 1, durationMs });
    await fixture.jobs.append([
      ...Array.from({ length: 8 }, (_, i) => outcome(`ok-${i}`, 'succeeded', (i + 1) * 100)),
      outcome('bad-1', 'failed', 50),
      outcome('bad-2', 'timed-out', 9000),
      outcome('noop', 'returned', 10),
      outcome('old', 'failed', 10, 120_000),
    ]);
    const { body } = await fetchJson(fixture.base, '/api/summary');
    const { rates } = (body as DashboardSnapshot).latest;
    expect(rates).toMatchObject({ windowMs: 60_000, settled: 10, perMinute: 10, failureRate: 0.2, durationMs: { p50: 400, p90: 800, p99: 800 } });
    expect(rates?.outcomes).toEqual({ succeeded: 8, failed: 1, 'timed-out': 1, returned: 1 });
  });

  it('says job history and dead letters are not available when the sources lack them', async () => {
    const fixture = await start({ sources: ({ queueLabel, getCounts }) => ({ queueLabel, getCounts }) });
    const { body } = await fetchJson(fixture.base, '/api/summary');
    const snapshot = body as DashboardSnapshot;
    expect(snapshot.features).toEqual({ jobs: false, deadLetters: false, sendMessages: false });
    expect(snapshot.latest.rates).toBeNull();
    expect(snapshot.latest.recentJobs).toEqual([]);
    for (const path of ['/api/jobs', '/api/jobs/x', '/api/dead-letters']) {
      const answer = await fetchJson(fixture.base, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code, path).toBe('NOT_AVAILABLE');
    }
  });

  it('counts dead letters through the dead-letter queue when the queue cannot tell', async () => {
    const fixture = await start({
      deadLetters: [poison],
      sources: (defaults) => ({ ...defaults, getCounts: async () => ({ visible: 1, inFlight: 0, delayed: 0 }) }),
    });
    const { body } = await fetchJson(fixture.base, '/api/summary');
    expect((body as DashboardSnapshot).latest.counts?.deadLettered).toBe(1);
  });

  it('answers with the reason when the queue cannot be read, and keeps serving', async () => {
    let broken = true;
    const fixture = await start({
      sources: (defaults) => ({
        ...defaults,
        getCounts: async () => {
          if (broken) throw Object.assign(new Error('database is locked'), { code: 'QUEUE_UNAVAILABLE' });
          return { visible: 4, inFlight: 0, delayed: 0, deadLettered: 0 };
        },
      }),
    });
    const failed = (await fetchJson(fixture.base, '/api/summary')).body as DashboardSnapshot;
    expect(failed.latest.counts).toBeNull();
    expect(failed.latest.errors).toEqual(['queue: database is locked']);
    broken = false;
    const recovered = (await fetchJson(fixture.base, '/api/summary')).body as DashboardSnapshot;
    expect(recovered.latest.counts?.visible).toBe(4);
    expect(recovered.latest.errors).toBeUndefined();
  });

  it('keeps only the newest historyPoints samples', async () => {
    const fixture = await start({ historyPoints: 3 });
    for (let i = 1; i <= 5; i++) {
      await fixture.queue.send([{ body: `m${i}` }]);
      await fixture.clock.advance(1000);
      await fetchJson(fixture.base, '/api/summary');
    }
    const { body } = await fetchJson(fixture.base, '/api/summary');
    expect((body as DashboardSnapshot).history.map((point) => point.visible)).toEqual([4, 5, 5]);
  });
});

describe('GET /api/jobs and /api/jobs/:id', () => {
  async function withHistory(): Promise<DashboardFixture> {
    const fixture = await start();
    const t = fixture.clock.now();
    await fixture.jobs.append([
      { jobId: 'job-a', type: 'received', source: 'watcher', timeMs: t - 5000, attempt: 1 },
      { jobId: 'job-a', type: 'started', source: 'watcher', timeMs: t - 4990, attempt: 1 },
      { jobId: 'job-a', type: 'failed', source: 'watcher', timeMs: t - 4000, attempt: 1, exitCode: 1, durationMs: 990, retryInSeconds: 2, outputTail: ['reading input', 'Error: no such file'] },
      { jobId: 'job-a', type: 'received', source: 'watcher', timeMs: t - 2000, attempt: 2 },
      { jobId: 'job-a', type: 'succeeded', source: 'watcher', timeMs: t - 1500, attempt: 2, exitCode: 0, durationMs: 480 },
      { jobId: 'job/b', type: 'failed', source: 'watcher', timeMs: t - 1000, attempt: 1, exitCode: 2, durationMs: 20, outputTail: ['bad'] },
    ]);
    return fixture;
  }

  it('lists recent jobs newest first, filtered by state and limited', async () => {
    const fixture = await withHistory();
    const all = await fetchJson(fixture.base, '/api/jobs');
    expect(all.status).toBe(200);
    expect(all.body.jobs.map((job: { jobId: string; state: string; attempts: number }) => [job.jobId, job.state, job.attempts])).toEqual([
      ['job/b', 'failed', 1],
      ['job-a', 'succeeded', 2],
    ]);
    const failed = await fetchJson(fixture.base, '/api/jobs?state=failed');
    expect(failed.body.jobs.map((job: { jobId: string }) => job.jobId)).toEqual(['job/b']);
    const one = await fetchJson(fixture.base, '/api/jobs?limit=1');
    expect(one.body.jobs).toHaveLength(1);
  });

  it('shows a job\'s timeline, oldest first, with the last output lines it recorded', async () => {
    const fixture = await withHistory();
    const { status, body } = await fetchJson(fixture.base, '/api/jobs/job-a');
    expect(status).toBe(200);
    expect(body.events.map((event: { type: string }) => event.type)).toEqual(['received', 'started', 'failed', 'received', 'succeeded']);
    expect(body.outputTail).toEqual(['reading input', 'Error: no such file']);
    const slashed = await fetchJson(fixture.base, `/api/jobs/${encodeURIComponent('job/b')}`);
    expect(slashed.body.jobId).toBe('job/b');
  });

  it('answers 404 UNKNOWN_JOB for a job the history does not have', async () => {
    const fixture = await withHistory();
    const { status, body } = await fetchJson(fixture.base, '/api/jobs/nope');
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'UNKNOWN_JOB', message: 'no job "nope" in the job history' });
  });

  it('refuses a bad limit or state with a line naming the parameter', async () => {
    const fixture = await withHistory();
    for (const [query, message] of [
      ['limit=abc', 'limit: "abc" is not valid; expected a whole number from 1 to 500'],
      ['limit=0', 'limit: "0" is not valid; expected a whole number from 1 to 500'],
      ['limit=501', 'limit: "501" is not valid; expected a whole number from 1 to 500'],
      ['state=%3Cscript%3E', 'state: "<script>" is not valid; expected an event type such as succeeded, failed or timed-out'],
    ] as const) {
      const { status, body } = await fetchJson(fixture.base, `/api/jobs?${query}`);
      expect(status, query).toBe(400);
      expect(body.error, query).toEqual({ code: 'INVALID_REQUEST', message });
    }
    const badEscape = await fetchJson(fixture.base, '/api/jobs/%E0%A4%A');
    expect(badEscape.status).toBe(400);
  });
});

describe('dead letters', () => {
  it('lists dead letters with the start of each body and its size', async () => {
    const long = { id: 'dl-2', body: 'x'.repeat(5000), sentAtMs: 1, receiveCount: 3 };
    const fixture = await start({ deadLetters: [poison, long] });
    const { status, body } = await fetchJson(fixture.base, '/api/dead-letters');
    expect(status).toBe(200);
    expect(body.count).toBe(2);
    expect(body.deadLetters[0]).toEqual({ ...poison, bodyBytes: 28, bodyTruncated: false });
    expect(body.deadLetters[1]).toMatchObject({ id: 'dl-2', bodyBytes: 5000, bodyTruncated: true });
    expect(body.deadLetters[1].body).toHaveLength(2000);
    const limited = await fetchJson(fixture.base, '/api/dead-letters?limit=1');
    expect(limited.body).toMatchObject({ count: 2, deadLetters: [{ id: 'dl-1' }] });
  });

  it('replays a dead letter to the work queue and reports ids it could not find', async () => {
    const fixture = await start({ deadLetters: [poison] });
    const { status, body } = await postJson(fixture.base, '/api/dead-letters/replay', { ids: ['dl-1', 'missing'] });
    expect(status).toBe(200);
    expect(body).toEqual({ done: ['dl-1'], failed: [{ id: 'missing', code: 'MESSAGE_NOT_FOUND', message: 'no dead letter with id "missing"' }] });
    expect(fixture.deadLetters.letters).toEqual([]);
    expect(fixture.queue.messages().map((message) => [message.body, message.subject])).toEqual([[poison.body, 'resize']]);
  });

  it('deletes a dead letter for good', async () => {
    const fixture = await start({ deadLetters: [poison] });
    const { status, body } = await postJson(fixture.base, '/api/dead-letters/delete', { ids: ['dl-1'] });
    expect(status).toBe(200);
    expect(body).toEqual({ done: ['dl-1'], failed: [] });
    expect(fixture.deadLetters.letters).toEqual([]);
    expect(fixture.queue.messages()).toEqual([]);
  });

  it('refuses malformed actions with 4xx JSON and acts on nothing', async () => {
    const fixture = await start({ deadLetters: [poison] });
    const cases: [string, RequestInit, number, string][] = [
      ['not JSON', { body: '{"ids": [', headers: { 'Content-Type': 'application/json' } }, 400, 'INVALID_JSON'],
      ['no ids', { body: '{}', headers: { 'Content-Type': 'application/json' } }, 400, 'INVALID_REQUEST'],
      ['ids not strings', { body: '{"ids": [1]}', headers: { 'Content-Type': 'application/json' } }, 400, 'INVALID_REQUEST'],
      ['too many ids', { body: JSON.stringify({ ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) }), headers: { 'Content-Type': 'application/json' } }, 400, 'INVALID_REQUEST'],
      ['a form post', { body: 'ids=dl-1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['text/plain', { body: '{"ids":["dl-1"]}', headers: { 'Content-Type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['too large', { body: JSON.stringify({ ids: ['dl-1'], pad: 'x'.repeat(70_000) }), headers: { 'Content-Type': 'application/json' } }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [label, init, status, code] of cases) {
      const answer = await fetchJson(fixture.base, '/api/dead-letters/delete', { method: 'POST', ...init });
      expect(answer.status, label).toBe(status);
      expect(answer.body.error.code, label).toBe(code);
      expect(answer.body.error.message, label).toMatch(/^[^\n]+$/);
    }
    expect(fixture.deadLetters.letters).toHaveLength(1);
    const after = await fetchJson(fixture.base, '/api/dead-letters');
    expect(after.status).toBe(200);
  });

  it('answers a failing dead-letter queue with 500 JSON and one line', async () => {
    const fixture = await start({
      sources: (defaults) => ({
        ...defaults,
        deadLetters: { ...defaults.deadLetters!, list: async () => Promise.reject(new Error('AccessDenied: not allowed\n  at stack')) },
      }),
    });
    const { status, body } = await fetchJson(fixture.base, '/api/dead-letters');
    expect(status).toBe(500);
    expect(body.error).toEqual({ code: 'SOURCE_FAILED', message: 'the dead-letter queue failed: AccessDenied: not allowed at stack' });
  });
});

describe('routes and headers', () => {
  it('answers unknown paths with 404 and wrong methods with 405 and an Allow header', async () => {
    const fixture = await start();
    const missing = await fetchJson(fixture.base, '/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const wrongMethod = await fetchJson(fixture.base, '/api/dead-letters/replay');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const postToRead = await postJson(fixture.base, '/api/summary', {});
    expect(postToRead.status).toBe(405);
    expect(postToRead.headers.get('allow')).toBe('GET');
  });

  it('serves the page with a strict Content-Security-Policy and no CORS', async () => {
    const fixture = await start();
    const page = await fetch(fixture.base, { headers: { Origin: 'http://evil.example' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(html).toContain('<script type="module" src="dashboard.js"></script>');
    expect(html).not.toContain('{{');
    for (const [path, type] of [['/dashboard.js', 'text/javascript; charset=utf-8'], ['/dashboard.css', 'text/css; charset=utf-8']] as const) {
      const asset = await fetch(new URL(path, fixture.base));
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toBe(type);
    }
    const preflight = await fetch(new URL('/api/dead-letters/delete', fixture.base), { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a POST from another origin', async () => {
    const fixture = await start({ deadLetters: [poison] });
    const { status, body } = await postJson(fixture.base, '/api/dead-letters/delete', { ids: ['dl-1'] }, { Origin: 'http://evil.example' });
    expect(status).toBe(403);
    expect(body.error.code).toBe('FORBIDDEN');
    expect(fixture.deadLetters.letters).toHaveLength(1);
  });
});

describe('the sample shape', () => {
  it('carries the latest jobs with each sample', async () => {
    const fixture = await start();
    await fixture.jobs.append([{ jobId: 'j1', type: 'succeeded', source: 'watcher', timeMs: fixture.clock.now(), attempt: 1, durationMs: 5 }]);
    const { body } = await fetchJson(fixture.base, '/api/summary');
    const latest = (body as DashboardSnapshot).latest as DashboardSample;
    expect(latest.recentJobs).toEqual([{ jobId: 'j1', source: 'watcher', state: 'succeeded', attempts: 1, firstSeenMs: fixture.clock.now(), lastSeenMs: fixture.clock.now(), durationMs: 5 }]);
  });
});

describe('messages of dead-letter actions', () => {
  it('name the ids field and show what was sent', async () => {
    const fixture = await start();
    const missing = await postJson(fixture.base, '/api/dead-letters/replay', {});
    expect(missing.body.error.message).toBe('ids: missing; expected an array of 1 to 100 message ids (non-empty strings)');
    const numbers = await postJson(fixture.base, '/api/dead-letters/replay', { ids: [1, 2] });
    expect(numbers.body.error.message).toBe('ids: [1,2] is not valid; expected an array of 1 to 100 message ids (non-empty strings)');
  });
});
