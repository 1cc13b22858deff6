/**
 * The writer `track` and task-mode `listen` record platform events with: every event that waited
 * for a write goes in the next one, in order, and each caller learns whether its event was stored.
 */
import type { JobEvent } from '@watchbot/job-tracking';
import { describe, expect, it } from 'vitest';
import { createJobEventWriter } from '../src/job-event-writer.js';

const event = (jobId: string, type: string): JobEvent => ({ jobId, timeMs: 1_780_000_000_000, type, source: 'ecs' });

describe('createJobEventWriter', () => {
  it('writes the events that arrive during a write together in the next one, in order', async () => {
    const appends: string[][] = [];
    let release: () => void = () => undefined;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const writer = createJobEventWriter({
      append: async (events) => {
        appends.push(events.map((one) => one.type));
        if (appends.length === 1) await firstWrite;
      },
    });
    const written = [writer.write(event('a', 'PENDING')), writer.write(event('a', 'RUNNING')), writer.write(event('a', 'STOPPED'))];
    release();
    await Promise.all(written);
    expect(appends).toEqual([['PENDING'], ['RUNNING', 'STOPPED']]);
  });

  it("rejects the events of a failed write with the store's error, and goes on with the next", async () => {
    let calls = 0;
    const writer = createJobEventWriter({
      append: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database is locked');
      },
    });
    const first = writer.write(event('a', 'RUNNING'));
    await expect(first).rejects.toThrow('database is locked');
    await expect(writer.write(event('a', 'STOPPED'))).resolves.toBeUndefined();
    await writer.idle();
    expect(calls).toBe(2);
  });
});
