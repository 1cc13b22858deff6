/**
 * The job-history sink: emit only buffers, batches are written on the injected clock, a store
 * outage is logged once and survived, the buffer stays bounded, and close is bounded too.
 */
import type { LifecycleEvent, LogEntry } from '@watchbot/core';
import { createManualClock } from '@watchbot/core/testing';
import type { ManualClock } from '@watchbot/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createJobHistorySink, toJobEvent } from '../src/index.js';
import type { JobHistorySinkOptions } from '../src/index.js';
import { createScriptedJobStore } from './scripted-job-store.js';
import type { ScriptedJobStore } from './scripted-job-store.js';

let clock: ManualClock;
let store: ScriptedJobStore;
let logs: LogEntry[];
beforeEach(() => {
  clock = createManualClock();
  store = createScriptedJobStore(() => clock.now());
  logs = [];
});

function makeSink(options: Partial<JobHistorySinkOptions> = {}) {
  return createJobHistorySink({ store, clock, logger: { log: (entry) => logs.push(entry) }, host: 'test-host:1', ...options });
}

let sequence = 0;
function event(type: LifecycleEvent['type'] = 'received', extra: Partial<LifecycleEvent> = {}): LifecycleEvent {
  return { type, timeMs: clock.now(), messageId: `m-${++sequence}`, receiveCount: 1, ...extra };
}

const warnings = (): string[] => logs.filter((entry) => entry.level === 'warn').map((entry) => entry.msg);

