/**
 * A job store for the sink's tests whose behaviour the test scripts: it records each batch it
 * is given, and can be made to fail (an outage) or to hang (a store that never answers).
 */
import type { JobEvent, JobStore } from '../src/index.js';

/** A {@link JobStore} under the test's control. Only `append` is used by the sink. */
export interface ScriptedJobStore extends JobStore {
  /** Every batch appended successfully, in order. */
  readonly batches: JobEvent[][];
  /** Every call to append, failed ones included, with the manual clock's time. */
  readonly attemptTimesMs: number[];
  /** Every event stored, in order. */
  stored(): JobEvent[];
  /** From now on, appends reject with `error` (an outage) … */
  fail(error?: Error): void;
  /** … or never settle (a store that hangs) … */
  hang(): void;
  /** … or succeed again. */
  recover(): void;
}

/** Creates a scripted store; `now` stamps each attempt. */
export function createScriptedJobStore(now: () => number): ScriptedJobStore {
  const batches: JobEvent[][] = [];
  const attemptTimesMs: number[] = [];
  let mode: { kind: 'ok' } | { kind: 'fail'; error: Error } | { kind: 'hang' } = { kind: 'ok' };
  const unsupported = async (): Promise<never> => {
    throw new Error('not used by the sink');
  };
  return {
    batches,
    attemptTimesMs,
    stored: () => batches.flat(),
    fail(error = new Error('connect ECONNREFUSED 127.0.0.1:8000')) {
      mode = { kind: 'fail', error };
    },
    hang() {
      mode = { kind: 'hang' };
    },
    recover() {
      mode = { kind: 'ok' };
    },
    async append(events) {
      attemptTimesMs.push(now());
      if (mode.kind === 'fail') throw mode.error;
      if (mode.kind === 'hang') return new Promise<void>(() => undefined);
      batches.push([...events]);
    },
    list: unsupported,
    history: unsupported,
    stats: unsupported,
    async close() {},
  };
}
