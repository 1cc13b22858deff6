import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DashboardSample, DashboardSnapshot } from '../src/index.js';
import { openEventStream } from './support/event-stream-client.js';
import type { EventStreamClient } from './support/event-stream-client.js';
import { startFixture } from './support/dashboard-fixture.js';
import type { DashboardFixture } from './support/dashboard-fixture.js';

const fixtures: DashboardFixture[] = [];
const streams: EventStreamClient[] = [];
async function start(...args: Parameters<typeof startFixture>): Promise<DashboardFixture> {
  const fixture = await startFixture(...args);
  fixtures.push(fixture);
  return fixture;
}
async function connect(fixture: DashboardFixture, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const stream = await openEventStream(new URL('/api/events', fixture.base).href, headers);
  streams.push(stream);
  return stream;
}
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.close()));
});

describe('GET /api/events', () => {
  it('starts with a snapshot of fresh counts, then pushes a sample every interval', async () => {
    const fixture = await start({ sampleIntervalMs: 1000 });
    await fixture.queue.send([{ body: 'a' }]);
    const stream = await connect(fixture);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const first = await stream.next();
    expect(first.event).toBe('snapshot');
    expect((first.data as DashboardSnapshot).latest.counts?.visible).toBe(1);

    await fixture.queue.send([{ body: 'b' }, { body: 'c' }]);
    await fixture.clock.advance(1000);
    const second = await stream.next();
    expect(second.event).toBe('sample');
    expect((second.data as DashboardSample).counts).toMatchObject({ visible: 3, timeMs: fixture.clock.now() });

    const [received] = await fixture.queue.receive(1, { waitMs: 0, visibilityTimeoutSeconds: 30 });
    expect(received).toBeDefined();
    await fixture.clock.advance(1000);
    expect(((await stream.next()).data as DashboardSample).counts).toMatchObject({ visible: 2, inFlight: 1 });
  });

  it('counts the queue once per interval however many pages listen', async () => {
    const fixture = await start({ sampleIntervalMs: 1000 });
    const pages: EventStreamClient[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await connect(fixture);
      expect((await page.next()).event).toBe('snapshot');
      pages.push(page);
    }
    // One sample for each page as it connected (pages connecting at once share one).
    expect(fixture.countCalls()).toBe(3);
    for (let tick = 1; tick <= 4; tick++) {
      await fixture.clock.advance(1000);
      for (const page of pages) expect((await page.next()).event).toBe('sample');
      expect(fixture.countCalls()).toBe(3 + tick);
    }
  });

  it('stops sampling when the last page leaves, and starts again when one returns', async () => {
    const fixture = await start({ sampleIntervalMs: 1000 });
    expect(fixture.clock.pendingTimers()).toBe(0);
    const one = await connect(fixture);
    await one.next();
    const two = await connect(fixture);
    await two.next();
    expect(fixture.clock.pendingTimers()).toBe(1);
    one.close();
    await fixture.clock.advance(1000);
    expect((await two.next()).event).toBe('sample');
    two.close();
    await vi.waitFor(() => expect(fixture.clock.pendingTimers()).toBe(0));
    const calls = fixture.countCalls();
    await fixture.clock.advance(60_000);
    expect(fixture.countCalls()).toBe(calls);

    const three = await connect(fixture);
    const snapshot = (await three.next()).data as DashboardSnapshot;
    expect(fixture.countCalls()).toBe(calls + 1);
    // The chart's history survives while nobody watches.
    expect(snapshot.history.length).toBe(4);
    await fixture.clock.advance(1000);
    expect((await three.next()).event).toBe('sample');
  });

  it('keeps streaming when a sample fails, and says what failed', async () => {
    let broken = false;
    const lines: string[] = [];
    const fixture = await start({
      logger: { log: (entry) => void lines.push(`${entry.level} ${entry.msg}`) },
      sources: (defaults) => ({
        ...defaults,
        getCounts: async () => {
          if (broken) throw new Error('SQLITE_BUSY: database is locked');
          return { visible: 1, inFlight: 0, delayed: 0, deadLettered: 0 };
        },
      }),
    });
    const stream = await connect(fixture);
    await stream.next();
    broken = true;
    await fixture.clock.advance(1000);
    const failed = (await stream.next()).data as DashboardSample;
    expect(failed.counts).toBeNull();
    expect(failed.errors).toEqual(['queue: SQLITE_BUSY: database is locked']);
    await fixture.clock.advance(1000);
    expect(((await stream.next()).data as DashboardSample).counts).toBeNull();
    // Said once when it starts, not at every sample.
    expect(lines).toEqual(['warn dashboard: could not read queue: SQLITE_BUSY: database is locked']);
    broken = false;
    await fixture.clock.advance(1000);
    expect(((await stream.next()).data as DashboardSample).counts?.visible).toBe(1);
  });

  it('needs the token like every other request, from the header or the address', async () => {
    const token = 'a-token-for-events-0001';
    const fixture = await start({ token });
    const refused = await connect(fixture);
    expect(refused.response.status).toBe(401);
    const byHeader = await connect(fixture, { Authorization: `Bearer ${token}` });
    expect((await byHeader.next()).event).toBe('snapshot');
    const byAddress = await openEventStream(new URL(`/api/events?token=${token}`, fixture.base).href);
    streams.push(byAddress);
    expect((await byAddress.next()).event).toBe('snapshot');
  });

  it('ends every stream when the dashboard closes', async () => {
    const fixture = await start();
    const stream = await connect(fixture);
    await stream.next();
    await fixture.close();
    await expect(stream.next()).rejects.toThrow('the event stream ended');
    expect(fixture.clock.pendingTimers()).toBe(0);
  });
});
