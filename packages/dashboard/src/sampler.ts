/**
 * The one sampler behind every open page: while at least one page listens it reads the queue's
 * counts (and job statistics) every interval on the injected clock, keeps a bounded ring of
 * points for the chart, and pushes each sample to every listener — so ten open tabs cost the
 * queue what one does. With no listener it schedules nothing.
 */
import type { Clock, Logger, QueueCounts, TimerHandle } from '@watchbot/core';
import type { JobStats, JobSummary } from '@watchbot/job-tracking';
import type { DashboardSources } from './dashboard-sources.js';
import type { CountsPoint, DashboardSample } from './dashboard-summary.js';
import { toJobRates } from './job-rates.js';
import { createPointRing } from './point-ring.js';

/** How many of the latest jobs each sample carries. */
export const recentJobsPerSample = 20;

/** What the sampler needs. */
export interface SamplerOptions {
  readonly sources: DashboardSources;
  readonly clock: Clock;
  /** Time between samples while someone listens, in ms. */
  readonly sampleIntervalMs: number;
  /** Points kept for the chart. */
  readonly historyPoints: number;
  /** The window job statistics cover, in ms. */
  readonly statsWindowMs: number;
  readonly logger?: Logger | undefined;
}

/** Receives every sample taken while subscribed. Must not throw. */
export type SampleListener = (sample: DashboardSample) => void;

/** The shared sampler. */
export interface Sampler {
  /** Takes a sample now — or joins the one already under way — records it and pushes it to every listener. */
  sample(): Promise<DashboardSample>;
  /** The latest sample (an empty one before the first). */
  latest(): DashboardSample;
  /** The chart's points, oldest first. */
  history(): CountsPoint[];
  /** Adds a listener; the first one starts the timer. Returns the unsubscribe function; the last one out stops it. */
  subscribe(listener: SampleListener): () => void;
  /** How many listeners there are. */
  readonly listeners: number;
  /** Stops the timer for good and drops every listener. */
  close(): void;
}

/** The first line of an error's message. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}

/** Creates the sampler; nothing is read until {@link Sampler.sample} is called or a listener subscribes. */
export function createSampler(options: SamplerOptions): Sampler {
  const { sources, clock, sampleIntervalMs, statsWindowMs, logger } = options;
  const ring = createPointRing<CountsPoint>(options.historyPoints);
  const listeners = new Set<SampleListener>();
  let latest: DashboardSample = { timeMs: clock.now(), counts: null, rates: null, recentJobs: [] };
  let inFlight: Promise<DashboardSample> | undefined;
  let timer: TimerHandle | undefined;
  let closed = false;
  let lastErrors = '';

  const readDeadLettered = async (counts: QueueCounts): Promise<number | null> => {
    if (counts.deadLettered !== undefined) return counts.deadLettered;
    return sources.deadLetters === undefined ? null : sources.deadLetters.count();
  };

  const take = async (): Promise<DashboardSample> => {
    const timeMs = clock.now();
    const { jobs } = sources;
    const [counts, stats, recent] = await Promise.allSettled([
      sources.getCounts().then(async (queueCounts) => ({ queueCounts, deadLettered: await readDeadLettered(queueCounts) })),
      jobs === undefined ? Promise.resolve(undefined) : jobs.stats({ sinceMs: timeMs - statsWindowMs, untilMs: timeMs }),
      jobs === undefined ? Promise.resolve<JobSummary[]>([]) : jobs.list({ limit: recentJobsPerSample }),
    ]);
    const errors: string[] = [];
    let point: CountsPoint | null = null;
    if (counts.status === 'fulfilled') {
      const { queueCounts, deadLettered } = counts.value;
      point = { timeMs, visible: queueCounts.visible, inFlight: queueCounts.inFlight, delayed: queueCounts.delayed, deadLettered };
      ring.push(point);
    } else {
      errors.push(`queue: ${describe(counts.reason)}`);
    }
    if (stats.status === 'rejected') errors.push(`job history: ${describe(stats.reason)}`);
    if (recent.status === 'rejected' && stats.status !== 'rejected') errors.push(`job history: ${describe(recent.reason)}`);
    const statsValue: JobStats | undefined = stats.status === 'fulfilled' ? stats.value : undefined;
    const sample: DashboardSample = {
      timeMs,
      counts: point,
      rates: statsValue === undefined ? null : toJobRates(statsValue),
      recentJobs: recent.status === 'fulfilled' ? recent.value : [],
      ...(errors.length > 0 && { errors }),
    };
    // Report a failure once when it starts (and once more if it changes), not at every sample.
    const errorKey = errors.join('\n');
    if (errorKey !== lastErrors && errors.length > 0) logger?.log({ level: 'warn', msg: `dashboard: could not read ${errors.join('; ')}` });
    lastErrors = errorKey;
    return sample;
  };

  const publish = async (): Promise<DashboardSample> => {
    try {
      latest = await take();
    } catch (error) {
      // take() settles every source itself; this is a guard so one bad value never stops the sampler.
      latest = { timeMs: clock.now(), counts: null, rates: null, recentJobs: [], errors: [describe(error)] };
    } finally {
      inFlight = undefined;
    }
    for (const listener of listeners) {
      try {
        listener(latest);
      } catch {
        // One broken page must not keep the sample from the others.
      }
    }
    return latest;
  };

  const sample = (): Promise<DashboardSample> => {
    inFlight ??= publish();
    return inFlight;
  };

  const schedule = (): void => {
    if (closed || timer !== undefined || listeners.size === 0) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      // The next tick is scheduled once this sample is in: a slow queue never has samples pile up.
      void sample().then(schedule);
    }, sampleIntervalMs);
  };

  const stop = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  return {
    sample,
    latest: () => latest,
    history: () => ring.toArray(),
    subscribe(listener) {
      listeners.add(listener);
      schedule();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    get listeners() {
      return listeners.size;
    },
    close() {
      closed = true;
      listeners.clear();
      stop();
    },
  };
}
