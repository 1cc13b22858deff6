/**
 * What the dashboard's JSON API and its event stream carry: samples of the queue's counts,
 * the rates computed from job history, and the snapshot a page starts from.
 */
import type { JobSummary } from '@watchbot/job-tracking';

/** The queue's counts at one instant: one point of the chart. */
export interface CountsPoint {
  /** When the counts were read, in ms since the Unix epoch. */
  readonly timeMs: number;
  /** Ready to be received. */
  readonly visible: number;
  /** Received and being worked on. */
  readonly inFlight: number;
  /** Waiting out a send delay or a retry backoff. */
  readonly delayed: number;
  /** In the dead-letter queue; null where it cannot be counted. */
  readonly deadLettered: number | null;
}

/** Throughput, failure rate and durations over the stats window, from job history. */
export interface JobRates {
  /** The window, in ms, ending at the sample's time. */
  readonly windowMs: number;
  /** Attempts settled in the window: succeeded, rejected, failed and timed out, and Batch jobs SUCCEEDED or FAILED (not no-ops or stops). */
  readonly settled: number;
  /** Settled messages per minute over the window. */
  readonly perMinute: number;
  /** Failed and timed-out attempts (and FAILED Batch jobs) as a share of settled ones, 0 to 1; null when none settled. */
  readonly failureRate: number | null;
  /** Percentiles of successful runs' durations (Batch's SUCCEEDED when no watcher job succeeded), in ms; null when none succeeded in the window. */
  readonly durationMs: { readonly p50: number; readonly p90: number; readonly p99: number } | null;
  /** Events per outcome type in the window (succeeded, failed, returned, dead-lettered …). */
  readonly outcomes: Readonly<Record<string, number>>;
}

/** One sample: what the sampler read at one tick, pushed to every open page. */
export interface DashboardSample {
  /** When it was taken, in ms since the Unix epoch. */
  readonly timeMs: number;
  /** The queue's counts; null when the queue could not be read (see `error`). */
  readonly counts: CountsPoint | null;
  /** Rates from job history; null without job history or when it could not be read. */
  readonly rates: JobRates | null;
  /** The latest jobs, newest first (at most 20); empty without job history. */
  readonly recentJobs: readonly JobSummary[];
  /** What could not be read at this sample, one line each; absent when everything was. */
  readonly errors?: readonly string[];
}

/** Which optional parts this dashboard has. */
export interface DashboardFeatures {
  /** Job history: recent jobs, timelines, rates. */
  readonly jobs: boolean;
  /** Dead letters: list, Replay, Delete. */
  readonly deadLetters: boolean;
  /** POST /api/messages (needs a send source and a token). */
  readonly sendMessages: boolean;
}

/** What a page starts from: GET /api/summary and the first event of /api/events. */
export interface DashboardSnapshot {
  /** The queue's label. */
  readonly queue: string;
  /** Which optional parts are available. */
  readonly features: DashboardFeatures;
  /** The sampling interval, in ms. */
  readonly sampleIntervalMs: number;
  /** The stats window, in ms. */
  readonly statsWindowMs: number;
  /** How many points the chart keeps. */
  readonly historyPoints: number;
  /** The latest sample. */
  readonly latest: DashboardSample;
  /** The chart's points, oldest first. */
  readonly history: readonly CountsPoint[];
}
