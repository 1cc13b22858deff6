import { describe, expect, it } from 'vitest';
import { WatchbotError } from '../src/errors.js';
import type { Queue } from '../src/ports/queue.js';
import { createManualClock } from '../src/testing/manual-clock.js';
import { createMemoryQueue } from '../src/testing/memory-queue.js';
import { createWatcher } from '../src/watcher.js';
import { createFunctionRunner } from '../src/function-runner.js';
import { createHarness } from './watcher-harness.js';

describe('the watcher settles each message by its exit code', () => {
  it('deletes the message when the worker exits 0, without a notification', async () => {
    const h = createHarness();
    const [id] = await h.send('job');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.finish('job', 0);
    expect(h.queue.messages()).toEqual([]);
    expect(h.notifier.sent).toEqual([]);
    expect(h.events.typesFor(id!)).toEqual(['received', 'started', 'succeeded']);
    await h.watcher.stop();
  });

  it('deletes the message and notifies when the worker exits 3 (rejected)', async () => {
    const h = createHarness();
    const [id] = await h.send('job');
    void h.watcher.run();
    await h.clock.advance(0);
    h.worker.running.get('job')!.job.onOutput('stderr', 'bad input: no such file');
    await h.finish('job', 3);
    expect(h.queue.messages()).toEqual([]);
    expect(h.notifier.sent).toMatchObject([{ kind: 'rejected', messageId: id, exitCode: 3, outputTail: ['bad input: no such file'] }]);
    expect(h.notifier.sent[0]!.summary).toContain('[rejected]');
    await h.watcher.stop();
  });

  it('returns the message with backoff and no notification when the worker exits 4 (no-op)', async () => {
    const h = createHarness();
    const [id] = await h.send('job');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.finish('job', 4);
    expect(h.queue.messages()).toHaveLength(1);
    expect(await h.queue.getCounts()).toMatchObject({ visible: 0, delayed: 1 });
    expect(h.notifier.sent).toEqual([]);
    expect(h.events.events.at(-1)).toMatchObject({ type: 'returned', reason: 'noop', messageId: id, retryInSeconds: 2 });
    await h.watcher.stop();
  });

  it('returns the message with backoff 2^receiveCount s and notifies when the worker exits 1', async () => {
    const h = createHarness();
    const [id] = await h.send('job');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.finish('job', 1);
    expect(h.notifier.sent).toMatchObject([{ kind: 'failed', messageId: id, exitCode: 1, receiveCount: 1 }]);
    expect(h.notifier.sent[0]!.summary).toContain('[failure]');
    await h.clock.advance(1999);
    expect(h.worker.started).toEqual(['job']);
    await h.clock.advance(1);
    expect(h.worker.started).toEqual(['job', 'job']);
    await h.finish('job', 1);
    await h.clock.advance(3999);
    expect(h.worker.started).toHaveLength(2);
    await h.clock.advance(1);
    expect(h.worker.started).toHaveLength(3);
    expect(h.events.events.filter((e) => e.type === 'failed').map((e) => e.retryInSeconds)).toEqual([2, 4]);
    await h.watcher.stop();
  });

  it('treats a worker that throws like a failure and keeps its error in the output tail', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    await queue.send([{ body: 'x' }]);
    const notified: string[][] = [];
    const watcher = createWatcher({
      queue,
      clock,
      runner: createFunctionRunner(() => {
        throw new Error('boom');
      }),
      notifier: { notify: async (n) => void notified.push([...n.outputTail]) },
      receiveWaitMs: 0,
    });
    void watcher.run();
    await clock.advance(0);
    expect(notified).toEqual([['boom']]);
    await watcher.stop();
  });

  it('dead-letters a message on its last allowed receive at once, reports it, and notifies once', async () => {
    const h = createHarness({ maxReceives: 2, exitWhenEmpty: true });
    const [id] = await h.send('poison');
    const run = h.watcher.run();
    await h.clock.advance(0);
    await h.finish('poison', 1);
    await h.clock.advance(2000);
    await h.finish('poison', 1);
    await h.clock.advance(0);
    expect(h.queue.deadLetters().map((m) => m.id)).toEqual([id]);
    expect(h.events.typesFor(id!)).toEqual(['received', 'started', 'failed', 'received', 'started', 'failed', 'dead-lettered']);
    expect(h.notifier.sent.map((n) => n.kind)).toEqual(['failed', 'dead-lettered']);
    await expect(run).resolves.toMatchObject({ reason: 'empty', settled: { failed: 2 } });
  });
});

