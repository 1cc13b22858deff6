/**
 * Writes platform events (ECS task and Batch job state changes) into a job store, beside the
 * watcher's own events: one write at a time, each taking every event that waited for it, so a
 * burst costs a few appends and the order of a job's events is kept. Each `write` says whether
 * its event was stored, so `track` deletes an event message only once it is recorded.
 */
import type { JobEvent, JobStore } from '@watchbot/job-tracking';

/** The most events one append carries. */
const maxBatch = 100;

/** A writer of job events into one store. */
export interface JobEventWriter {
  /** Queues `event` for the store; resolves once it is stored, rejects with the store's error when the append failed. */
  write(event: JobEvent): Promise<void>;
  /** Resolves once every event written so far has been stored or has failed. Never rejects. */
  idle(): Promise<void>;
}

interface Waiting {
  readonly event: JobEvent;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Creates a writer over `store` (which its owner closes, after {@link JobEventWriter.idle}). */
export function createJobEventWriter(store: Pick<JobStore, 'append'>): JobEventWriter {
  const waiting: Waiting[] = [];
  let writing: Promise<void> | undefined;

  const pump = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        await store.append(batch.map((entry) => entry.event));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    writing = undefined;
  };

  return {
    write(event) {
      const stored = new Promise<void>((resolve, reject) => {
        waiting.push({ event, resolve, reject });
      });
      writing ??= pump();
      return stored;
    },
    async idle() {
      while (writing !== undefined) await writing;
    },
  };
}