describe('createJobHistorySink', () => {
  it('maps a lifecycle event to a job event: attempt, exit, signal, duration, retry, tail, error as detail, subject, host', () => {
    const failed = event('failed', {
      receiveCount: 3,
      exitCode: null,
      signal: 'SIGKILL',
      durationMs: 1_234,
      retryInSeconds: 8,
      outputTail: ['a', 'x'.repeat(5_000)],
      error: 'spawn /bin/sh ENOENT',
      subject: 'resize',
      sentAtMs: 1,
      groupId: 'g',
    });
    expect(toJobEvent(failed, 'ip-10-0-0-1:42')).toEqual({
      jobId: failed.messageId,
      timeMs: failed.timeMs,
      type: 'failed',
      source: 'watcher',
      attempt: 3,
      exitCode: null,
      signal: 'SIGKILL',
      durationMs: 1_234,
      retryInSeconds: 8,
      outputTail: ['a', `${'x'.repeat(2_000)}… [3000 more characters]`],
      detail: 'spawn /bin/sh ENOENT',
      subject: 'resize',
      host: 'ip-10-0-0-1:42',
    });
    expect(toJobEvent(event('returned', { reason: 'stopped', exitCode: null, signal: null }), 'h').detail).toBe('returned to the queue: the watcher was stopping');
  });

  it('cuts a huge subject and error to 1,000 characters, so one message cannot bloat the history or exceed an item', () => {
    const stored = toJobEvent(event('failed', { subject: 's'.repeat(200_000), error: 'e'.repeat(5_000) }), 'h');
    expect(stored.subject).toBe(`${'s'.repeat(1_000)}… [199000 more characters]`);
    expect(stored.detail).toBe(`${'e'.repeat(1_000)}… [4000 more characters]`);
  });

  it('only buffers on emit, and writes the buffered events in one batch when the flush interval has passed', async () => {
    const sink = makeSink({ flushIntervalMs: 1_000 });
    const emitted = [event('received'), event('started'), event('succeeded', { exitCode: 0, durationMs: 5 })];
    for (const lifecycleEvent of emitted) sink.emit(lifecycleEvent);
    await clock.settle();
    expect(store.attemptTimesMs).toEqual([]);
    expect(sink.pending).toBe(3);
    await clock.advance(999);
    expect(store.batches).toEqual([]);
    await clock.advance(1);
    expect(store.batches).toEqual([emitted.map((lifecycleEvent) => toJobEvent(lifecycleEvent, 'test-host:1'))]);
    expect(sink.pending).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('writes a full batch at once, and the rest when the interval has passed', async () => {
    const sink = makeSink({ maxBatch: 10, flushIntervalMs: 1_000 });
    for (let index = 0; index < 25; index++) sink.emit(event());
    await clock.advance(0);
    expect(store.batches.map((batch) => batch.length)).toEqual([10, 10]);
    await clock.advance(1_000);
    expect(store.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(store.stored().map((stored) => stored.jobId)).toEqual(Array.from({ length: 25 }, (_, index) => `m-${sequence - 24 + index}`));
  });

  it('survives a store outage: one warning, retries with backoff, then everything written in order and one line on recovery', async () => {
    const sink = makeSink({ flushIntervalMs: 1_000, maxRetryDelayMs: 60_000 });
    store.fail();
    const first = [event(), event()];
    for (const lifecycleEvent of first) sink.emit(lifecycleEvent);
    await clock.advance(1_000);
    expect(store.attemptTimesMs).toHaveLength(1);
    // Processing goes on: events keep arriving during the outage.
    const during = Array.from({ length: 5 }, () => event('started'));
    for (const lifecycleEvent of during) expect(() => sink.emit(lifecycleEvent)).not.toThrow();
    await clock.advance(2_000 + 4_000 + 8_000);
    const start = store.attemptTimesMs[0] ?? 0;
    expect(store.attemptTimesMs.map((timeMs) => timeMs - start)).toEqual([0, 2_000, 6_000, 14_000]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('cannot record events (connect ECONNREFUSED 127.0.0.1:8000)');
    expect(sink.pending).toBe(7);
    store.recover();
    await clock.advance(16_000);
    expect(store.stored().map((stored) => stored.jobId)).toEqual([...first, ...during].map((lifecycleEvent) => lifecycleEvent.messageId));
    expect(warnings()).toHaveLength(1);
    expect(logs.filter((entry) => entry.level === 'info').map((entry) => entry.msg)).toEqual(['job history: recording again after 30 s and 4 failed attempts; no events were lost']);
  });

  it('keeps at most maxBuffered events through an outage, dropping the oldest, and reports the count once', async () => {
    const sink = makeSink({ flushIntervalMs: 1_000, maxBuffered: 5 });
    store.fail();
    const emitted = Array.from({ length: 12 }, () => event());
    sink.emit(emitted[0] as LifecycleEvent);
    await clock.advance(1_000);
    for (const lifecycleEvent of emitted.slice(1)) sink.emit(lifecycleEvent);
    await clock.advance(60_000);
    expect(sink.pending).toBe(5);
    expect(sink.dropped).toBe(7);
    store.recover();
    await clock.advance(60_000);
    expect(store.stored().map((stored) => stored.jobId)).toEqual(emitted.slice(-5).map((lifecycleEvent) => lifecycleEvent.messageId));
    expect(warnings()).toHaveLength(1);
    expect(logs.at(-1)?.msg).toContain('7 events were dropped while it was unavailable');
  });

  it('drops the oldest events, with one warning, when the store is too slow to keep up', async () => {
    const sink = makeSink({ flushIntervalMs: 1_000, maxBuffered: 5 });
    store.hang();
    sink.emit(event());
    await clock.advance(1_000);
    expect(store.attemptTimesMs).toHaveLength(1);
    for (let index = 0; index < 20; index++) sink.emit(event());
    expect(sink.pending).toBe(5);
    expect(sink.dropped).toBe(15);
    expect(warnings()).toEqual(['job history: more than 5 events are waiting for the store; dropping the oldest']);
    // Waiting on the store arms no timer per event.
    expect(clock.pendingTimers()).toBe(0);
  });

  it('skips an event it cannot store without holding up the others', async () => {
    const sink = makeSink({ flushIntervalMs: 1_000 });
    sink.emit({ ...event(), messageId: '' });
    const good = event();
    sink.emit(good);
    await clock.advance(1_000);
    expect(store.stored().map((stored) => stored.jobId)).toEqual([good.messageId]);
    expect(sink.dropped).toBe(1);
  });

  it('never throws from emit, even when the store throws at once and the logger throws', async () => {
    const sink = createJobHistorySink({
      store: { ...store, append: () => { throw new Error('boom'); } },
      clock,
      logger: { log: () => { throw new Error('logger broke'); } },
    });
    expect(() => sink.emit(event())).not.toThrow();
    await expect(clock.advance(5_000)).resolves.toBeUndefined();
    expect(sink.pending).toBe(1);
  });

  it('writes what is buffered on close, without waiting for the interval, and ignores later events', async () => {
    const sink = makeSink({ flushIntervalMs: 60_000 });
    sink.emit(event());
    sink.emit(event());
    await sink.close();
    expect(store.stored()).toHaveLength(2);
    sink.emit(event());
    await clock.advance(120_000);
    expect(store.stored()).toHaveLength(2);
    expect(sink.dropped).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('gives up on close after closeTimeoutMs when the store never answers, saying how many events were lost', async () => {
    const sink = makeSink({ closeTimeoutMs: 3_000 });
    store.hang();
    for (let index = 0; index < 4; index++) sink.emit(event());
    let closed = false;
    const closing = sink.close().then(() => {
      closed = true;
    });
    await clock.advance(2_999);
    expect(closed).toBe(false);
    await clock.advance(1);
    await closing;
    expect(warnings()).toEqual(['job history: 4 events could not be recorded within 3000 ms of closing (the store did not answer); 4 events were lost in all']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('retries a failing store on close until the deadline, and writes everything if it comes back in time', async () => {
    const sink = makeSink({ closeTimeoutMs: 5_000 });
    store.fail();
    for (let index = 0; index < 3; index++) sink.emit(event());
    const closing = sink.close();
    await clock.advance(1_000);
    expect(store.attemptTimesMs.length).toBeGreaterThanOrEqual(2);
    store.recover();
    await clock.advance(1_000);
    await closing;
    expect(store.stored()).toHaveLength(3);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stops retrying a store that stays down at the close deadline, saying how many events were lost', async () => {
    const sink = makeSink({ closeTimeoutMs: 5_000 });
    store.fail();
    for (let index = 0; index < 3; index++) sink.emit(event());
    const closing = sink.close();
    await clock.advance(5_000);
    await closing;
    expect(store.attemptTimesMs.length).toBeGreaterThanOrEqual(4);
    expect(warnings().at(-1)).toBe('job history: 3 events could not be recorded within 5000 ms of closing (the store was unavailable); 3 events were lost in all');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('refuses a batch size of 0 with INVALID_OPTION', () => {
    expect(() => makeSink({ maxBatch: 0 })).toThrow('maxBatch: 0 is not valid');
  });
});