describe('concurrency', () => {
  it('never runs more workers than --concurrency, and receives only as many messages as there are free slots', async () => {
    const h = createHarness({ concurrency: 3 });
    const received: number[] = [];
    const queue: Queue = { ...h.queue, receive: async (n, o) => { received.push(n); return h.queue.receive(n, o); } };
    const h2 = createHarness({ concurrency: 3, queue });
    await h2.send(...[]);
    await h.queue.send(['a', 'b', 'c', 'd', 'e'].map((body) => ({ body })));
    void h2.watcher.run();
    await h.clock.advance(0);
    await h2.clock.advance(0);
    expect(h2.worker.running.size).toBe(3);
    expect(await h.queue.getCounts()).toMatchObject({ visible: 2, inFlight: 3 });
    await h2.finish('b', 0);
    await h2.clock.advance(0);
    expect(h2.worker.running.size).toBe(3);
    expect(received.every((n) => n <= 3)).toBe(true);
    expect(received).toContain(1);
    expect(h2.worker.peak).toBe(3);
    await h2.watcher.stop();
  });

  it('runs two messages of one FIFO group one after the other, even when received together', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    // A queue that, like SQS FIFO, may hand out several messages of one group in one receive.
    const batchy: Queue = {
      ...queue,
      receive: async () => [
        { id: '1', body: 'first', receiptHandle: 'r1', receiveCount: 1, sentAtMs: 0, firstReceivedAtMs: 0, groupId: 'g' },
        { id: '2', body: 'second', receiptHandle: 'r2', receiveCount: 1, sentAtMs: 0, firstReceivedAtMs: 0, groupId: 'g' },
      ],
      deleteMessages: async () => ({ failed: [] }),
    };
    const order: string[] = [];
    let release: (() => void) | undefined;
    const watcher = createWatcher({
      queue: batchy,
      clock,
      concurrency: 4,
      maxMessages: 2,
      runner: createFunctionRunner(async (job) => {
        order.push(`start ${job.message.body}`);
        if (job.message.body === 'first') await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${job.message.body}`);
        return 0;
      }),
    });
    const run = watcher.run();
    await clock.advance(0);
    expect(order).toEqual(['start first']);
    release!();
    await expect(run).resolves.toMatchObject({ reason: 'max-messages', settled: { succeeded: 2 } });
    expect(order).toEqual(['start first', 'end first', 'start second', 'end second']);
  });
});

describe('the heartbeat', () => {
  it('keeps a long-running message invisible past its visibility timeout', async () => {
    const h = createHarness({ visibilityTimeoutSeconds: 30 });
    await h.send('long');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.clock.advance(10 * 60_000);
    expect(await h.queue.getCounts()).toMatchObject({ visible: 0, inFlight: 1 });
    expect(h.worker.started).toEqual(['long']);
    await h.finish('long', 0);
    expect(h.queue.messages()).toEqual([]);
    await h.watcher.stop();
  });

  it('stops extending at the 12-hour ceiling and says so', async () => {
    const h = createHarness({ visibilityTimeoutSeconds: 3600 });
    await h.send('forever');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.clock.advance(13 * 3600_000);
    expect(h.logs.some((entry) => entry.level === 'warn' && entry.msg.includes('ceiling'))).toBe(true);
    const message = h.queue.messages()[0]!;
    expect(message.visibleAtMs - message.firstReceivedAtMs!).toBeLessThanOrEqual(43_200_000);
    await h.watcher.stop();
  });

  it('stops extending once the message is settled', async () => {
    const h = createHarness({ visibilityTimeoutSeconds: 30 });
    await h.send('short');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.finish('short', 4);
    const returnedUntil = h.queue.messages()[0]!.visibleAtMs;
    await h.clock.advance(1000);
    expect(h.queue.messages()[0]!.visibleAtMs).toBe(returnedUntil);
    await h.watcher.stop();
  });
});

describe('max job duration', () => {
  it('ends a worker that runs too long and returns its message as a failure', async () => {
    const h = createHarness({ maxJobDurationSeconds: 5 });
    const [id] = await h.send('slow');
    void h.watcher.run();
    await h.clock.advance(0);
    await h.clock.advance(4999);
    expect(h.worker.running.has('slow')).toBe(true);
    await h.clock.advance(1);
    expect(h.worker.running.has('slow')).toBe(false);
    expect(h.events.typesFor(id!)).toEqual(['received', 'started', 'timed-out']);
    expect(h.notifier.sent).toMatchObject([{ kind: 'failed' }]);
    expect(h.logs.length + h.events.events.length).toBeGreaterThan(0);
    await h.watcher.stop();
  });
});

describe('graceful stop', () => {
  it('stops receiving and lets running workers finish within the stop timeout', async () => {
    const h = createHarness({ stopTimeoutSeconds: 10 });
    await h.send('a', 'b');
    const run = h.watcher.run();
    await h.clock.advance(0);
    const stopped = h.watcher.stop();
    await h.clock.advance(5000);
    await h.finish('a', 0);
    await expect(run).resolves.toMatchObject({ reason: 'stopped', settled: { succeeded: 1 } });
    await stopped;
    expect(h.worker.started).toEqual(['a']);
    expect(await h.queue.getCounts()).toMatchObject({ visible: 1, inFlight: 0 });
  });

  it('ends workers still running at the stop timeout and makes their messages visible at once', async () => {
    const h = createHarness({ stopTimeoutSeconds: 10, concurrency: 2 });
    const ids = await h.send('a', 'b');
    const run = h.watcher.run();
    await h.clock.advance(0);
    void h.watcher.stop();
    await h.clock.advance(9999);
    expect(h.worker.running.size).toBe(2);
    await h.clock.advance(1);
    await expect(run).resolves.toMatchObject({ reason: 'stopped', settled: { stopped: 2 } });
    expect(await h.queue.getCounts()).toMatchObject({ visible: 2, inFlight: 0, delayed: 0 });
    expect(h.notifier.sent).toEqual([]);
    expect(h.events.events.filter((e) => e.type === 'returned').map((e) => [e.messageId, e.reason])).toEqual(
      ids.map((id) => [id, 'stopped']),
    );
  });

  it('with a stop timeout of 0, releases running messages immediately', async () => {
    const h = createHarness({ stopTimeoutSeconds: 0 });
    await h.send('a');
    const run = h.watcher.run();
    await h.clock.advance(0);
    await h.watcher.stop();
    await expect(run).resolves.toMatchObject({ settled: { stopped: 1 } });
    expect(await h.queue.getCounts()).toMatchObject({ visible: 1 });
  });

  it('stops an idle watcher promptly, without waiting out the long poll', async () => {
    const h = createHarness({ receiveWaitMs: 20_000 });
    const run = h.watcher.run();
    await h.clock.advance(100);
    await h.watcher.stop();
    await expect(run).resolves.toMatchObject({ reason: 'stopped' });
  });
});

describe('exit when empty', () => {
  it('exits once nothing is visible, in flight or waiting out a backoff', async () => {
    const h = createHarness({ exitWhenEmpty: true });
    await h.send('a');
    const run = h.watcher.run();
    let done = false;
    void run.then(() => (done = true));
    await h.clock.advance(0);
    await h.finish('a', 4);
    await h.clock.advance(1000);
    expect(done).toBe(false);
    await h.clock.advance(1000);
    await h.finish('a', 0);
    await h.clock.advance(0);
    await expect(run).resolves.toMatchObject({ reason: 'empty', settled: { noop: 1, succeeded: 1 } });
  });

  it('never aborts a receive to notice the end (on SQS that would hand messages back)', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    await queue.send(['a', 'b', 'c', 'd', 'e'].map((body) => ({ body })));
    let aborted = 0;
    const watching: Queue = {
      ...queue,
      receive: async (n, o) => {
        o.signal?.addEventListener('abort', () => (aborted += 1));
        return queue.receive(n, o);
      },
    };
    const finishers: (() => void)[] = [];
    const watcher = createWatcher({
      queue: watching,
      clock,
      concurrency: 3,
      exitWhenEmpty: true,
      runner: createFunctionRunner(() => new Promise<number>((resolve) => finishers.push(() => resolve(0)))),
    });
    const run = watcher.run();
    for (let round = 0; round < 5; round++) {
      await clock.advance(0);
      finishers.splice(0).forEach((finish) => finish());
    }
    await expect(run).resolves.toMatchObject({ reason: 'empty', settled: { succeeded: 5 } });
    expect(aborted).toBe(0);
  });

  it('exits at once on an empty queue', async () => {
    const h = createHarness({ exitWhenEmpty: true, receiveWaitMs: 20_000 });
    const run = h.watcher.run();
    await h.clock.advance(0);
    await expect(run).resolves.toMatchObject({ reason: 'empty' });
  });
});

describe('max messages', () => {
  it('settles exactly maxMessages messages, then stops', async () => {
    const h = createHarness({ maxMessages: 1, concurrency: 4 });
    await h.send('a', 'b', 'c');
    const run = h.watcher.run();
    await h.clock.advance(0);
    expect(h.worker.started).toEqual(['a']);
    await h.finish('a', 0);
    await expect(run).resolves.toMatchObject({ reason: 'max-messages', settled: { succeeded: 1 } });
    expect(await h.queue.getCounts()).toMatchObject({ visible: 2 });
  });
});

describe('queue errors', () => {
  it('backs off and recovers by itself when receives fail for a while', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    await queue.send([{ body: 'after the outage' }]);
    let failuresLeft = 3;
    const receiveTimes: number[] = [];
    const flaky: Queue = {
      ...queue,
      receive: async (n, o) => {
        receiveTimes.push(clock.now());
        if (failuresLeft-- > 0) throw new WatchbotError('QUEUE_UNAVAILABLE', 'connection refused');
        return queue.receive(n, o);
      },
    };
    const logs: string[] = [];
    const watcher = createWatcher({
      queue: flaky,
      clock,
      exitWhenEmpty: true,
      random: () => 1,
      runner: createFunctionRunner(() => 0),
      logger: { log: (entry) => logs.push(entry.msg) },
    });
    const run = watcher.run();
    await clock.advance(60_000);
    await expect(run).resolves.toMatchObject({ reason: 'empty', settled: { succeeded: 1 } });
    const gaps = receiveTimes.slice(1, 4).map((time, i) => time - receiveTimes[i]!);
    expect(gaps).toEqual([1000, 2000, 4000]);
    expect(logs.filter((line) => line.startsWith('could not receive messages (connection refused)'))).toHaveLength(3);
  });

  it('keeps retrying every 8 s at most during a long outage, so it resumes within seconds of the return', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    await queue.send([{ body: 'after a long outage' }]);
    const outageEndsAt = clock.now() + 120_000;
    const receiveTimes: number[] = [];
    const flaky: Queue = {
      ...queue,
      receive: async (n, o) => {
        receiveTimes.push(clock.now());
        if (clock.now() < outageEndsAt) throw new WatchbotError('QUEUE_UNAVAILABLE', 'connection refused');
        return queue.receive(n, o);
      },
    };
    const watcher = createWatcher({ queue: flaky, clock, exitWhenEmpty: true, random: () => 1, runner: createFunctionRunner(() => 0), logger: { log: () => {} } });
    const run = watcher.run();
    await clock.advance(180_000);
    await expect(run).resolves.toMatchObject({ reason: 'empty', settled: { succeeded: 1 } });
    const gaps = receiveTimes.slice(1).map((time, i) => time - receiveTimes[i]!);
    expect(Math.max(...gaps)).toBe(8000);
    const firstAfterReturn = receiveTimes.find((time) => time >= outageEndsAt)!;
    expect(firstAfterReturn - outageEndsAt).toBeLessThanOrEqual(8000);
    // An outage of two minutes costs about 20 receives, not a hot loop.
    expect(receiveTimes.filter((time) => time < outageEndsAt).length).toBeLessThan(25);
  });

  it('stops with the error when the queue does not exist', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    const missing: Queue = {
      ...queue,
      receive: async () => {
        throw new WatchbotError('QUEUE_NOT_FOUND', 'no such queue: jobs');
      },
    };
    const watcher = createWatcher({ queue: missing, clock, runner: createFunctionRunner(() => 0) });
    await expect(watcher.run()).rejects.toMatchObject({ code: 'QUEUE_NOT_FOUND' });
  });

  it('stops with the error when the queue refuses the credentials', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    const denied: Queue = {
      ...queue,
      receive: async () => {
        throw new WatchbotError('QUEUE_ACCESS_DENIED', 'access denied to jobs');
      },
    };
    const watcher = createWatcher({ queue: denied, clock, runner: createFunctionRunner(() => 0) });
    await expect(watcher.run()).rejects.toMatchObject({ code: 'QUEUE_ACCESS_DENIED' });
  });

  it('does not crash when a delete fails; the message stays in the queue to be delivered again', async () => {
    const h = createHarness();
    const failingDeletes: Queue = { ...h.queue, deleteMessages: async () => { throw new WatchbotError('QUEUE_WRITE_FAILED', 'disk full'); } };
    const h2 = createHarness({ queue: failingDeletes });
    await h.queue.send([{ body: 'x' }]);
    void h2.watcher.run();
    await h.clock.advance(0);
    await h2.clock.advance(0);
    await h2.finish('x', 0);
    expect(h.queue.messages()).toHaveLength(1);
    expect(h2.logs.some((entry) => entry.level === 'error' && entry.msg.includes('could not delete the message (disk full)'))).toBe(true);
    await h2.watcher.stop();
  });
});

describe('robustness', () => {
  it('does not spin when the queue answers empty receives at once', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    let receives = 0;
    const counting: Queue = { ...queue, receive: async (n, o) => { receives += 1; return queue.receive(n, o); } };
    const watcher = createWatcher({ queue: counting, clock, receiveWaitMs: 0, runner: createFunctionRunner(() => 0) });
    void watcher.run();
    await clock.advance(10_000);
    expect(receives).toBeGreaterThanOrEqual(30);
    expect(receives).toBeLessThanOrEqual(41);
    await watcher.stop();
  });

  it('logs decode warnings and still runs the message', async () => {
    const h = createHarness();
    const withWarning: Queue = {
      ...h.queue,
      receive: async (n, o) => (await h.queue.receive(n, o)).map((m) => ({ ...m, decodeWarnings: ['the body is not valid UTF-8'] })),
    };
    const h2 = createHarness({ queue: withWarning });
    await h.queue.send([{ body: 'x' }]);
    void h2.watcher.run();
    await h.clock.advance(0);
    await h2.clock.advance(0);
    await h2.finish('x', 0);
    expect(h2.logs.some((entry) => entry.msg === 'the body is not valid UTF-8')).toBe(true);
    await h2.watcher.stop();
  });

  it('keeps processing when an event sink throws', async () => {
    const clock = createManualClock();
    const queue = createMemoryQueue({ clock });
    await queue.send([{ body: 'x' }]);
    const watcher = createWatcher({
      queue,
      clock,
      exitWhenEmpty: true,
      runner: createFunctionRunner(() => 0),
      events: { emit: () => { throw new Error('sink down'); } },
    });
    const run = watcher.run();
    await clock.advance(0);
    await expect(run).resolves.toMatchObject({ settled: { succeeded: 1 } });
  });

  it('rejects invalid options with one line naming the option', () => {
    const queue = createMemoryQueue();
    expect(() => createWatcher({ queue, runner: createFunctionRunner(() => 0), concurrency: 0 })).toThrow(
      'concurrency: 0 is not valid; expected a whole number from 1 to 1000',
    );
  });
});
