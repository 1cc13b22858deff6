import { describe, expect, it } from 'vitest';
import { createJsonLogger, createTextLogger } from '../src/json-logger.js';
import { createLogEventSink } from '../src/log-event-sink.js';
import type { LifecycleEvent } from '../src/ports/events.js';

const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const failed: LifecycleEvent = { type: 'failed', timeMs: at, messageId: 'm-1', receiveCount: 2, durationMs: 1234, exitCode: 1, signal: null, retryInSeconds: 4 };

function capture(form: 'json' | 'text', minLevel?: 'debug' | 'info') {
  const lines: string[] = [];
  const options = { write: (line: string) => lines.push(line), now: () => at, ...(minLevel && { minLevel }) };
  const logger = form === 'json' ? createJsonLogger(options) : createTextLogger(options);
  return { lines, sink: createLogEventSink(logger) };
}

describe('log lines', () => {
  it('writes one JSON object per line with level, time, message id, event, duration and exit code', () => {
    const { lines, sink } = capture('json');
    sink.emit(failed);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'error',
      time: '2026-01-02T03:04:05.678Z',
      msg: '[failure] worker exited 1 after 1.234 s; visible again in 4 s',
      event: 'failed',
      messageId: 'm-1',
      receiveCount: 2,
      durationMs: 1234,
      exitCode: 1,
      retryInSeconds: 4,
    });
  });

  it('keeps "[failure]" in the readable form too, so metric filters match either way', () => {
    const { lines, sink } = capture('text');
    sink.emit(failed);
    expect(lines[0]).toBe('03:04:05.678 ERROR [m-1] [failure] worker exited 1 after 1.234 s; visible again in 4 s  receiveCount=2 durationMs=1234 exitCode=1 retryInSeconds=4');
  });

  it.each(['timed-out', 'dead-lettered'] as const)('marks a %s event as a failure', (type) => {
    const { lines, sink } = capture('json');
    sink.emit({ ...failed, type });
    expect(JSON.parse(lines[0]!).msg).toContain('[failure]');
  });

  it('does not mark successes, rejections or no-ops as failures', () => {
    const { lines, sink } = capture('json');
    for (const type of ['succeeded', 'rejected', 'returned'] as const) sink.emit({ ...failed, type, exitCode: 0 });
    expect(lines.some((line) => line.includes('[failure]'))).toBe(false);
  });

  it('names the signal that killed a worker', () => {
    const { lines, sink } = capture('text');
    sink.emit({ ...failed, exitCode: null, signal: 'SIGKILL' });
    expect(lines[0]).toContain('[failure] worker was killed by SIGKILL');
  });

  it('writes received and started only at debug level', () => {
    const quiet = capture('json');
    const verbose = capture('json', 'debug');
    for (const { sink } of [quiet, verbose]) {
      sink.emit({ ...failed, type: 'received' });
      sink.emit({ ...failed, type: 'started' });
    }
    expect(quiet.lines).toEqual([]);
    expect(verbose.lines).toHaveLength(2);
  });

  it('tags worker output with the message id, and marks only stderr lines with their stream', () => {
    const lines: string[] = [];
    const logger = createTextLogger({ write: (line) => lines.push(line), now: () => at });
    logger.log({ level: 'info', msg: 'resized 3 tiles', messageId: 'm-1', stream: 'stdout' });
    logger.log({ level: 'info', msg: 'warning: slow disk', messageId: 'm-1', stream: 'stderr' });
    expect(lines).toEqual(['03:04:05.678 INFO  [m-1] resized 3 tiles', '03:04:05.678 INFO  [m-1] warning: slow disk  stream=stderr']);
  });

  it('never throws when a field cannot be serialised or the stream is closed', () => {
    const logger = createJsonLogger({ write: () => { throw new Error('EPIPE'); } });
    expect(() => logger.log({ level: 'info', msg: 'x', loop: 1n })).not.toThrow();
  });
});
