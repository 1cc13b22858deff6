import { describe, expect, it } from 'vitest';
import { isWatchbotError } from '../src/errors.js';
import { createMetricsEventSink } from '../src/metrics-event-sink.js';
import type { MetricsEventSinkOptions } from '../src/metrics-event-sink.js';
import type { LifecycleEvent } from '../src/ports/events.js';

const sentAtMs = Date.UTC(2026, 0, 2, 3, 4, 0, 0);
const doneAtMs = sentAtMs + 5_678;
const base = { messageId: 'm-1', receiveCount: 1, sentAtMs, timeMs: doneAtMs } as const;

function capture(options: Omit<MetricsEventSinkOptions, 'write'> = {}) {
  const lines: string[] = [];
  const sink = createMetricsEventSink({ ...options, write: (line) => lines.push(line) });
  return { lines, sink, documents: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Every metric a directive declares must have a number at the root, as CloudWatch requires. */
function expectParsableEmf(document: Record<string, unknown>): void {
  const aws = document._aws as { Timestamp: unknown; CloudWatchMetrics: { Namespace: unknown; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  expect(Number.isInteger(aws.Timestamp)).toBe(true);
  expect(aws.CloudWatchMetrics).toHaveLength(1);
  const [directive] = aws.CloudWatchMetrics;
  expect(typeof directive!.Namespace).toBe('string');
  for (const set of directive!.Dimensions) for (const name of set) expect(typeof document[name]).toBe('string');
  for (const metric of directive!.Metrics) expect(typeof document[metric.Name]).toBe('number');
}

describe('the metrics event sink', () => {
  it('writes one EMF line per succeeded message: processed, no error, worker duration and response time from send to done', () => {
    const { lines, sink } = capture({ dimensions: { QueueName: 'jobs' } });
    sink.emit({ ...base, type: 'succeeded', durationMs: 1_234, exitCode: 0, signal: null });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      _aws: {
        Timestamp: doneAtMs,
        CloudWatchMetrics: [
          {
            Namespace: 'Watchbot',
            Dimensions: [['QueueName']],
            Metrics: [
              { Name: 'MessagesProcessed', Unit: 'Count' },
              { Name: 'WorkerErrors', Unit: 'Count' },
              { Name: 'WorkerDuration', Unit: 'Milliseconds' },
              { Name: 'ResponseTime', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      QueueName: 'jobs',
      Outcome: 'succeeded',
      MessagesProcessed: 1,
      WorkerErrors: 0,
      WorkerDuration: 1_234,
      ResponseTime: 5_678,
    });
  });

  it.each(['failed', 'timed-out'] as const)('counts a %s message as a worker error, without a response time since it is not done', (type) => {
    const { documents, sink } = capture();
    sink.emit({ ...base, type, durationMs: 40, exitCode: 1, signal: null, retryInSeconds: 2 });
    const [document] = documents();
    expectParsableEmf(document!);
    expect(document).toMatchObject({ Outcome: type, MessagesProcessed: 1, WorkerErrors: 1, WorkerDuration: 40 });
    expect(document).not.toHaveProperty('ResponseTime');
  });

  it('counts a rejected message as processed without an error, with its response time (it is deleted)', () => {
    const { documents, sink } = capture();
    sink.emit({ ...base, type: 'rejected', durationMs: 7, exitCode: 3, signal: null });
    expect(documents()[0]).toMatchObject({ Outcome: 'rejected', MessagesProcessed: 1, WorkerErrors: 0, WorkerDuration: 7, ResponseTime: 5_678 });
  });

  it('counts a returned message (no-op or stopped) as processed without an error or a response time', () => {
    const { documents, sink } = capture();
    sink.emit({ ...base, type: 'returned', reason: 'noop', durationMs: 7, exitCode: 4, signal: null });
    expect(documents()[0]).toMatchObject({ Outcome: 'returned', MessagesProcessed: 1, WorkerErrors: 0, WorkerDuration: 7 });
    expect(documents()[0]).not.toHaveProperty('ResponseTime');
  });

  it('writes MessageReceives on each receive, DeadLetters on a dead letter, and nothing when a worker starts', () => {
    const { documents, sink } = capture({ namespace: 'Tiles', dimensions: { QueueName: 'jobs' } });
    sink.emit({ ...base, type: 'received', timeMs: sentAtMs + 10 });
    sink.emit({ ...base, type: 'started' });
    sink.emit({ ...base, type: 'dead-lettered' });
    expect(documents()).toEqual([
      {
        _aws: { Timestamp: sentAtMs + 10, CloudWatchMetrics: [{ Namespace: 'Tiles', Dimensions: [['QueueName']], Metrics: [{ Name: 'MessageReceives', Unit: 'Count' }] }] },
        QueueName: 'jobs',
        MessageReceives: 1,
      },
      {
        _aws: { Timestamp: doneAtMs, CloudWatchMetrics: [{ Namespace: 'Tiles', Dimensions: [['QueueName']], Metrics: [{ Name: 'DeadLetters', Unit: 'Count' }] }] },
        QueueName: 'jobs',
        DeadLetters: 1,
      },
    ]);
  });

  it('declares one empty dimension set when no dimensions are given, so CloudWatch still extracts the metrics', () => {
    const { documents, sink } = capture();
    sink.emit({ ...base, type: 'received' });
    expect(documents()[0]).toEqual({
      _aws: { Timestamp: doneAtMs, CloudWatchMetrics: [{ Namespace: 'Watchbot', Dimensions: [[]], Metrics: [{ Name: 'MessageReceives', Unit: 'Count' }] }] },
      MessageReceives: 1,
    });
  });

  it('leaves out the response time when the send time is unknown, and never reports a negative one', () => {
    const { documents, sink } = capture();
    const { sentAtMs: _unknown, ...withoutSentTime } = base;
    sink.emit({ ...withoutSentTime, type: 'succeeded', durationMs: 1, exitCode: 0, signal: null });
    sink.emit({ ...base, sentAtMs: doneAtMs + 2_000, type: 'succeeded', durationMs: 1, exitCode: 0, signal: null });
    const [unknown, skewed] = documents();
    expect(unknown).not.toHaveProperty('ResponseTime');
    expect((unknown!._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] }).CloudWatchMetrics[0]!.Metrics.map((m) => m.Name)).not.toContain('ResponseTime');
    expect(skewed).toMatchObject({ ResponseTime: 0 });
  });

  it('writes lines that declare a number for every metric and a string for every dimension', () => {
    const { documents, sink } = capture({ dimensions: { QueueName: 'jobs', Stack: 'tiles-prod' } });
    const events: LifecycleEvent[] = [
      { ...base, type: 'received' },
      { ...base, type: 'succeeded', durationMs: 3, exitCode: 0, signal: null },
      { ...base, type: 'failed', durationMs: 3, exitCode: 1, signal: null },
      { ...base, type: 'timed-out', durationMs: 3, exitCode: null, signal: 'SIGTERM' },
      { ...base, type: 'dead-lettered' },
    ];
    for (const event of events) sink.emit(event);
    expect(documents()).toHaveLength(5);
    for (const document of documents()) expectParsableEmf(document);
  });

  it('keeps each line small: under 512 bytes for a settled message with a long queue name', () => {
    const { lines, sink } = capture({ dimensions: { QueueName: 'a-queue-with-a-fairly-long-name-of-sixty-characters-in-total' } });
    sink.emit({ ...base, type: 'timed-out', durationMs: 43_200_000, exitCode: null, signal: 'SIGKILL' });
    expect(Buffer.byteLength(lines[0]!)).toBeLessThan(512);
  });

  it('never throws when the stream is closed', () => {
    const sink = createMetricsEventSink({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => sink.emit({ ...base, type: 'received' })).not.toThrow();
  });

  it.each([
    [{ MessagesProcessed: 'x' }, /dimensions: "MessagesProcessed" is not valid/],
    [{ Outcome: 'x' }, /dimensions: "Outcome" is not valid/],
    [{ QueueName: '' }, /dimensions\.QueueName: "" is not valid; expected a string of 1 to 1024 characters/],
    [Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, 'x'])), /dimensions: "31 dimensions" is not valid; expected at most 30/],
  ])('refuses dimensions CloudWatch would reject (%#) with an INVALID_OPTION error', (dimensions, message) => {
    let caught: unknown;
    try {
      createMetricsEventSink({ dimensions });
    } catch (error) {
      caught = error;
    }
    expect(isWatchbotError(caught, 'INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });
});
